"""Speed targets of the dataset cache and the columnar writers (issue 12), measured side by side in one run.

Every figure is the wall time of a fresh `pbgraph` process (interpreter start and imports included) and its
peak memory (max RSS), the median of --repeat runs. "first" runs start from an empty cache folder; "cached"
runs follow a run that filled it. Beside them, in the same run: a process that merely reads the same CSV files
with pyarrow, and (with --oracle) the naive networkx oracle of the tests. The package runs as installed: its
bytecode compiled first (as pip does on install), whatever PYTHONDONTWRITEBYTECODE says.

    python -m benchmarks.speed --scales province                 # the province targets
    python -m benchmarks.speed --scales national --repeat 3      # national (generated once, reused)
    python -m benchmarks.speed --scales province --oracle        # with the oracle ratio (several minutes)

Datasets are generated into --data-dir (default out/bench) once and reused; the pathological province (one
member holding 100,000 liaisons) is derived from the province there. Results go to benchmarks/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PATHOLOGICAL_LIAISONS = 100_000
TARGETS = {
    "province": {"first": 1.5, "cached": 0.6, "csv_ratio": 4.0, "report": 2.0, "graphml": 15.0},
    "national": {"first": 20.0, "cached": 8.0, "peak_gib": 2.5},
}
# the command as the console script runs it
PBGRAPH = "from pbgraph.cli import run; run()"
READ_CSV = """
import sys
from pathlib import Path
import pyarrow.csv as pacsv
for file in sorted(Path(sys.argv[1]).glob("*.csv")):
    pacsv.read_csv(file)
"""
# what every analysing command imports before it reads anything: the floor under its time
IMPORTS = "import numpy, pandas, pyarrow, pyarrow.compute, scipy.sparse"


def compiled() -> None:
    """Compile the package's bytecode, as installing it does (pip compiles a wheel's modules): a process
    started without it compiles every module it imports, each time (e.g. under PYTHONDONTWRITEBYTECODE)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pbgraph")], check=True)


def run(args: list[str], *, cache: Path, code: str = PBGRAPH) -> dict[str, Any]:
    """Run one fresh process; its wall time and CPU time (s) and peak memory (GiB)."""
    env = {**os.environ, "PBGRAPH_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{error[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": wall, "cpu": cpu, "peak_gib": usage.ru_maxrss / 2**20}


