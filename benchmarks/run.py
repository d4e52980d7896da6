"""Scale benchmarks: generate committee systems, then time loading, every analysis and `analyze all` end to
end from files, beside the naive networkx oracle of the tests, and the graph views in headless Chromium.

Every measurement runs in a fresh child process, so that its peak memory (max RSS) is its own. Figures are
medians over --repeat runs. Results go to benchmarks/results.json and a Markdown table on stdout.

    python -m benchmarks.run --scales county,city,province          # quick
    python -m benchmarks.run --scales national --repeat 1 --no-oracle
    python -m benchmarks.run --render                               # view writing + first frame
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pbgraph.analyses import ANALYSES

ROOT = Path(__file__).resolve().parent.parent
ORACLE_TIMEOUT = 600
ORACLE_MEMORY = 16 * 2**30


# child side -----------------------------------------------------------------------------------------------


def _child(task: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in this (fresh) process; return its timings."""
    sys.path.insert(0, str(ROOT))
    if task.get("timeout"):
        signal.alarm(int(task["timeout"]))
    if task.get("memory"):
        resource.setrlimit(resource.RLIMIT_AS, (int(task["memory"]), int(task["memory"])))
    kind, path = task["kind"], task["path"]
    start = time.perf_counter()
    if kind == "generate":
        from pbgraph.generate import generate

        generate(task["scale"], Path(path), seed=task["seed"], force=True)
        if task.get("hub"):
            add_hub(Path(path), task["hub"])
        return {"seconds": time.perf_counter() - start}
    if kind == "cli":
        from click.testing import CliRunner

        from pbgraph.cli import main

        result = CliRunner().invoke(main, task["args"] + [path], catch_exceptions=False)
        if result.exit_code:
            raise SystemExit(f"cli failed: {result.output[-2000:]}")
        return {"seconds": time.perf_counter() - start}
    from pbgraph import load

    ds = load(path, cache=False)  # from the files, as the oracle reads them
    loaded = time.perf_counter()
    out: dict[str, Any] = {
        "load_validate": loaded - start,
        "members": len(ds.members),
        "liaisons": len(ds.liaisons),
        "contacts": len(ds.contacts),
        "activities": len(ds.activities),
    }
    if kind == "analyses":
        from pbgraph import analyses

        for name in ANALYSES:
            t0 = time.perf_counter()
            analyses.run(name, ds)
            out[name] = time.perf_counter() - t0
    elif kind == "oracle":
        from tests import oracle

        calls = {
            "coverage": lambda: oracle.coverage(ds),
            "unlinked": lambda: oracle.unlinked(ds),
            "unorganized": lambda: oracle.unorganized(ds),
            "sectors": lambda: oracle.sector_gaps(ds),
            "townships": lambda: oracle.township_gaps(ds),
            "platforms": lambda: oracle.platform_gaps(ds),
            "reach": lambda: (oracle.reach(ds), oracle.party_group_reach(ds)),
            "load": lambda: (oracle.liaison_load(ds), oracle.fragile(ds), oracle.load_distribution(ds)),
            "connectors": lambda: oracle.connectors(ds),
            "dormant": lambda: (oracle.dormant(ds), oracle.activity_rates(ds)),
            "org_life": lambda: (oracle.org_life(ds), oracle.org_meetings(ds), oracle.org_life_rates(ds)),
        }
        for name in ANALYSES:
            t0 = time.perf_counter()
            calls[name]()
            out[name] = time.perf_counter() - t0
            _flush_partial(task, out)
    return out


def _flush_partial(task: dict[str, Any], out: dict[str, Any]) -> None:
    # the oracle may be killed by its time limit: keep what it finished
    Path(task["result"]).write_text(json.dumps(out))


def add_hub(folder: Path, liaisons: int) -> None:
    """Give one CPC member `liaisons` more contact liaisons (a hub: the shape that once made `analyze all`
    ten times slower), in place."""
    import pandas as pd

    from pbgraph.io import write_csv_tables

    tables = {
        f.stem: pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for f in sorted(folder.glob("*.csv"))
    }
    members, contacts, rows = tables["members"], tables["contacts"], tables["liaisons"]
    hub = members.loc[members.iloc[:, 2] == "中共党员"].iloc[0, 0]
    targets = contacts.iloc[: min(liaisons, len(contacts)), 0].to_numpy()
    extra = pd.DataFrame({column: "" for column in rows.columns}, index=range(len(targets)))
    extra[rows.columns[0]], extra[rows.columns[1]], extra[rows.columns[2]] = hub, targets, "contact"
    tables["liaisons"] = pd.concat([rows, extra], ignore_index=True)
    write_csv_tables(tables, folder, force=True)


# parent side ----------------------------------------------------------------------------------------------


