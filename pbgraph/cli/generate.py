"""`pbgraph generate`: write a fictional committee system."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pbgraph._texts import help_text
from pbgraph.cli._common import (
    echo_wrote,
    lang_option,
    library_errors,
)


@click.command()
@click.argument("out", type=click.Path(file_okay=True, path_type=Path))
@click.option(
    "--scale",
    type=click.Choice(["county", "city", "province", "national"]),
    default="county",
    show_default=True,
    help=help_text("scale"),
)
@click.option("--seed", type=int, default=0, show_default=True, help=help_text("seed"))
@click.option(
    "--contacts/--no-contacts", default=True, show_default=True, help=help_text("generate_contacts")
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help=help_text("generate_format"),
)
@click.option("--force", is_flag=True, help=help_text("generate_force"))
@lang_option
@library_errors
def generate(out: Path, scale: str, seed: int, contacts: bool, fmt: str, force: bool, lang: str) -> None:
    """生成一个虚构的政协系统数据集（用于试用和性能测试）。

    Generate a fictional committee system (county ≈ 250 members … national ≈ 650,000).

    \b
    例 / Example:
      pbgraph generate --scale province --seed 1 out/province
      pbgraph generate --scale county --format xlsx out/county.xlsx
      pbgraph generate --scale city --lang en out/city
    """
    from pbgraph.generate import generate as run_generate

    written = run_generate(
        scale,
        out,
        seed=seed,
        contacts=contacts,
        fmt="xlsx" if fmt == "xlsx" else "csv",
        force=force,
        progress=(lambda s: click.echo(s, err=True)) if sys.stderr.isatty() else None,
        lang=lang,
    )
    echo_wrote(out, lang, key="wrote_files", n=len(written))
