"""Neo4j integration benchmark: on a generated committee system, time a push, every analysis in Cypher (beside
the embedded one) and a pull against a real server; then delete what it pushed.

Needs a server (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`); without `NEO4J_URI` it
says so and exits 0 (skipped, with the reason). Results go to benchmarks/results-neo4j.json and a Markdown
table on stdout.

    python -m benchmarks.neo4j --scale province
    python -m benchmarks.neo4j --scale city --batch-size 10000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = "skipped: NEO4J_URI is not set, so there is no Neo4j server to measure (set it and run again)"


def measure(scale: str, *, seed: int, batch_size: int) -> list[dict[str, Any]]:
    """Seconds per step on a generated system of `scale`: push, each analysis (Cypher and embedded), pull."""
    import pbgraph.neo4j as store
    from pbgraph import load
    from pbgraph.analyses import ANALYSES, run
    from pbgraph.generate import generate

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        generate(scale, Path(folder) / scale, seed=seed)
        ds = load(Path(folder) / scale)
    name = f"pbgraph-benchmark-{uuid.uuid4().hex[:8]}"
    with store.connect() as conn:
        try:
            start = time.perf_counter()
            store.push(conn, ds, dataset=name, batch_size=batch_size)
            rows.append({"step": "push", "neo4j": time.perf_counter() - start})
            for analysis in ANALYSES:
                start = time.perf_counter()
                store.run_analysis(conn, analysis, name)
                cypher = time.perf_counter() - start
                start = time.perf_counter()
                run(analysis, ds)
                rows.append({"step": analysis, "neo4j": cypher, "embedded": time.perf_counter() - start})
            start = time.perf_counter()
            store.pull(conn, name)
            rows.append({"step": "pull", "neo4j": time.perf_counter() - start})
            if conn.warnings:
                print(f"server warnings: {conn.warnings}", file=sys.stderr)
        finally:
            store.delete_dataset(conn, name)
    return rows


def table(scale: str, rows: list[dict[str, Any]]) -> str:
    lines = [f"| {scale} | Neo4j (s) | embedded (s) |", "|---|---:|---:|"]
    for row in rows:
        embedded = f"{row['embedded']:.2f}" if "embedded" in row else ""
        lines.append(f"| {row['step']} | {row['neo4j']:.2f} | {embedded} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="province", choices=["county", "city", "province", "national"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results-neo4j.json")
    args = parser.parse_args(argv)
    if not os.environ.get("NEO4J_URI"):
        print(SKIPPED)
        return 0
    rows = measure(args.scale, seed=args.seed, batch_size=args.batch_size)
    args.output.write_text(json.dumps({args.scale: rows}, indent=1), encoding="utf-8")
    print(table(args.scale, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
