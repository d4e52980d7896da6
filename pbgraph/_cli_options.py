"""Command-line options shared by several commands (and by the Neo4j command group), defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
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


def period_options(func: F) -> F:
    """--since, --until (the period of the activity analyses) and --as-of (the network on a date)."""
    func = click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        help="按某日的网络分析（此后开始的联系、此后的活动不计）/ the network as it stood on DATE.",
    )(func)
    func = click.option(
        "--until",
        metavar="DATE",
        help="活动统计截止日（默认：最近一次活动日）/ end of the period (default: latest activity).",
    )(func)
    return click.option(
        "--since",
        metavar="DATE",
        help="活动统计起始日（默认：截止日前 12 个月）/ start of the period (default: 12 months to the end).",
    )(func)


def activity_options(func: F) -> F:
    """--min-meetings (org_life) and --min-contacts (load, "1+10")."""
    func = click.option(
        "--min-contacts",
        type=click.IntRange(min=0),
        default=None,
        help="load：列出联系群众少于 N 人的党员委员（1+10 填 10）/ load: CPC members with fewer contacts.",
    )(func)
    return click.option(
        "--min-meetings",
        type=click.IntRange(min=0),
        default=DEFAULT_MIN_MEETINGS,
        show_default=True,
        help="org_life：期内至少参加几次组织生活 / org_life: meetings each CPC member should attend.",
    )(func)
