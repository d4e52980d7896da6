"""Every user-visible word lives in `pbgraph._texts`, in Chinese and in English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

import pbgraph
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
    assert "unknown committee 'NOPE'" in english.stderr
    # the words are English; the committees it lists are data, named as the dataset names them
    assert english.stderr.endswith("(known: C001 示例区政协)\n")
    assert not HAN.search(english.stderr.replace("示例区政协", ""))
    chinese = runner.invoke(main, ["analyze", "unlinked", str(SAMPLE), "--committee", "NOPE"])
    assert chinese.exit_code == 1
    assert "未知的政协“NOPE”" in chinese.stderr and "unknown" not in chinese.stderr


def test_generate_speaks_english(tmp_path: object) -> None:
    out = f"{tmp_path}/county"
    result = CliRunner().invoke(main, ["generate", "--scale", "county", "--lang", "en", out])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.startswith("wrote 8 files to ")


def test_generate_refuses_an_xlsx_too_large_before_generating(tmp_path: object) -> None:
    out = f"{tmp_path}/national.xlsx"
    result = CliRunner().invoke(
        main, ["generate", "--scale", "national", "--format", "xlsx", "--lang", "en", out]
    )
    assert result.exit_code == 1
    assert "more than an Excel sheet holds" in result.stderr and "Traceback" not in result.output


# Modules whose Chinese string literals are data, not words: the vocabulary office files are written in
# (headers, aliases, sheet names, example rows), the fictional names the generator writes, the surnames the
# pseudonyms keep apart, the date forms and values the readers accept.
DATA_LITERALS = {
    "model.py": "the vocabulary: Chinese names and aliases of parties, kinds, roles, headers, sheets",
    "redact.py": "compound surnames (data the pseudonyms are built from)",
    "generate/_structure.py": "fictional organization names the generator writes",
    "generate/_system.py": "fictional roles and enterprise names the generator writes",
    "generate/_words.py": "fictional names the generator writes",
    "generate/scales.py": "fictional place names the generator writes",
    "office/_assemble.py": "headers and values of office files",
    "office/_nodes.py": "values of office files (name separators, township kinds)",
    "office/_recognize.py": "header aliases of office files",
    "office/_tables.py": "sheet names of office files",
    "office/_text.py": "date forms and yes/no values of office files",
    "office/importer.py": "the import report's file name",
    "office/reader.py": "sheet names and headers of office files",
    "office/template.py": "the office form: sheet names, headers, drop-down values, example rows",
    "office/writer.py": "the office form: sheet names, headers, values",
    "validate/_checks.py": "yes/no values the readers accept",
    "validate/_text.py": "date forms the readers accept",
}
CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]")


def _chinese_literals(path: Path) -> list[tuple[int, str]]:
    """String literals holding a Chinese character, docstrings left out (they are not shown to users)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CHINESE_WORD.search(node.value)
    ]


def test_chinese_words_live_in_texts_only() -> None:
    package = Path(pbgraph.__file__).parent
    found = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name.startswith("_texts/") or name in DATA_LITERALS:
            continue
        if literals := _chinese_literals(path):
            found[name] = literals[:3]
    assert not found, f"Chinese words outside pbgraph/_texts (move them into a catalog): {found}"


def test_the_allow_list_names_modules_that_still_need_it() -> None:
    package = Path(pbgraph.__file__).parent
    stale = [name for name in DATA_LITERALS if not _chinese_literals(package / name)]
    assert not stale, f"no Chinese literals left in {stale}: drop them from DATA_LITERALS"


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["analyze", "dormant", str(SAMPLE), "--since", "2024-13-01"], "'2024-13-01' is not a date"),
        (
            ["analyze", "dormant", str(SAMPLE), "--since", "2025-01-01", "--until", "2024-01-01"],
            "after it ends",
        ),
        (["analyze", "coverage", str(SAMPLE), "--format", "xlsx"], "--format xlsx needs -o FILE"),
        (["whatif", str(SAMPLE), "--remove", "NOPE"], "unknown member(s): NOPE"),
        (["render", "member", str(SAMPLE)], "the member view is written: pbgraph render member ID PATH"),
        (["template", "-o", "template.txt"], "the template must be an .xlsx file"),
    ],
    ids=["bad date", "reversed period", "xlsx without -o", "unknown member", "render usage", "template name"],
)
def test_errors_speak_one_language(args: list[str], english: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, [*args, "--lang", "en"])
    assert result.exit_code != 0
    assert english in result.stderr and not HAN.search(result.stderr), result.stderr
    chinese = runner.invoke(main, args)
    assert chinese.exit_code != 0
    assert HAN.search(chinese.stderr) and english not in chinese.stderr, chinese.stderr


def test_the_english_report_counts_in_english_parentheses() -> None:
    from pbgraph import load
    from pbgraph.report import build_report

    page = build_report(load(SAMPLE), lang="en", views=False)
    # table titles carry no row count (issue 10.10); what is counted elsewhere uses English parentheses
    assert "<h3>Dormant liaisons by CPC member</h3>" in page
    assert not re.search(r"[A-Za-z]（\d", page), "an English title counted in Chinese parentheses"


def test_a_legend_short_form_names_one_text_and_is_shorter() -> None:
    """`LEGEND_SHORT` is keyed by the full wording's key: one of the view texts, the gap kinds or the
    comparisons' words has it (no other would take its short form), and the short form is shorter."""
    from pbgraph._texts.changes import CHANGES
    from pbgraph._texts.render import GAP_LABELS, LEGEND_SHORT, TEXT

    for key, short in LEGEND_SHORT.items():
        homes = [table[key] for table in (TEXT, GAP_LABELS, CHANGES) if key in table]
        assert len(homes) == 1, key
        assert all(len(s) <= len(full) for s, full in zip(short, homes[0], strict=True)), key
        assert short != homes[0], key