def measure(task: dict[str, Any]) -> dict[str, Any]:
    """Run a task in a child process; add its peak memory (GiB) and how it ended."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        result_path = handle.name
    task = {**task, "result": result_path}
    wall = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.run", "--child", json.dumps(task)], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = Path(result_path).read_text()
    os.unlink(result_path)
    out: dict[str, Any] = json.loads(text) if text else {}
    out["peak_gib"] = usage.ru_maxrss / 2**20
    out["wall"] = time.perf_counter() - wall
    out["status"] = (
        "ok"
        if proc.returncode == 0
        else (
            "timeout"
            if proc.returncode in (-signal.SIGALRM, 128 + signal.SIGALRM)
            else f"failed ({proc.returncode})"
        )
    )
    return out


def median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if key in r and r.get("status") == "ok"]
    return statistics.median(values) if values else None


def bench_scale(
    scale: str, *, seed: int, repeat: int, data_dir: Path, oracle: bool, hub: int = 0
) -> dict[str, Any]:
    path = data_dir / (f"{scale}-{seed}" + (f"-hub{hub}" if hub else ""))
    report: dict[str, Any] = {"scale": scale + (f" + hub of {hub:,}" if hub else "")}
    if not (path / "members.csv").exists():
        print(f"[{scale}] generating …", file=sys.stderr)
        report["generate"] = measure(
            {"kind": "generate", "scale": scale, "seed": seed, "path": str(path), "hub": hub}
        )
    loads = []
    for i in range(repeat):
        print(f"[{scale}] load + analyses, run {i + 1}/{repeat} …", file=sys.stderr)
        loads.append(measure({"kind": "analyses", "path": str(path)}))
    report["runs"] = loads
    report["sizes"] = {k: loads[0].get(k) for k in ("members", "liaisons", "contacts")}
    ends = []
    for i in range(repeat):
        print(f"[{scale}] analyze all end to end, run {i + 1}/{repeat} …", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            # a real file: the measurement includes writing it (and /dev/null is never an output to test on)
            target = str(Path(tmp) / "all.json")
            ends.append(
                measure(
                    {
                        "kind": "cli",
                        "path": str(path),
                        # from the files every time: the cached runs are benchmarks/speed.py's
                        "args": ["analyze", "all", "--no-cache", "--format", "json", "-o", target],
                    }
                )
            )
    report["end_to_end"] = ends
    if oracle:
        print(f"[{scale}] naive networkx oracle (limit {ORACLE_TIMEOUT} s) …", file=sys.stderr)
        report["oracle"] = measure(
            {"kind": "oracle", "path": str(path), "timeout": ORACLE_TIMEOUT, "memory": ORACLE_MEMORY}
        )
    return report


def markdown(reports: list[dict[str, Any]]) -> str:
    """The README table: medians, peak memory and the ratio to the oracle."""
    lines = [
        "| scale | members | liaisons | contacts | load + validate | analyze all (end to end) "
        "| peak memory | oracle, end to end | speed-up |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    detail = ["", "| scale | " + " | ".join(ANALYSES) + " |", "|---|" + "---:|" * len(ANALYSES)]
    for r in reports:
        runs, ends = r["runs"], r["end_to_end"]
        load = median_of(runs, "load_validate")
        end = median_of(ends, "wall")
        peak = max((x["peak_gib"] for x in ends), default=0.0)
        oracle_text, ratio = "not run", ""
        if "oracle" in r:
            o = r["oracle"]
            if o["status"] == "ok":
                # both sides end to end: a fresh process that loads the files and runs every analysis
                oracle_text = f"{o['wall']:.1f} s"
                ratio = f"{o['wall'] / end:.0f}×" if end else ""
            else:
                done = [a for a in ANALYSES if a in o]
                oracle_text = (
                    f"{o['status']} after {o['wall']:.0f} s ({len(done)}/{len(ANALYSES)} analyses done)"
                )
        s = r["sizes"]
        lines.append(
            f"| {r['scale']} | {s['members']:,} | {s['liaisons']:,} | {s['contacts']:,} | {load:.2f} s | "
            f"{end:.2f} s | {peak:.2f} GiB | {oracle_text} | {ratio} |"
        )
        # per analysis, our times only: the oracle's first call builds the graph every later call reuses
        cells = [f"{median_of(runs, a):.3f} s" for a in ANALYSES]
        detail.append(f"| {r['scale']} | " + " | ".join(cells) + " |")
    return "\n".join(lines + detail)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--scales", default="county,city,province")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--no-oracle", action="store_true")
    parser.add_argument(
        "--hub", type=int, default=0, help="also run each scale with one member given this many more liaisons"
    )
    parser.add_argument("--render", action="store_true", help="benchmark view writing and first frame")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    if args.child:
        task = json.loads(args.child)
        out = _child(task)
        Path(task["result"]).write_text(json.dumps(out))
        return
    results: dict[str, Any] = json.loads(args.output.read_text()) if args.output.exists() else {}
    if args.render:
        from benchmarks.render import bench_render

        results["render"] = bench_render(data_dir=args.data_dir, seed=args.seed, repeat=args.repeat)
    else:
        scales = [s for s in args.scales.split(",") if s]
        results.setdefault("scales", {})
        for scale in scales:
            results["scales"][scale] = bench_scale(
                scale, seed=args.seed, repeat=args.repeat, data_dir=args.data_dir, oracle=not args.no_oracle
            )
            if args.hub:
                results["scales"][f"{scale}-hub"] = bench_scale(
                    scale,
                    seed=args.seed,
                    repeat=args.repeat,
                    data_dir=args.data_dir,
                    oracle=False,
                    hub=args.hub,
                )
    args.output.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    order = [f"{s}{h}" for s in ("county", "city", "province", "national") for h in ("", "-hub")]
    print(markdown([results["scales"][s] for s in order if s in results.get("scales", {})]))
    if "render" in results:
        from benchmarks.render import render_markdown

        print(render_markdown(results["render"]))


if __name__ == "__main__":
    main()
