"""Activities at scale (issue 14): a generated system with a year of activities (≈ 13 per member), then the
time to generate the activity log, to load and validate the dataset, to run `dormant`, `org_life` and
`coverage` (which gains 有效联系率), and to take the network as of a date. Each measurement after the first
runs on the loaded dataset in one process; the peak memory (max RSS) is the process's.

    python -m benchmarks.activities --scale province
    python -m benchmarks.activities --scale national          # ≈ 640,000 members, ≈ 8 million activities

Results go to benchmarks/activities.json (one entry per scale) and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "activities.json"


CPU: dict[str, float] = {}
"""CPU seconds of each step (wall time is inflated when other processes share the cores)."""


def _timed(fn: Any, name: str = "") -> tuple[Any, float]:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    if name:
        CPU[name] = time.process_time() - cpu
    return value, time.perf_counter() - start


def bench(scale: str, *, seed: int, folder: Path) -> dict[str, Any]:
    from pbgraph import load
    from pbgraph.analyses import run
    from pbgraph.generate import generate_tables
    from pbgraph.generate.activities import generate_activities
    from pbgraph.io import write_csv_tables
    from pbgraph.period import as_of

    tables, generate_seconds = _timed(
        lambda: generate_tables(scale, seed=seed, activities=False), "generate_tables"
    )
    tables["activities"], activity_seconds = _timed(
        lambda: generate_activities(tables, seed=seed), "generate_activities"
    )
    write_csv_tables(tables, folder)
    tables.clear()
    # the cache stays off: this is the first read of the files, validation included
    ds, load_seconds = _timed(lambda: load(folder, cache=False), "load_validate")
    out: dict[str, Any] = {
        "scale": scale,
        "members": len(ds.members),
        "liaisons": len(ds.liaisons),
        "activities": len(ds.activities),
        "activities_per_member": round(len(ds.activities) / len(ds.members), 2),
        "generate_tables": generate_seconds,
        "generate_activities": activity_seconds,
        "load_validate": load_seconds,
    }
    for name in ("dormant", "org_life", "coverage"):
        _, out[name] = _timed(lambda name=name: run(name, ds), name)
    earlier, out["as_of"] = _timed(lambda: as_of(ds, "2025-06-30"), "as_of")
    _, out["dormant_as_of"] = _timed(lambda: run("dormant", earlier), "dormant_as_of")
    out["peak_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    out["cpu"] = dict(CPU)
    out["load_average"] = os.getloadavg()[0]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="province", choices=["county", "city", "province", "national"])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pbgraph-activities-") as folder:
        result = bench(args.scale, seed=args.seed, folder=Path(folder))
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    saved[args.scale] = result
    RESULTS.write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n")
    keys = [k for k in result if k not in ("scale", "cpu")]
    print("| " + " | ".join(keys) + " |")
    print("|" + "---:|" * len(keys))
    print(
        "| "
        + " | ".join(f"{result[k]:.2f}" if isinstance(result[k], float) else str(result[k]) for k in keys)
        + " |"
    )
    print("CPU seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in result["cpu"].items()))


if __name__ == "__main__":
    main()
