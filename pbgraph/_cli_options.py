"""Command-line options shared by several commands (and by the Neo4j command group), defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pbgraph.analyses.load import DEFAULT_MAX_LOAD

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
