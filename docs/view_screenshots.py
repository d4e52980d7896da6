"""Draw the README's three view screenshots at 1280×720 in headless Chromium: the `org` view of a city
committee, the `gaps` view of a province system with one county opened, and a member's details panel.

Needs Chromium and Playwright (as the browser tests). Generates the city and province systems it needs in a
temporary folder unless given. Run from the repository root::

    .venv/bin/python docs/view_screenshots.py [--province DIR] [--city DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from pbgraph import load  # noqa: E402
from pbgraph.render import build_view, write_view  # noqa: E402
from tests.browser import launch_chromium, wait_ready  # noqa: E402


def generated(scale: str, seed: int, folder: Path) -> Path:
    path = folder / f"{scale}-{seed}"
    command = [sys.executable, "-m", "pbgraph.cli", "generate", "--scale", scale, "--seed", str(seed)]
    subprocess.run([*command, str(path)], check=True, capture_output=True)
    return path


def shoot(chromium: object, html: Path, png: Path, script: str | None = None) -> None:
    page, report = chromium.open_page(html, width=1280, height=720, timeout_ms=180_000)  # type: ignore[attr-defined]
    wait_ready(page, timeout_ms=180_000)
    root_id = page.evaluate("() => document.querySelector('.pbg').id")
    if script:
        page.evaluate(f"() => {{ const view = window.__pbgraphViews['{root_id}']; {script} }}")
    page.wait_for_timeout(1200)
    page.screenshot(path=str(png))
    report.assert_clean()
    chromium.close()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", type=Path, help="a generated province system (default: generate one)")
    parser.add_argument("--city", type=Path, help="a generated city system (default: generate one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, launch_chromium() as chromium:
        folder = Path(tmp)
        city = load(args.city or generated("city", 3, folder))
        org = write_view(build_view(city, "org", committee=city.committees[0]), folder / "org.html")
        shoot(chromium, org, HERE / "view-org-city.png")

        province = load(args.province or generated("province", 1, folder))
        gaps = write_view(build_view(province, "gaps"), folder / "gaps.html")
        county = province.committees[-1]
        # open the county's super-node and frame what it holds
        opened = (
            "const before = new Set(view.nodes.getIds());"
            f"view.toggle('agg:0:{county}');"
            "view.network.fit({nodes: view.nodes.getIds().filter((i) => !before.has(i))});"
        )
        shoot(chromium, gaps, HERE / "view-gaps-province-county.png", opened)

        sample = load(ROOT / "data" / "sample")
        member = write_view(build_view(sample, "member", "M0205"), folder / "member.html")
        # the view opens on the whole ring beside the member's panel
        shoot(chromium, member, HERE / "view-member-details.png")


if __name__ == "__main__":
    main()
