"""Office import benchmark: a 650-member city committee written as an office keeps it (a printed roster and
its liaison lists, names instead of ids, several names per cell), then timed: reading it directly
(`pbgraph.load`, as every command does) and `pbgraph import` to a canonical folder with its report.

The number of manual steps before the first analysis is counted by running `pbgraph analyze coverage` on the
workbook as it is: zero when that succeeds.

    python -m benchmarks.office                 # median of 5 runs
    python -m benchmarks.office --repeat 9

Results go to benchmarks/office_results.json and a Markdown line on stdout.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = 650
TARGET_SECONDS = 1.0


def city_workbook(folder: Path, *, seed: int = 0) -> tuple[Path, dict[str, int]]:
    """Generate one city committee of 650 members and write it in the office form."""
    from pbgraph.generate import CITY, Scale, generate_tables
    from pbgraph.io import write_csv_tables
    from pbgraph.office.writer import write_office_workbook

    city = dataclasses.replace(CITY, members=(MEMBERS, MEMBERS), contacts_per_member=1.2)
    tables = generate_tables(Scale(levels=(city,)), seed=seed)
    canonical = folder / "canonical"
    write_csv_tables(tables, canonical)
    import pbgraph

    ds = pbgraph.load(canonical)
    path = write_office_workbook(ds, folder / "委员名单及联系一览表.xlsx")
    sizes = {name: len(frame) for name, frame in ds.tables.items()}
    return path, sizes


def _time(func: Any, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (on a shared machine the CPU time is the steadier figure)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from click.testing import CliRunner

    import pbgraph
    from pbgraph.cli import main as cli
    from pbgraph.office import import_dataset

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, sizes = city_workbook(folder)
        loaded = pbgraph.load(path)
        assert len(loaded.members) == MEMBERS
        load_wall, load_cpu = _time(lambda: pbgraph.load(path, cache=False), args.repeat)
        counter = iter(range(args.repeat))
        import_wall, import_cpu = _time(
            lambda: import_dataset([path], folder / f"out{next(counter)}"), args.repeat
        )
        # the first analysis straight from the workbook: no step in between
        result = CliRunner().invoke(cli, ["analyze", "coverage", str(path)])
        manual_steps = 0 if result.exit_code == 0 else None
    results = {
        "members": sizes["members"],
        "liaisons": sizes["liaisons"],
        "contacts": sizes["contacts"],
        "organizations": sizes["organizations"],
        "memberships": sizes["memberships"],
        "load_wall_median": statistics.median(load_wall),
        "load_cpu_median": statistics.median(load_cpu),
        "import_wall_median": statistics.median(import_wall),
        "import_cpu_median": statistics.median(import_cpu),
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "target_seconds": TARGET_SECONDS,
        "manual_steps": manual_steps,
    }
    (ROOT / "benchmarks" / "office_results.json").write_text(json.dumps(results, indent=1) + "\n")
    print(
        f"| {results['members']} members, {results['liaisons']} liaisons, {results['contacts']} contacts "
        f"| read directly {results['load_cpu_median']:.2f} s CPU ({results['load_wall_median']:.2f} s wall) "
        f"| import {results['import_cpu_median']:.2f} s CPU ({results['import_wall_median']:.2f} s wall) "
        f"| manual steps {manual_steps} |"
    )


if __name__ == "__main__":
    main()
