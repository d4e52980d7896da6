"""Click's errors speak the language of the command line: the words around a message ("Usage:", "Try … for
help.", "Error:") and click's common messages are Chinese by default and English with `--lang en`, also when
the error is in parsing the arguments (before `--lang` is read); the exit codes stay 2 for a usage error and 1
for any other, on stderr."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from pbgraph.cli import main


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="pbgraph")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            "用法：pbgraph template [OPTIONS]\n运行“pbgraph template --help”查看帮助。\n\n"
            "错误：模板须为 .xlsx 文件\n",
        ),
        (
            "en",
            "Usage: pbgraph template [OPTIONS]\nTry 'pbgraph template --help' for help.\n\n"
            "Error: the template must be an .xlsx file\n",
        ),
    ],
    ids=["zh", "en"],
)
def test_a_usage_error_of_ours(tmp_path: Path, lang: str, expected: str) -> None:
    result = run("template", "-o", tmp_path / "template.txt", "--lang", lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "错误：{out} 已存在。请换一个文件名，或加 --force 替换。\n"),
        ("en", "Error: {out} exists. Choose another name, or add --force.\n"),
    ],
    ids=["zh", "en"],
)
def test_an_error_of_ours(tmp_path: Path, lang: str, expected: str) -> None:
    out = tmp_path / "template.xlsx"
    out.write_bytes(b"")
    result = run("template", "-o", out, "--lang", lang)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", expected.format(out=out))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            [],
            "用法：pbgraph info [OPTIONS] PATH\n运行“pbgraph info --help”查看帮助。\n\n"
            "错误：缺少参数 'PATH'。\n",
        ),
        (
            ["--lang", "en"],
            "Usage: pbgraph info [OPTIONS] PATH\nTry 'pbgraph info --help' for help.\n\n"
            "Error: Missing argument 'PATH'.\n",
        ),
        (
            ["--lang=en"],
            "Usage: pbgraph info [OPTIONS] PATH\nTry 'pbgraph info --help' for help.\n\n"
            "Error: Missing argument 'PATH'.\n",
        ),
    ],
    ids=["zh", "en", "en="],
)
def test_an_error_in_parsing_speaks_the_lang_asked(args: list[str], expected: str) -> None:
    # click stops at the missing argument before it reads --lang: the language comes from the raw arguments
    result = run("info", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["info", "x", "--formt", "json"],
            "没有选项 '--formt'。是否要用 '--format'？",
            "No such option '--formt'. Did you mean '--format'?",
        ),
        (["infoo"], "没有命令 'infoo'。", "No such command 'infoo'."),
        (
            ["info", "x", "--format", "xml"],
            "'--format' 的值无效：'xml' 不在可选值中。可选：table、json、csv。",
            "Invalid value for '--format': 'xml' is not one of the choices: table, json, csv.",
        ),
        (
            ["analyze", "coverge", "x"],
            "'ANALYSIS' 的值无效：'coverge' 不在可选值中。可选：all、coverage、unlinked、unorganized、"
            "sectors、townships、platforms、reach、load、connectors、dormant、org_life。"
            "是否要用 'coverage'？",
            "Invalid value for 'ANALYSIS': 'coverge' is not one of the choices: all, coverage, unlinked,"
            " unorganized, sectors, townships, platforms, reach, load, connectors, dormant, org_life."
            " Did you mean 'coverage'?",
        ),
        (
            ["analyze", "coverage", "x", "--max-load", "-1"],
            "'--max-load' 的值无效：-1 is not in the range x>=0.",
            "Invalid value for '--max-load': -1 is not in the range x>=0.",
        ),
    ],
    ids=["unknown option", "unknown command", "bad choice", "near choice", "out of range"],
)
def test_click_s_common_messages(args: list[str], zh: str, en: str) -> None:
    chinese = run(*args)
    assert chinese.exit_code == 2
    assert chinese.stderr.splitlines()[-1] == f"错误：{zh}"
    english = run(*args, "--lang", "en")
    assert english.exit_code == 2
    assert english.stderr.splitlines()[-1] == f"Error: {en}"


def test_a_long_chinese_usage_line_is_wrapped_at_its_width() -> None:
    # "用法：" takes six columns (click counts three): the lines after the first start under the first column
    # of the arguments, and are no longer than in English (a 44-column terminal)
    def usage(*args: str) -> list[str]:
        return (
            CliRunner().invoke(main, list(args), prog_name="pbgraph", terminal_width=44).stderr.splitlines()
        )

    chinese, english = usage("analyze"), usage("analyze", "--lang", "en")
    assert chinese[:2] == [
        "用法：pbgraph analyze [OPTIONS] ANALYSIS",
        " " * (6 + len("pbgraph analyze ")) + "PATH",
    ]
    assert english[:2] == [
        "Usage: pbgraph analyze [OPTIONS] ANALYSIS",
        " " * len("Usage: pbgraph analyze ") + "PATH",
    ]


@pytest.mark.parametrize(("command", "metavar"), [("analyze", "ANALYSIS"), ("render", "VIEW")])
def test_a_command_s_usage_names_its_choice_and_its_help_lists_them(command: str, metavar: str) -> None:
    # the choices in the usage line ran past an 80-column line and were cut mid-word (tow↵nships): the usage
    # names the argument, the help lists every choice
    usage = run(command).stderr.splitlines()[0]
    assert usage == f"用法：pbgraph {command} [OPTIONS] {metavar} " + (
        "PATH" if command == "analyze" else "[ID] PATH"
    )
    found = main.get_command(click.Context(main), command)
    assert found is not None
    choices = next(p.type for p in found.params if p.name in ("name", "view")).choices
    listed = run(command, "--help").stdout
    assert all(re.search(rf"[ ,]{choice}[ ,\n]", listed) for choice in choices)


def test_the_group_alone_still_shows_its_help() -> None:
    result = run()
    assert result.output.startswith("Usage: pbgraph [OPTIONS] COMMAND") and "错误：" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["plan", "data/sample", "--max-load"],
            "用法：pbgraph plan [OPTIONS] PATH\n运行“pbgraph plan --help”查看帮助。\n\n"
            "错误：选项 '--max-load' 需要一个值。\n",
        ),
        (
            ["info", "data/sample", "extra"],
            "用法：pbgraph info [OPTIONS] PATH\n运行“pbgraph info --help”查看帮助。\n\n"
            "错误：多余的参数：extra\n",
        ),
        (
            ["info", "data/sample", "extra", "more", "--lang", "en"],
            "Usage: pbgraph info [OPTIONS] PATH\nTry 'pbgraph info --help' for help.\n\n"
            "Error: Got unexpected extra argument(s) (extra more)\n",
        ),
    ],
    ids=["option without its value", "extra argument", "extra arguments, en"],
)
def test_the_parsers_messages_with_the_commands_usage(args: list[str], expected: str) -> None:
    # the option parser raises these without the command's context: its usage is still shown
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, expected)
