"""Redaction (DESIGN 5 `--redact`): no name, id, enterprise or dataset name of a person survives, in the
dataset and in every file made from it; the same data gives the same pseudonyms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pbgraph import Dataset, load
from pbgraph.analyses import coverage, party_group_reach, unlinked
from pbgraph.cli import main
from pbgraph.redact import NameScrubber, given_name, person_names, pseudonyms, redact
from tests.conftest import SAMPLE


def _text_cells(ds: Dataset) -> str:
    return "\n".join("\t".join(frame[c].astype("str")) for frame in ds.tables.values() for c in frame.columns)


def test_redact_hides_every_name(sample: Dataset) -> None:
    safe = redact(sample)
    text = _text_cells(safe)
    assert [name for name in person_names(sample) if name in text] == []
    # a studio named after its member now carries that member's pseudonym
    studios = safe.organizations.loc[safe.organizations["kind"] == "studio", "name"]
    assert studios.str.contains(r"委员A\d{3}").any()


def test_ids_are_replaced_and_do_not_follow_the_originals(sample: Dataset) -> None:
    safe = redact(sample)
    text = _text_cells(safe)
    ids = [*sample.members["id"], *sample.contacts["id"]]
    assert [i for i in ids if i in text.split("\t")] == []
    assert not safe.members["id"].isin(sample.members["id"]).any()
    # 委员A054 is not M0054: the numbering is a permutation drawn from the data
    numbers = safe.members["name"].str.extract(r"(\d+)$")[0].astype(int)
    originals = sample.members["id"].str.extract(r"(\d+)$")[0].astype(int)
    assert (numbers == originals).mean() < 0.1
    assert (numbers.diff().dropna() == 1).mean() < 0.2
    # every pseudonym id matches its pseudonym name
    assert (
        safe.members["name"].str[-4:].str.lstrip("A") == safe.members["id"].str[-4:].str.lstrip("A")
    ).all()


def test_redact_is_stable_and_keeps_every_relation(sample: Dataset) -> None:
    safe = redact(sample)
    assert sorted(safe.members["name"]) == pseudonyms(len(sample.members), "委员A")
    assert redact(sample).equals(safe)
    assert redact(safe) is safe
    for column in ("party", "committee", "sector", "township", "party_group"):
        assert safe.members[column].tolist() == sample.members[column].tolist()
    new_id = dict(zip(sample.members["id"], safe.members["id"], strict=True))
    new_id |= dict(zip(sample.contacts["id"], safe.contacts["id"], strict=True))
    for column in ("source", "target"):
        assert safe.liaisons[column].tolist() == [new_id.get(v, v) for v in sample.liaisons[column]]
    assert safe.memberships["member"].tolist() == [new_id[v] for v in sample.memberships["member"]]
    assert unlinked(safe)["id"].tolist() == [new_id[v] for v in unlinked(sample)["id"]]
    names = ["committee_name"]
    assert coverage(safe).drop(columns=names).equals(coverage(sample).drop(columns=names))
    assert party_group_reach(safe).drop(columns="name").equals(party_group_reach(sample).drop(columns="name"))
    # the input is not changed
    assert sample.members["name"].iloc[0] != safe.members["name"].iloc[0]


def test_same_data_same_pseudonyms_wherever_it_lies(sample: Dataset, tmp_path: Path) -> None:
    copy = tmp_path / "另一个文件夹"
    shutil.copytree(SAMPLE, copy)
    assert redact(load(copy)).equals(redact(sample))


def test_redact_english_pseudonyms(sample: Dataset) -> None:
    safe = redact(sample, lang="en")
    assert safe.members["name"].str.fullmatch(r"Member A\d{3}").all()
    assert safe.contacts["name"].str.fullmatch(r"Contact B\d{3,}").all()
    assert safe.name == "dataset"


def test_scrubber_prefers_longest_name_and_whole_ascii_words() -> None:
    scrub = NameScrubber([("张刚", "委员A001"), ("张刚晓", "委员A002"), ("Li", "Member A003"), ("王", "x")])
    assert scrub("张刚晓委员工作室、张刚联络站") == "委员A002委员工作室、委员A001联络站"
    assert scrub("Li's Liaison office") == "Member A003's Liaison office"
    # one-character names would match inside ordinary words: left alone
    assert scrub("王庄镇") == "王庄镇"


def test_scrubber_sees_spaces_and_full_width_forms() -> None:
    scrub = NameScrubber([("张三丰", "委员A001"), ("Wang Li", "委员A002")])
    assert scrub("请 张 三丰 联系") == "请 委员A001 联系"
    assert scrub("张\u3000三丰、张三\u00a0丰") == "委员A001、委员A001"
    assert scrub("ＷＡＮＧ ＬＩ 委员") == "委员A002 委员"


def test_given_names() -> None:
    assert given_name("张三丰") == "三丰"
    assert given_name("欧阳娜娜") == "娜娜"
    assert given_name("张三") == ""
    assert given_name("Li Wei") == ""


def hostile(tmp_path: Path) -> Path:
    """The sample with a roster folder named after a person, an enterprise inside an organization name,
    and name variants in notes."""
    folder = tmp_path / "欧阳娜娜-花名册"
    shutil.copytree(SAMPLE, folder)
    members = pd.read_csv(folder / "members.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    members.iloc[0, 1] = "欧阳娜娜"
    members.iloc[1, 1] = "张三丰"
    members.iloc[1, 8] = "宏达集团"
    members.to_csv(folder / "members.csv", index=False, encoding="utf-8-sig")
    orgs = pd.read_csv(folder / "organizations.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    orgs.loc[len(orgs)] = ["O-HD", "宏达集团党支部", "党支部", "", "", ""]
    orgs.to_csv(folder / "organizations.csv", index=False, encoding="utf-8-sig")
    liaisons = pd.read_csv(folder / "liaisons.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    liaisons.iloc[0, 4] = "与张 三丰、张\u3000三丰和三丰同志谈心，见欧阳娜娜-花名册"
    liaisons.to_csv(folder / "liaisons.csv", index=False, encoding="utf-8-sig")
    return folder


SECRETS = ("欧阳娜娜", "张三丰", "三丰", "张 三丰", "张\u3000三丰", "宏达集团", "娜娜")


def test_redacted_dataset_hides_variants_enterprises_and_its_name(tmp_path: Path) -> None:
    ds = load(hostile(tmp_path))
    safe = redact(ds)
    text = _text_cells(safe) + safe.name
    assert [s for s in SECRETS if s in text] == []
    assert "企业E" in " ".join(safe.organizations["name"])
    assert safe.name == "数据集"


@pytest.mark.parametrize(
    "args",
    [
        ["report", "{d}", "--redact", "--no-views", "-o", "{o}/r.html", "--xlsx", "{o}/r.xlsx"],
        ["export", "{d}", "--redact", "--to", "graphml", "-o", "{o}/g.graphml"],
        ["export", "{d}", "--redact", "--to", "gexf", "-o", "{o}/g.gexf"],
        ["export", "{d}", "--redact", "--to", "json", "-o", "{o}/g.json"],
        ["export", "{d}", "--redact", "--to", "csv", "-o", "{o}/csv"],
        ["export", "{d}", "--redact", "--to", "xlsx", "-o", "{o}/t.xlsx"],
    ],
    ids=["report", "graphml", "gexf", "json", "csv", "xlsx"],
)
def test_redacted_files_name_nobody(tmp_path: Path, args: list[str]) -> None:
    folder = hostile(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(main, [a.format(d=folder, o=out) for a in args])
    assert result.exit_code == 0, result.output
    ds = load(folder)
    secrets = [*SECRETS, *person_names(ds), *ds.members["id"], folder.name]
    for path in out.rglob("*"):
        if path.is_file():
            text = _file_text(path)
            assert [s for s in secrets if s in text] == [], path.name


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            return "\n".join(
                str(v)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for v in row
                if v
            ) + "\n".join(book.sheetnames)
        finally:
            book.close()
    return path.read_text(encoding="utf-8-sig")


def test_report_views_name_nobody(tmp_path: Path) -> None:
    folder = hostile(tmp_path)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(folder), "--redact", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "数据集" in text
    assert [s for s in (*SECRETS, folder.name) if s in text] == []


def test_a_redacted_report_of_a_workbook_names_neither_the_workbook_nor_a_sheet(tmp_path: Path) -> None:
    # the data-problems section lists each warning's file and sheet: an office workbook is named after its
    # committee and is the dataset itself (数据集), a sheet may be named after a person
    from openpyxl import Workbook

    book = Workbook()
    roster = book.active
    roster.title = "委员名单"
    for row in (["姓名", "政治面貌", "手机号"], ["张三丰", "中共党员", "13800000000"], ["李四", "民盟", ""]):
        roster.append(row)
    book.create_sheet("张三丰备忘").append(["随手记", "数量"])
    workbook = tmp_path / "青山县政协委员名单.xlsx"
    book.save(workbook)
    ds = load(workbook)
    assert {p.file for p in ds.warnings} == {workbook.name}
    assert "张三丰备忘" in {p.sheet for p in ds.warnings}
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(workbook), "--redact", "--no-views", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert [s for s in ("青山县政协委员名单", "张三丰", "三丰") if s in text] == []


def test_redacted_notes_are_withheld_whatever_they_hold(tmp_path: Path) -> None:
    # DESIGN 5: nothing that identifies a person survives; an address, initials or a relative are in no
    # list of names, so a note that is not empty becomes 〔已隐去〕 (an empty one stays empty)
    folder = hostile(tmp_path)
    liaisons = pd.read_csv(folder / "liaisons.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    liaisons.iloc[1, 4] = "与QYQ同志的爱人交流,地址:东关街道幸福路3号"
    # a control character: the warning quotes the note as read
    liaisons.iloc[2, 4] = "住在西河镇\x01红旗路8号"
    liaisons.to_csv(folder / "liaisons.csv", index=False, encoding="utf-8-sig")
    ds = load(folder)
    assert any(p.code == "control_characters" and "红旗路" in (p.value or "") for p in ds.warnings)
    safe = redact(ds)
    written = ds.liaisons["note"] != ""
    assert set(safe.liaisons.loc[written, "note"]) == {"〔已隐去〕"}
    assert set(safe.liaisons.loc[~written, "note"]) == {""}
    assert set(redact(ds, lang="en").liaisons.loc[written, "note"]) == {"[withheld]"}
    assert [p.value for p in safe.warnings if p.code == "control_characters"] == ["〔已隐去〕"]
    out = tmp_path / "csv"
    result = CliRunner().invoke(main, ["export", str(folder), "--redact", "--to", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "".join(path.read_text(encoding="utf-8-sig") for path in out.iterdir())
    assert [s for s in ("QYQ", "幸福路", "红旗路") if s in text] == []
