"""How `validate` words the problems of a roster: one line per cause, and where the cells of that cause hold
different values, each value with its rows (DESIGN 3: file, row, column, value and what to do)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run

ZH_ALLOWED = (
    "请改为以下之一：中共党员、民革、民盟、民建、民进、农工党、致公党、九三学社、台盟、无党派人士、群众、共青团员"
    "（或代码：CPC、RCCK、CDL、CNDCA、CAPD、CPWDP、CZGP、JS、TDSGL、NP、MASSES、CYL）。"
)
EN_ALLOWED = (
    "Use one of: CPC, RCCK, CDL, CNDCA, CAPD, CPWDP, CZGP, JS, TDSGL, NP, MASSES, CYL"
    " (or their Chinese names)."
)


def _roster(tmp_path: Path, *parties: str) -> Path:
    path = tmp_path / "var.csv"
    rows = [f"委员{i},{party},教育界" for i, party in enumerate(parties, start=1)]
    path.write_text("\n".join(["姓名,政治面貌,界别", *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "line", "summary"),
    [
        (
            "zh",
            "[错误] var.csv “政治面貌”列 第 2、4、6 行，共 3 行：无法识别的值“中共正式党员”。"
            + ZH_ALLOWED
            + "（各值所在行：“中共正式党员”（第 2 行）、“不详”（第 4 行）、“无”（第 6 行））",
            "数据集无效：3 个错误，0 个警告。未加载任何数据。",
        ),
        (
            "en",
            "[error] var.csv, column '政治面貌', rows 2, 4, 6 (3 rows): Unknown value '中共正式党员'. "
            + EN_ALLOWED
            + " (rows by value: '中共正式党员' (row 2), '不详' (row 4), '无' (row 6))",
            "Dataset is invalid: 3 error(s), 0 warning(s). Nothing loaded.",
        ),
    ],
)
def test_each_bad_value_is_said_with_its_rows(tmp_path: Path, lang: str, line: str, summary: str) -> None:
    roster = _roster(tmp_path, "中共正式党员", "中共党员", "不详", "民盟", "无", "群众")
    result = run("validate", roster, "--lang", lang)
    assert result.exit_code == 2
    assert result.output.splitlines() == [line, summary]


def test_many_rows_of_one_value_stay_grouped(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "不详", "不详", "不详", "中共", "无", "无", "不详")
    result = run("validate", roster)
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "[错误] var.csv “政治面貌”列 第 2–4、6–8 行，共 6 行：无法识别的值“不详”。"
        + ZH_ALLOWED
        + "（各值所在行：“不详”（第 2–4、8 行）、“无”（第 6–7 行））"
    )


def test_rows_of_one_value_are_one_line_as_before(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "不详", "民盟", "不详")
    result = run("validate", roster, "--lang", "en")
    assert result.output.splitlines()[0] == (
        "[error] var.csv, column '政治面貌', rows 2, 4 (2 rows): Unknown value '不详'. " + EN_ALLOWED
    )


def test_more_values_than_shown_end_with_an_ellipsis(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "甲党", "乙党", "丙党", "丁党", "戊党", "己党")
    result = run("validate", roster, "--lang", "en")
    assert result.output.splitlines()[0].endswith(
        " (rows by value: '甲党' (row 2), '乙党' (row 3), '丙党' (row 4), '丁党' (row 5), '戊党' (row 6)…)"
    )


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "zh",
            [
                "[错误] var.csv “政治面貌”列 第 2、4 行，共 2 行："
                "无法识别的值“民盟员”（是否要写“民盟盟员”？）。" + ZH_ALLOWED,
                "[错误] var.csv 第 3 行 “政治面貌”列："
                "无法识别的值“九三学杜”（是否要写“九三学社”？）。" + ZH_ALLOWED,
                "[错误] var.csv 第 5 行 “政治面貌”列：无法识别的值“无”。" + ZH_ALLOWED,
            ],
        ),
        (
            "en",
            [
                "[error] var.csv, column '政治面貌', rows 2, 4 (2 rows): Unknown value '民盟员' (did you mean"
                " '民盟盟员'?). " + EN_ALLOWED,
                "[error] var.csv, row 3, column '政治面貌': Unknown value '九三学杜' (did you mean"
                " '九三学社'?). " + EN_ALLOWED,
                "[error] var.csv, row 5, column '政治面貌': Unknown value '无'. " + EN_ALLOWED,
            ],
        ),
    ],
)
def test_a_value_one_character_from_a_known_one_is_suggested(
    tmp_path: Path, lang: str, lines: list[str]
) -> None:
    # one left out (民盟员) or changed (九三学杜); a value of one character (无) is near too many to
    # guess, and a suggestion is advice of its own: a line of its own
    roster = _roster(tmp_path, "民盟员", "九三学杜", "民盟员", "无")
    result = run("validate", roster, "--lang", lang)
    assert result.exit_code == 2
    assert result.output.splitlines()[:-1] == lines


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "zh",
            [
                "[错误] {path}：找不到数据集路径。请检查路径是否正确。",
                "有 1 个错误，未写入任何文件。请按上面的说明修正后重试。",
            ],
        ),
        (
            "en",
            [
                "[error] {path}: The dataset path does not exist. Check the path.",
                "1 error(s); nothing was written. Fix them as described above.",
            ],
        ),
    ],
)
def test_a_missing_import_source_is_said_in_the_language_asked(
    tmp_path: Path, lang: str, lines: list[str]
) -> None:
    # not click's English ("Path '…' does not exist.") inside a Chinese line
    missing = tmp_path / "名单.xlsx"
    result = run("import", missing, "-o", tmp_path / "out", "--lang", lang)
    assert result.exit_code == 2
    assert result.output.splitlines() == [line.format(path=missing) for line in lines]
    assert not (tmp_path / "out").exists()
