"""Benchmark of `plan`, `diff` and `whatif` on a generated committee system.

Generates the system (or reuses it), loads it once, then times in-process: `plan` (and `plan --fragile`);
`diff` of the system against a changed copy of itself, written as CSV and loaded back like any dataset (1 % of
the members gone, their liaisons broken, a few members joined, the plan's liaisons added, one member in 50
with another party); `diff --match name` on the
same pair; `whatif` with ten members removed. Figures are medians over --repeat runs; the peak resident memory
of the process is reported. Results go to benchmarks/plan_results.json (one entry per scale) and a Markdown
table on stdout.

    python -m benchmarks.plan --scale province
    python -m benchmarks.plan --scale national --repeat 1 --no-fragile   # needs ~12 GiB, several minutes
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "plan_results.json"


def changed_copy(ds: Any, *, seed: int) -> Any:
    """The system after a 换届 of sorts: 1 % of the members gone, 1 in 50 with a new party, 0.5 % joined, the
    plan's liaisons added."""
    from pbgraph.changes import without_members
    from pbgraph.planning import apply_plan, plan

    rng = np.random.default_rng(seed)
    members = ds.members["id"].to_numpy(dtype=object)
    gone = rng.choice(members, size=max(1, len(members) // 100), replace=False)
    after = without_members(ds, gone.tolist())
    # activities naming a member who left go too (the copy is written out and loaded again)
    activities = after.activities
    mentioned = activities["members"].str.split(";").explode()
    named = mentioned.isin(set(gone.tolist())).groupby(level=0).any()
    named = named.reindex(activities.index, fill_value=False)
    after = dataclasses.replace(after, activities=activities[~(named | activities["target"].isin(gone))])
    after = apply_plan(after, plan(after))
    rows = after.members
    switch = rng.random(len(rows)) < 0.02
    parties = rows["party"].to_numpy(dtype=object).copy()
    parties[switch] = np.where(parties[switch] == "CPC", "NP", "CPC")
    joined = rows.sample(n=max(1, len(rows) // 200), random_state=seed).copy()
    joined["id"] = [f"NEW{i:07d}" for i in range(len(joined))]
    members_after = pd.concat([rows.assign(party=pd.Series(parties, dtype="str")), joined], ignore_index=True)
    return dataclasses.replace(after, members=members_after, warnings=[])


CPU: dict[str, float] = {}
"""CPU time (user + system, this process) of each timed step, beside its wall time: on a shared machine the
wall time is inflated by the other jobs, the CPU time much less."""


def timed(call: Callable[[], Any], repeat: int, name: str = "") -> float:
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if name:
        CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def run(scale: str, *, seed: int, repeat: int, data_dir: Path, fragile: bool = True) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from pbgraph import PbgraphError, load
    from pbgraph.changes import diff, whatif
    from pbgraph.generate import generate
    from pbgraph.planning import plan

    path = data_dir / f"{scale}-{seed}"
    if not (path / "members.csv").exists():
        print(f"[{scale}] generating …", file=sys.stderr)
        generate(scale, path, seed=seed)
    print(f"[{scale}] loading …", file=sys.stderr)
    start = time.perf_counter()
    ds = load(path)
    report: dict[str, Any] = {
        "scale": scale,
        "members": len(ds.members),
        "liaisons": len(ds.liaisons),
        "contacts": len(ds.contacts),
        "load_validate": time.perf_counter() - start,
    }
    # the node index and member facts are built by the first analysis; build them outside the timings
    from pbgraph.analyses import coverage

    coverage(ds)
    print(f"[{scale}] plan …", file=sys.stderr)
    report["plan"] = timed(lambda: plan(ds), repeat, "plan")
    proposed = plan(ds)
    report["planned"] = len(proposed.liaisons)
    report["unplaced"] = len(proposed.unplaced)
    print(f"[{scale}] plan --fragile …", file=sys.stderr)
    report["plan_fragile"] = None
    if fragile:
        try:
            report["plan_fragile"] = timed(lambda: plan(ds, fragile=True), repeat, "plan_fragile")
        except PbgraphError as error:
            # too many fragile members in one connected group of committees for exact integer costs
            report["plan_fragile_error"] = str(error)
    print(f"[{scale}] changed copy, written and loaded back …", file=sys.stderr)
    changed = data_dir / f"{scale}-{seed}-changed"
    if not (changed / "members.csv").exists():
        from pbgraph.export import export_csv

        export_csv(changed_copy(ds, seed=seed), changed)
    after = load(changed)
    coverage(after)
    print(f"[{scale}] diff …", file=sys.stderr)
    report["diff"] = timed(lambda: diff(ds, after), repeat, "diff")
    found = diff(ds, after)
    report["diff_rows"] = {row.table + ":" + row.change: row.count for row in found.summary.itertuples()}
    print(f"[{scale}] diff --match name …", file=sys.stderr)
    report["diff_by_name"] = timed(lambda: diff(ds, after, match="name"), repeat, "diff_by_name")
    print(f"[{scale}] whatif …", file=sys.stderr)
    ten = ds.members["id"].iloc[:: max(1, len(ds.members) // 10)].head(10).tolist()
    report["whatif"] = timed(lambda: whatif(ds, ten), repeat, "whatif")
    report["cpu"] = dict(CPU)
    report["peak_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return report


def _seconds(value: float | None, cpu: float | None = None) -> str:
    if value is None:
        return "not run"
    return f"{value:.2f} s" + ("" if cpu is None else f" ({cpu:.2f} s CPU)")


def markdown(reports: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | members | liaisons | plan | plan --fragile | diff | diff --match name "
        "| whatif (10 members) | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in reports:
        cpu = r.get("cpu", {})
        steps = " | ".join(
            _seconds(r[step], cpu.get(step))
            for step in ("plan", "plan_fragile", "diff", "diff_by_name", "whatif")
        )
        lines.append(
            f"| {r['scale']} | {r['members']:,} | {r['liaisons']:,} | {steps} | {r['peak_gib']:.2f} GiB |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="province", choices=["county", "city", "province", "national"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument(
        "--no-fragile", action="store_true", help="skip plan --fragile (too large at national)"
    )
    args = parser.parse_args()
    report = run(
        args.scale, seed=args.seed, repeat=args.repeat, data_dir=args.data, fragile=not args.no_fragile
    )
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    saved[args.scale] = report
    RESULTS.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n")
    print(markdown([saved[s] for s in ("county", "city", "province", "national") if s in saved]))


if __name__ == "__main__":
    main()
