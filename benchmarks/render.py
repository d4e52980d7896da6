"""Graph view benchmarks: time to build and write a view, its file size, and the time from navigation to the
first drawn (interactive) frame in headless Chromium, for generated data at about 1k, 5k, 20k and 50k nodes,
and for the national system, which must aggregate.

The N-node views are the network view of the first N nodes of a generated province system taken committee by
committee (members, sectors, townships, organizations and contacts of whole committees), with the node limit
lifted so that nothing is aggregated.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

SIZES = (1_000, 5_000, 20_000, 50_000)


def _first_nodes(ds: Any, count: int) -> np.ndarray:
    from pbgraph.render.views._facts import facts as view_facts

    facts = view_facts(ds)
    order = np.argsort(facts.committee, kind="stable")
    return np.sort(order[:count])


def _write(ds: Any, nodes: np.ndarray | None, path: Path) -> dict[str, Any]:
    from pbgraph.render import build_view, write_view
    from pbgraph.render.views import network_view
    from pbgraph.render.views._builder import Builder

    start = time.perf_counter()
    if nodes is None:
        view = build_view(ds, "network")
    else:
        builder = Builder(ds, lang="zh", color_by="party", node_limit=10**9, committee=None, max_load=5)
        view = network_view(builder, "benchmark", nodes)
    write_view(view, path)
    return {
        "write": time.perf_counter() - start,
        "bytes": path.stat().st_size,
        "nodes": len(view.nodes),
        "edges": len(view.edges),
        "aggregated": bool(view.notice),
    }


def _first_frame(path: Path) -> float:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.browser import launch_chromium, wait_ready

    with launch_chromium() as chromium:
        page, report = chromium.open_page(path, timeout_ms=180_000)
        ready = wait_ready(page, timeout_ms=180_000)
        report.assert_clean()
        return ready / 1000


def bench_render(*, data_dir: Path, seed: int, repeat: int) -> dict[str, Any]:
    from pbgraph import load

    province = data_dir / f"province-{seed}"
    national = data_dir / f"national-{seed}"
    for path, scale in ((province, "province"), (national, "national")):
        if not (path / "members.csv").exists():
            print(f"[render] generating {scale} …", file=sys.stderr)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pbgraph.cli",
                    "generate",
                    "--scale",
                    scale,
                    "--seed",
                    str(seed),
                    str(path),
                ],
                check=True,
            )
    results: dict[str, Any] = {}
    ds = load(province)
    cases: list[tuple[str, Any, np.ndarray | None]] = [(f"{n:,}", ds, _first_nodes(ds, n)) for n in SIZES]
    with tempfile.TemporaryDirectory() as tmp:
        for name, data, nodes in cases:
            print(f"[render] {name} nodes …", file=sys.stderr)
            runs = [_write(data, nodes, Path(tmp) / f"{i}.html") for i in range(repeat)]
            frames = [_first_frame(Path(tmp) / f"{i}.html") for i in range(repeat)]
            results[name] = runs[0] | {
                "write": statistics.median(r["write"] for r in runs),
                "first_frame": statistics.median(frames),
            }
        del ds, cases
        print("[render] national …", file=sys.stderr)
        big = load(national)
        start = time.perf_counter()
        run = _write(big, None, Path(tmp) / "national.html")
        run["write_with_analysis_facts"] = time.perf_counter() - start
        run["first_frame"] = _first_frame(Path(tmp) / "national.html")
        results["national (aggregated)"] = run
    return results


def render_markdown(results: dict[str, Any]) -> str:
    lines = [
        "| view | nodes | edges | build + write | file size | first interactive frame |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['nodes']:,} | {r['edges']:,} | {r['write']:.2f} s | "
            f"{r['bytes'] / 2**20:.1f} MiB | {r['first_frame']:.2f} s |"
        )
    return "\n".join(lines)
