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


def _generate(scale: str, seed: int, path: Path) -> None:
    """A generated system at `path`, made once."""
    if not (path / "members.csv").exists():
        print(f"[render] generating {scale} …", file=sys.stderr)
        command = [sys.executable, "-m", "pbgraph.cli", "generate", "--scale", scale, "--seed", str(seed)]
        subprocess.run([*command, str(path)], check=True)


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
        _generate(scale, seed, path)
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


# -- the explorer (issue 13): every default view of a province system, and interaction at 5,000 nodes -------

EXPLORE_VIEWS = ("network", "gaps", "org", "committee", "sector", "township", "member", "reach")

# one interaction, timed in the page: the handler, then the frame it asks for (so the figure is what the
# analyst waits for, paint included)
_TIMED = """async ([rootId, call]) => {
    const view = window.__pbgraphViews[rootId];
    const drawn = new Promise((resolve) => {
        view.network.once("afterDrawing", resolve);
        setTimeout(resolve, 5000);
    });
    const start = performance.now();
    const answer = eval(call);
    const handler = performance.now() - start;
    await drawn;
    return [handler, performance.now() - start, answer];
}"""


def _targets(ds: Any) -> dict[str, str | None]:
    """The id each view is about: a committee, sector, township and member of the first county."""
    county = ds.committees[-1]
    members = ds.members[ds.members["committee"].str.split(";").str[0] == county]
    liaised = ds.liaisons.loc[ds.liaisons["kind"] == "member", "source"]
    member = str(members.loc[members["id"].isin(liaised), "id"].iloc[0])
    return {
        "committee": county,
        "sector": str(ds.sectors.loc[ds.sectors["committee"] == county, "id"].iloc[0]),
        "township": str(ds.townships.loc[ds.townships["committee"] == county, "id"].iloc[0]),
        "member": member,
        "reach": member,
    }


def bench_explore(*, data_dir: Path, seed: int) -> dict[str, Any]:
    """First frame of every default view of a generated province system, the drill-down file's size, and
    selection, filter and expand times at 5,000 drawn nodes."""
    from pbgraph import load
    from pbgraph.render import build_view, write_view
    from pbgraph.render.views._builder import Builder

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.browser import launch_chromium, wait_ready

    province = data_dir / f"province-{seed}"
    _generate("province", seed, province)
    ds = load(province)
    targets = _targets(ds)
    results: dict[str, Any] = {"views": {}, "interaction": {}}
    with tempfile.TemporaryDirectory() as tmp, launch_chromium() as chromium:
        for name in EXPLORE_VIEWS:
            print(f"[explore] {name} …", file=sys.stderr)
            start = time.perf_counter()
            view = build_view(ds, name, targets.get(name))
            path = write_view(view, Path(tmp) / f"{name}.html")
            written = time.perf_counter() - start
            page, report = chromium.open_page(path, timeout_ms=180_000)
            ready = wait_ready(page, timeout_ms=180_000) / 1000
            report.assert_clean()
            results["views"][name] = {
                "nodes": len(view.nodes),
                "drawn": len(view.drawn()),
                "write": written,
                "bytes": path.stat().st_size,
                "first_frame": ready,
            }
            chromium.close()
        # 5,000 drawn nodes: whole committees of the province, their contacts held in reserve (expand shows a
        # member's contacts)
        from pbgraph.render.views._facts import Selection

        builder = Builder(ds, lang="zh", color_by="party", node_limit=10**9, committee=None, max_load=5)
        nodes = _first_nodes(ds, 45_000)
        is_contact = builder.f.kind_names[nodes] == "contact"
        drawn_nodes = nodes[~is_contact][:5000]
        nodes = np.concatenate([drawn_nodes, nodes[is_contact]])
        reserve = np.r_[np.zeros(len(drawn_nodes), dtype=bool), np.ones(int(is_contact.sum()), dtype=bool)]
        view = builder.view(
            "benchmark", Selection(nodes, builder.clustered_positions(nodes), reserve=reserve)
        )
        path = write_view(view, Path(tmp) / "5000.html")
        page, report = chromium.open_page(path, timeout_ms=180_000)
        wait_ready(page, timeout_ms=180_000)
        root_id = page.evaluate("() => document.querySelector('.pbg').id")
        reserve_ids = {n.id for n in view.nodes if n.reserve}
        edges = [e for e in view.edges if e.target in reserve_ids and e.source not in reserve_ids]
        member = edges[0].source
        calls = {
            "select (details + dimming)": f"view.focusNode({member!r})",
            "filter (party)": "(() => { const s = document.querySelectorAll("
            "'#' + rootId + ' .pbg-filter select')[1]; s.selectedIndex = 1; "
            "s.dispatchEvent(new Event('change')); })()",
            "clear filter": "(() => { const s = document.querySelectorAll("
            "'#' + rootId + ' .pbg-filter select')[1]; s.selectedIndex = 0; "
            "s.dispatchEvent(new Event('change')); })()",
            "expand / collapse (double-click)": f"view.toggle({member!r})",
            "clear (Esc)": "view.clear()",
        }
        for label, call in calls.items():
            runs = [page.evaluate(_TIMED, [root_id, call]) for _ in range(3 if "filter" not in label else 1)]
            results["interaction"][label] = {
                "handler_ms": statistics.median(r[0] for r in runs),
                "with_frame_ms": statistics.median(r[1] for r in runs),
            }
        results["interaction_nodes"] = len(view.drawn())
        report.assert_clean()
    return results


def explore_markdown(results: dict[str, Any]) -> str:
    lines = [
        "| view (province) | nodes in file | drawn at first | build + write | file size | first frame |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results["views"].items():
        lines.append(
            f"| {name} | {r['nodes']:,} | {r['drawn']:,} | {r['write']:.2f} s | "
            f"{r['bytes'] / 2**20:.1f} MiB | {r['first_frame']:.2f} s |"
        )
    lines += [
        "",
        f"| interaction at {results['interaction_nodes']:,} drawn nodes | handler | with the next frame |",
        "|---|---:|---:|",
    ]
    for name, r in results["interaction"].items():
        lines.append(f"| {name} | {r['handler_ms']:.0f} ms | {r['with_frame_ms']:.0f} ms |")
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description="benchmark the explorer's views (issue 13)")
    parser.add_argument(
        "--data-dir", type=Path, default=Path(__file__).resolve().parent.parent / "out" / "bench"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    explored = bench_explore(data_dir=args.data_dir, seed=args.seed)
    results_file = Path(__file__).resolve().parent / "results.json"
    stored = json.loads(results_file.read_text(encoding="utf-8"))
    stored["explore"] = explored
    results_file.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(explore_markdown(explored))