def median(runs: list[dict[str, Any]], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


def repeated(args: list[str], *, repeat: int, first: bool, code: str = PBGRAPH) -> dict[str, Any]:
    """`repeat` runs of a command, each from an empty cache (first) or after a run that filled it (cached)."""
    runs = []
    with tempfile.TemporaryDirectory(prefix="pbgraph-bench-cache-") as folder:
        cache = Path(folder)
        if not first:
            run(args, cache=cache, code=code)
        for _ in range(repeat):
            if first:
                shutil.rmtree(cache, ignore_errors=True)
                cache.mkdir()
            runs.append(run(args, cache=cache, code=code))
    return {
        "seconds": median(runs),
        "cpu": median(runs, "cpu"),
        "peak_gib": max(r["peak_gib"] for r in runs),
        "runs": runs,
    }


def dataset(scale: str, data_dir: Path, seed: int) -> Path:
    path = data_dir / f"{scale}-{seed}"
    if not (path / "members.csv").exists():
        print(f"[{scale}] generating …", file=sys.stderr)
        with tempfile.TemporaryDirectory() as folder:
            args = ["generate", "--scale", scale, "--seed", str(seed), str(path)]
            run(args, cache=Path(folder))
    return path


def pathological(province: Path) -> Path:
    """The province with one CPC member liaising with 100,000 others: each non-party member, then contacts."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    path = province.parent / f"{province.name}-one-member-{PATHOLOGICAL_LIAISONS}"
    if (path / "members.csv").exists():
        return path
    print("[pathological] deriving …", file=sys.stderr)
    tmp = path.with_name(path.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(province, tmp)
    members = pacsv.read_csv(province / "members.csv")
    liaisons = pacsv.read_csv(
        province / "liaisons.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=False)
    )
    contacts = pacsv.read_csv(
        province / "contacts.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=False)
    )
    party = members.column("party")
    cpc = pc.equal(party, "中共党员")
    holder = members.filter(cpc).column("id")[0].as_py()
    non_party = members.filter(pc.invert(cpc)).column("id").to_pylist()
    extra = PATHOLOGICAL_LIAISONS - len(non_party)
    contact_ids = [f"KX{i:06d}" for i in range(extra)]
    township = contacts.column("township")[0].as_py()
    new_contacts = pa.table(
        {
            name: pa.array(
                contact_ids
                if name == "id"
                else [f"联系群众{i}" for i in range(extra)]
                if name == "name"
                else [township] * extra
                if name == "township"
                else [""] * extra,
                pa.string(),
            )
            for name in contacts.column_names
        }
    )
    targets = non_party + contact_ids
    kinds = ["member"] * len(non_party) + ["contact"] * extra
    new_liaisons = pa.table(
        {
            name: pa.array(
                [holder] * len(targets)
                if name == "source"
                else targets
                if name == "target"
                else kinds
                if name == "kind"
                else [""] * len(targets),
                pa.string(),
            )
            for name in liaisons.column_names
        }
    )
    # drop the holder's own earlier liaisons to the same ends, which would only be duplicates
    keep = np.asarray(pc.invert(pc.equal(liaisons.column("source"), holder)))
    liaisons = pa.concat_tables([liaisons.cast(new_liaisons.schema).filter(keep), new_liaisons])
    contacts = pa.concat_tables([contacts.cast(new_contacts.schema), new_contacts])
    write = pacsv.WriteOptions(quoting_style="needed")
    pacsv.write_csv(liaisons, tmp / "liaisons.csv", write_options=write)
    pacsv.write_csv(contacts, tmp / "contacts.csv", write_options=write)
    tmp.rename(path)
    return path


def oracle(path: Path) -> dict[str, Any]:
    """The naive networkx oracle of the tests, end to end (load + every analysis), via benchmarks.run."""
    from benchmarks.run import ORACLE_MEMORY, ORACLE_TIMEOUT, measure

    return measure({"kind": "oracle", "path": str(path), "timeout": ORACLE_TIMEOUT, "memory": ORACLE_MEMORY})


def bench_province(data_dir: Path, seed: int, repeat: int, with_oracle: bool) -> dict[str, Any]:
    path = dataset("province", data_dir, seed)
    analyze = ["analyze", "all", str(path), "--format", "json", "-o", os.devnull]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="pbgraph-bench-out-") as folder:
        steps = {
            "read_csv": ([str(path)], False, READ_CSV),
            "help": (["--help"], False, PBGRAPH),
            "imports": ([], False, IMPORTS),
            "first": (analyze, True, PBGRAPH),
            "cached": (analyze, False, PBGRAPH),
            "report": (["report", str(path), "-o", f"{folder}/report.html"], False, PBGRAPH),
            "graphml": (
                ["export", str(path), "--to", "graphml", "-o", f"{folder}/province.graphml"],
                False,
                PBGRAPH,
            ),
        }
        for name, (args, first, code) in steps.items():
            print(f"[province] {name} …", file=sys.stderr)
            out[name] = repeated(args, repeat=repeat, first=first, code=code)
        out["graphml_bytes"] = Path(f"{folder}/province.graphml").stat().st_size
    odd = pathological(path)
    print("[pathological] cached …", file=sys.stderr)
    out["pathological"] = repeated(
        ["analyze", "all", str(odd), "--format", "json", "-o", os.devnull], repeat=repeat, first=False
    )
    if with_oracle:
        print("[province] oracle …", file=sys.stderr)
        out["oracle"] = oracle(path)
    return out


def bench_national(data_dir: Path, seed: int, repeat: int) -> dict[str, Any]:
    """`repeat` first runs (each from an empty cache), then `repeat` cached runs after the last of them."""
    path = dataset("national", data_dir, seed)
    analyze = ["analyze", "all", str(path), "--format", "json", "-o", os.devnull]
    firsts, cached = [], []
    with tempfile.TemporaryDirectory(prefix="pbgraph-bench-cache-") as folder:
        cache = Path(folder)
        for number in range(repeat):
            print(f"[national] first, run {number + 1} …", file=sys.stderr)
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir()
            firsts.append(run(analyze, cache=cache))
        # national runs are long: the cache the last first run filled serves the cached runs
        for number in range(repeat):
            print(f"[national] cached, run {number + 1} …", file=sys.stderr)
            cached.append(run(analyze, cache=cache))
    return {
        name: {
            "seconds": median(runs),
            "cpu": median(runs, "cpu"),
            "peak_gib": max(r["peak_gib"] for r in runs),
            "runs": runs,
        }
        for name, runs in (("first", firsts), ("cached", cached))
    }


def _figure(step: dict[str, Any], *, memory: bool = False) -> str:
    """Median wall time, the CPU time beside it, and (for the national runs) the peak memory."""
    text = f"{step['seconds']:.2f} s (CPU {step['cpu']:.2f} s)"
    return text + (f", {step['peak_gib']:.2f} GiB" if memory else "")


def markdown(results: dict[str, Any]) -> str:
    """The README table: each target beside the figure measured (wall time, CPU time in brackets)."""
    rows = ["| measured | target | figure |", "|---|---:|---:|"]
    province = results.get("province")
    if province:
        read, cached = province["read_csv"], province["cached"]
        odd = province["pathological"]
        # absent from the results of runs before it was measured
        imports = _figure(province["imports"]) if "imports" in province else "not measured"
        rows += [
            f"| `pbgraph --help` | | {_figure(province['help'])} |",
            f"| province, pyarrow merely reading the CSVs | | {_figure(read)} |",
            f"| a process merely importing numpy, pandas, pyarrow and scipy.sparse | | {imports} |",
            f"| province `analyze all`, first (from CSV) | ≤ 1.5 s | {_figure(province['first'])} |",
            f"| province `analyze all`, cached | ≤ 0.6 s | {_figure(cached)} |",
            f"| … ÷ pyarrow's read (wall; CPU) | ≤ 4× | {cached['seconds'] / read['seconds']:.1f}×; "
            f"{cached['cpu'] / read['cpu']:.1f}× |",
            f"| province `report`, cached | ≤ 2 s | {_figure(province['report'])} |",
            f"| province `export --to graphml`, cached | ≤ 15 s | {_figure(province['graphml'])}, "
            f"{province['graphml_bytes'] / 2**20:.0f} MiB |",
            f"| pathological province (one member, 100,000 liaisons), cached | ≤ 2× province "
            f"| {_figure(odd)}: {odd['seconds'] / cached['seconds']:.1f}× "
            f"(CPU {odd['cpu'] / cached['cpu']:.1f}×) |",
        ]
        found = province.get("oracle")
        if found and found.get("status") == "ok":
            rows.append(
                f"| naive networkx oracle, end to end | | {found['wall']:.1f} s: "
                f"{found['wall'] / province['first']['seconds']:.0f}× first, "
                f"{found['wall'] / cached['seconds']:.0f}× cached |"
            )
        elif found:
            rows.append(
                f"| naive networkx oracle, end to end | | {found['status']} after {found['wall']:.0f} s: "
                f"> {found['wall'] / province['first']['seconds']:.0f}× first, "
                f"> {found['wall'] / cached['seconds']:.0f}× cached |"
            )
    national = results.get("national")
    if national:
        first, cached_national = (
            _figure(national["first"], memory=True),
            _figure(national["cached"], memory=True),
        )
        rows += [
            f"| national `analyze all`, first (from CSV) | ≤ 20 s | {first} |",
            f"| national `analyze all`, cached | ≤ 8 s, ≤ 2.5 GB | {cached_national} |",
        ]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="province")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--oracle", action="store_true", help="also time the naive networkx oracle")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "speed.json")
    args = parser.parse_args()
    results: dict[str, Any] = json.loads(args.output.read_text()) if args.output.exists() else {}
    compiled()
    for scale in [s for s in args.scales.split(",") if s]:
        if scale == "province":
            results["province"] = bench_province(args.data_dir, args.seed, args.repeat, args.oracle)
        elif scale == "national":
            results["national"] = bench_national(args.data_dir, args.seed, args.repeat)
        else:
            raise SystemExit(f"unknown scale {scale!r}: province or national")
        args.output.write_text(json.dumps(results, indent=1))
    print(markdown(results))


if __name__ == "__main__":
    main()
