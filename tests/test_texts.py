"""Every user-visible word lives in `pbgraph._texts`, in Chinese and in English."""

from __future__ import annotations

import re
import string

import pytest
from click.testing import CliRunner

from pbgraph._texts import CATALOGS, say
from pbgraph._texts.cli import CLI
from pbgraph.cli import main
from tests.conftest import SAMPLE

# Chinese characters, and the full-width punctuation Chinese text uses
HAN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
# English may quote the Chinese headers an office file carries (the user finds them there), nothing else
FILE_HEADERS = re.compile(
    r"姓名|政治面貌|界别|编号|党员委员|联系党外委员|联系对象|党组成员|联系界别|联系镇（街）|联系群众|名称|类型|上级|序号|职务|党组|联系镇街"
)
KEYS = [(catalog, key) for catalog, entries in CATALOGS.items() for key in entries]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(("catalog", "key"), KEYS, ids=[f"{c}.{k}" for c, k in KEYS])
def test_every_key_has_chinese_and_english(catalog: str, key: str) -> None:
    zh, en = CATALOGS[catalog][key]
    assert zh.strip() and en.strip()
    assert HAN.search(zh), "the Chinese text is not written in Chinese"
    assert not HAN.search(FILE_HEADERS.sub("", en)), "the English text holds Chinese"
    # both fill in the same values (English may take an `_en` variant of a Chinese one, and the reverse)
    assert {f.removesuffix("_en").removesuffix("_zh") for f in _fields(zh)} == {
        f.removesuffix("_en").removesuffix("_zh") for f in _fields(en)
    }


def test_say_fills_in_the_language_asked() -> None:
    assert say(CLI, "wrote_files", "en", n=3, path="out/x") == "wrote 3 files to out/x"
    assert say(CLI, "wrote_files", "zh", n=3, path="out/x") == "已写入 3 个文件到 out/x"


def test_english_json_names_the_overall_row_in_english() -> None:
    result = CliRunner().invoke(
        main, ["analyze", "coverage", str(SAMPLE), "--format", "json", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "全部" not in result.stdout
    assert '"committee_name": "(all)"' in result.stdout
    chinese = CliRunner().invoke(main, ["analyze", "coverage", str(SAMPLE), "--format", "json"])
    assert '"committee_name": "全部"' in chinese.stdout


def test_an_unknown_committee_is_named_in_one_language() -> None:
    runner = CliRunner()
    english = runner.invoke(main, ["analyze", "unlinked", str(SAMPLE), "--committee", "NOPE", "--lang", "en"])
    assert english.exit_code == 1
    assert "unknown committee id 'NOPE'" in english.stderr and not HAN.search(english.stderr)
    chinese = runner.invoke(main, ["analyze", "unlinked", str(SAMPLE), "--committee", "NOPE"])
    assert chinese.exit_code == 1
    assert "未知的政协编号“NOPE”" in chinese.stderr and "unknown" not in chinese.stderr


def test_generate_speaks_english(tmp_path: object) -> None:
    out = f"{tmp_path}/county"
    result = CliRunner().invoke(main, ["generate", "--scale", "county", "--lang", "en", out])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote 8 files to ")


def test_generate_refuses_an_xlsx_too_large_before_generating(tmp_path: object) -> None:
    out = f"{tmp_path}/national.xlsx"
    result = CliRunner().invoke(
        main, ["generate", "--scale", "national", "--format", "xlsx", "--lang", "en", out]
    )
    assert result.exit_code == 1
    assert "more than an Excel sheet holds" in result.stderr and "Traceback" not in result.output
