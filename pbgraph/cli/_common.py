"""What every command shares, defined once: the options (`--lang`, `--format/-o`, `--max-load` …), loading a
dataset or exiting with its problems, turning library errors into one message, and writing tables."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import pandas as pd

from pbgraph import _format
from pbgraph._errors import DatasetError, PbgraphError
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.dataset import Dataset
from pbgraph.loader import load
from pbgraph.problem import Problem

F = TypeVar("F", bound=Callable[..., Any])


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help="输出语言 / output language.",
    )(func)


def max_load_option(func: F) -> F:
    return click.option(
        "--max-load",
        type=click.IntRange(min=0),
        default=DEFAULT_MAX_LOAD,
        show_default=True,
        help="每名党员委员最多联系的党外委员数 / max non-party members per CPC member.",
    )(func)


def max_depth_option(func: F) -> F:
    return click.option(
        "--max-depth",
        type=click.IntRange(min=1),
        default=None,
        help="联系链最多几跳（默认不限）/ max hops of reach (default: unlimited).",
    )(func)


def output_options(*formats: str) -> Callable[[F], F]:
    """--format, --lang and -o/--output, shared by every command that prints rows."""

    def decorate(func: F) -> F:
        func = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help="写入文件而不是屏幕（xlsx 必须指定）/ write to a file (needed for xlsx)."
            if "xlsx" in formats
            else "写入文件而不是屏幕 / write to a file.",
        )(func)
        func = click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default="table",
            show_default=True,
            help="输出格式 / output format.",
        )(func)
        return lang_option(func)

    return decorate


FORMATS = ("table", "json", "csv")
EXIT_DATASET = 2


def progress(lang: str) -> Callable[[str], None] | None:
    if not sys.stderr.isatty():
        return None
    word = "读取" if lang == "zh" else "reading"
    return lambda name: click.echo(f"{word} {name} …", err=True)


def problem_lines(problems: list[Problem], lang: str) -> list[str]:
    marks = {"error": "错误" if lang == "zh" else "error", "warning": "警告" if lang == "zh" else "warning"}
    return [f"[{marks[p.severity]}] {p.message(lang)}" for p in problems]


def load_or_exit(path: str, lang: str) -> Dataset:
    """Load a dataset; on errors print every problem and exit with code 2."""
    try:
        return load(path, progress=progress(lang))
    except DatasetError as error:
        for line in problem_lines(error.problems, lang):
            click.echo(line, err=True)
        errors = sum(p.is_error for p in error.problems)
        click.echo(
            f"数据集有 {errors} 个错误，未加载。请按上面的说明修正后重试。"
            if lang == "zh"
            else f"The dataset has {errors} error(s); nothing was loaded. Fix them as described above.",
            err=True,
        )
        sys.exit(EXIT_DATASET)


def library_errors(func: F) -> F:
    """Turn pbgraph's own errors into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PbgraphError as error:
            raise click.ClickException(str(error)) from error

    return wrapper  # type: ignore[return-value]


def write_tables(
    tables: dict[str, pd.DataFrame],
    *,
    fmt: str,
    lang: str,
    output: Path | None,
    notes: list[str] | None = None,
) -> None:
    """Write named tables in the chosen format, to the screen or a file (one writer for every command)."""
    from pbgraph.io import atomic_open, write_xlsx_tables

    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("--format xlsx 需要 -o 文件名 / --format xlsx needs -o FILE")
        sheets = {
            _format.table_title(name, lang)[:31]: _format.display_frame(frame, lang)
            for name, frame in tables.items()
        }
        write_xlsx_tables(sheets, output)
        click.echo(f"已写入 {output}" if lang == "zh" else f"wrote {output}", err=True)
        return
    if fmt == "json":
        data: Any = {name: _format.json_ready(frame) for name, frame in tables.items()}
        if len(tables) == 1:
            data = next(iter(data.values()))
        text = _format.json_text(data) + "\n"
    elif fmt == "csv":
        parts = [_format.csv_text(frame, lang) for frame in tables.values()]
        if len(tables) > 1:
            parts = [
                f"# {_format.table_title(name, lang)}\n{part}"
                for name, part in zip(tables, parts, strict=True)
            ]
        text = "\n".join(parts)
    else:
        blocks = []
        for name, frame in tables.items():
            title = _format.table_title(name, lang)
            blocks.append(
                f"{title}（{len(frame)}）\n{_format.text_table(frame, lang)}"
                if lang == "zh"
                else f"{title} ({len(frame)})\n{_format.text_table(frame, lang)}"
            )
        text = "\n\n".join(blocks) + "\n"
        for note in notes or []:
            text += note + "\n"
    if fmt != "table":
        # notes are not rows: machine-readable output keeps to rows, the notes go to the terminal
        for note in notes or []:
            click.echo(note, err=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        with atomic_open(output, "w") as handle:
            handle.write(("\ufeff" if fmt == "csv" else "") + text)
        click.echo(f"已写入 {output}" if lang == "zh" else f"wrote {output}", err=True)
