"""The HTML report: every documented gap of the sample, offline and clean in a real browser, safe with
hostile names, redaction, byte-identical rebuilds, systems, the CLI, and its size at scale."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pbgraph import Dataset, UnknownIdError, load
from pbgraph.analyses import league_table, unlinked
from pbgraph.cli import main
from pbgraph.export import person_names
from pbgraph.report import build_report, write_report
from tests.browser import Chromium, screenshot
from tests.conftest import ROOT, SAMPLE

EPOCH = "1714521600"  # 2024-05-01
SHOTS = Path("/tmp/report_shots")
SECTIONS = [
    "coverage",
    "unlinked",
    "unorganized",
    "sectors",
    "townships",
    "platforms",
    "reach",
    "load",
    "connectors",
]
HOSTILE = "<script>window.__pwned=1</script>"
HOSTILE_ORG = '<img src=x onerror="window.__pwned=2">'


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's report, written once for the module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return write_report(
            load(SAMPLE), tmp_path_factory.mktemp("report") / "report.html", excel_name="report.xlsx"
        )


@pytest.fixture(scope="module")
def text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def system() -> Dataset:
    return load(ROOT / "tests" / "fixtures" / "committees")


def documented_gap_ids() -> list[str]:
    """The ids each bullet of the sample README's "Deliberate gaps" names first (before its first `,`, `;`
    or full stop): the gaps themselves, not the members and sectors mentioned around them."""
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Deliberate gaps", 1)[1].split("\n## ", 1)[0]
    ids: list[str] = []
    for bullet in re.split(r"\n- ", section)[1:]:
        after_title = bullet.split("**", 2)[-1]
        subject = re.split(r"[;,；，]|\.(?:\s|$)", after_title, maxsplit=1)[0]
        ids += re.findall(r"`([A-Z]\d{2,})`", subject)
    return ids


# -- content ------------------------------------------------------------------------------------------------


def test_report_shows_every_documented_gap(text: str) -> None:
    ids = documented_gap_ids()
    assert len(ids) >= 10, ids
    assert [i for i in ids if i not in text] == []


def test_report_has_the_headline_and_a_section_per_analysis(text: str, sample: Dataset) -> None:
    for key in SECTIONS:
        assert f'<section class="rp-section" id="{key}">' in text
    assert "<h1>示例区政协</h1>" in text
    assert '<div class="rp-kpi-value">98.9%</div>' in text
    assert '<div class="rp-kpi-value">97.5%</div>' in text
    assert "<dd>2024-05-01</dd>" in text
    # the finding is computed from the rows
    n = len(unlinked(sample))
    share = f"{n / int((sample.members['party'] != 'CPC').sum()) * 100:.1f}%"
    assert f"有 {n} 名党外委员尚未被任何党员委员联系，占党外委员的 {share}。" in text
    assert text.count('<table class="rp-table">') >= 10
    assert "<svg" in text and "联系负担分布" in text and "各镇街党外委员联系情况" in text
    for view in ("rp-view-gaps", "rp-view-org", "rp-view-township", "rp-view-reach"):
        assert f'id="{view}"' in text


def test_report_is_offline_and_carries_the_graph_library_once(text: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "@import" not in text and "url(http" not in text
    assert text.count("vis-network") < 40
    assert len(re.findall(r"\(function \(exports, module, define\)", text)) == 4
    assert text.count("function Network(") <= 1


def test_tables_are_capped_with_a_pointer_to_the_excel_export(sample: Dataset) -> None:
    page = build_report(sample, max_rows=5, views=False)
    load_table = page.split('id="load"', 1)[1].split("</table>", 1)[0]
    assert load_table.count("<tr>") == 6  # header + 5 rows
    assert f"另有 {len(sample.members[sample.members['party'] == 'CPC']) - 5} 行未列出" in page
    assert "完整列表见 Excel 导出（pbgraph export 数据集 --to xlsx）" in page


def test_rebuild_is_byte_identical(page: Path, tmp_path: Path) -> None:
    again = write_report(load(SAMPLE), tmp_path / "again.html", excel_name="report.xlsx")
    assert again.read_bytes() == page.read_bytes()


def test_english(sample: Dataset) -> None:
    page = build_report(sample, lang="en", views=False)
    assert '<html lang="en">' in page
    assert "Work coverage" in page and "工作覆盖率" not in page
    assert "non-party members are not liaised by any CPC member" in page


@pytest.mark.parametrize(("lang", "committees"), [("zh", "某市政协、甲县政协"), ("en", "某市政协, 甲县政协")])
def test_a_member_of_two_committees_names_both_as_the_language_lists(lang: str, committees: str) -> None:
    """D5 sits on committees X and Y; without its one liaison it is unlinked, and its row names both."""
    ds = load(ROOT / "tests" / "fixtures" / "committees")
    liaisons = ds.liaisons[ds.liaisons["target"] != "D5"].reset_index(drop=True)
    page = build_report(dataclasses.replace(ds, liaisons=liaisons), lang=lang, views=False)
    assert f'<td class="rp-key">{committees}</td><td class="rp-key">D5</td>' in page


# -- safety -------------------------------------------------------------------------------------------------


def hostile(ds: Dataset) -> Dataset:
    members = ds.members.copy()
    members.loc[members["id"] == "M0054", "name"] = HOSTILE
    organizations = ds.organizations.copy()
    organizations.loc[organizations["id"] == "O059", "name"] = HOSTILE_ORG
    return dataclasses.replace(ds, members=members, organizations=organizations)


def test_every_data_value_is_escaped(sample: Dataset) -> None:
    page = build_report(hostile(sample))
    assert HOSTILE not in page and HOSTILE_ORG not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in page


def test_redact_leaves_no_name(sample: Dataset) -> None:
    page = build_report(sample, redact=True)
    names = person_names(sample)
    assert len(names) > 500
    assert [name for name in names if name in page] == []
    assert "已脱敏" in page and "委员A" in page


# -- systems and scope --------------------------------------------------------------------------------------


def test_system_report_leads_with_the_league_table(system: Dataset) -> None:
    page = build_report(system, views=False)
    assert page.index('id="league"') < page.index('id="coverage"')
    assert "各政协覆盖率（最差在前）" in page
    section = page.split('id="league"', 1)[1].split("</section>", 1)[0]
    # a small bar beside every rate; "n/a" where a committee has nobody to count
    rates = league_table(system)[["organization_rate", "work_rate"]].to_numpy().ravel().tolist()
    assert section.count('class="rp-bar') == sum(r is not None for r in rates)
    assert section.count("<td") and "n/a" in section


def test_committee_scope(system: Dataset) -> None:
    committee = system.committees[1]
    page = build_report(system, committee=committee, views=False)
    assert 'id="league"' not in page
    assert f"<h1>{system.name_of(committee)}</h1>" in page
    with pytest.raises(UnknownIdError):
        build_report(system, committee="nope")


def test_without_views(sample: Dataset) -> None:
    page = build_report(sample, views=False)
    assert "rp-view" not in page.split("<body>", 1)[1].split("<script>", 1)[0]
    assert "function Network(" not in page


# -- command line -------------------------------------------------------------------------------------------


def test_cli_report(tmp_path: Path) -> None:
    out, xlsx = tmp_path / "report.html", tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["report", "data/sample", "-o", str(out), "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    # both on stderr, the workbook first (it is written first); nothing on stdout
    assert (result.stdout, result.stderr) == ("", f"已写入 {xlsx}\n已写入 {out}\n")
    assert "完整列表见 Excel 导出（report.xlsx）" in out.read_text(encoding="utf-8")
    assert xlsx.stat().st_size > 0


def test_cli_report_redacted_english(sample: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "shareable.html"
    args = ["report", "data/sample.xlsx", "--redact", "--lang", "en", "--no-views", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"wrote {out}\n")
    page = out.read_text(encoding="utf-8")
    assert "Member A001" in page
    assert [name for name in person_names(sample) if name in page] == []


def test_cli_report_unknown_committee(tmp_path: Path) -> None:
    args = ["report", "data/sample", "--committee", "X9", "-o", str(tmp_path / "r.html")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "未知的政协“X9”" in result.output


def test_cli_report_is_documented() -> None:
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "pbgraph report data/sample -o report.html" in result.output


# -- in the browser ------------------------------------------------------------------------------------------


def _wait_for_views(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('figure.rp-view .pbg'))"
        ".every(e => e.hasAttribute('data-ready'))"
    )


@pytest.mark.browser
def test_report_in_chromium(chromium: Chromium, page: Path) -> None:
    tab, report = chromium.open_page(page, width=1280, height=900)
    _wait_for_views(tab)
    assert tab.evaluate("() => Object.keys(window.__pbgraphViews).length") == 4
    # each view leaves a picture of itself for print
    tab.wait_for_function(
        "() => Array.from(document.querySelectorAll('img.rp-snapshot'))"
        ".every(i => (i.getAttribute('src') || '').startsWith('data:image/png'))"
    )
    # headers sort their table: numbers as numbers, both ways
    header = tab.locator("#load table.rp-table").first.locator("th", has_text="联系党外委员数")
    table = "document.querySelector('#load table.rp-table')"
    column = tab.evaluate(f"""() => Array.from({table}.tHead.rows[0].cells)
        .findIndex(th => th.textContent.includes('联系党外委员数'))""")

    def loads() -> list[int]:
        return tab.evaluate(f"""() => Array.from({table}.tBodies[0].rows)
            .map(tr => Number(tr.cells[{column}].textContent))""")

    header.click()
    assert loads() == sorted(loads())
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert loads() == sorted(loads(), reverse=True)
    screenshot(tab, SHOTS / "report.png", full_page=True)
    pdf = tab.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    (SHOTS / "report.pdf").write_bytes(pdf)
    report.assert_clean()


@pytest.mark.browser
def test_hostile_names_stay_text_in_chromium(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    path = write_report(hostile(sample), tmp_path / "hostile.html")
    tab, report = chromium.open_page(path)
    _wait_for_views(tab)
    assert tab.evaluate("() => window.__pwned") is None
    assert HOSTILE in tab.locator("#unlinked table").inner_text()
    report.assert_clean()


# -- scale --------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_city_system_report_is_quick(tmp_path: Path) -> None:
    from pbgraph.generate import generate

    generate("city", tmp_path / "city", seed=1)
    ds = load(tmp_path / "city")
    started = time.perf_counter()
    page = build_report(ds)
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{elapsed:.1f} s"
    assert len(page) < 3_000_000
    assert 'id="league"' in page and "节点超过 1500 个" in page
