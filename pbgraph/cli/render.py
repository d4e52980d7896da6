"""`pbgraph render`: an interactive graph view (HTML) or a static picture."""

from __future__ import annotations

import re
from pathlib import Path

import click

from pbgraph._texts import CLI, help_text, say
from pbgraph._texts.cli import USAGE
from pbgraph.cli._common import (
    OutputFile,
    as_of_dataset,
    as_of_option,
    cache_option,
    echo_wrote,
    format_for_output,
    lang_option,
    library_errors,
    load_or_exit,
    max_load_option,
)

TARGET_VIEWS = ("sector", "township", "member", "committee", "reach")
FORMATS = ("html", "fragment", "png", "svg")
SUFFIXES = {".html": "html", ".htm": "html", ".png": "png", ".svg": "svg"}
"""The formats -o's suffix stands for when --format is not given."""


@click.command()
@click.argument(
    "view",
    type=click.Choice(["network", "org", "sector", "township", "member", "committee", "gaps", "reach"]),
    # named in the help's list of views; the choices in the usage line ran past its width, cut mid-word
    metavar="VIEW",
)
@click.argument("args", nargs=-1, required=True, metavar="[ID] PATH")
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    help=help_text("render_output"),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help=help_text("render_format"),
)
@click.option("--committee", help=help_text("render_committee"))
@click.option(
    "--color-by",
    type=click.Choice(["party", "sector", "township", "committee"]),
    default="party",
    show_default=True,
    help=help_text("color_by"),
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help=help_text("depth"),
)
@click.option(
    "--node-limit",
    type=click.IntRange(min=10),
    default=3000,
    show_default=True,
    help=help_text("node_limit"),
)
@max_load_option
@click.option("--element-id", help=help_text("element_id"))
@as_of_option
@lang_option
@cache_option
@library_errors
def render(
    view: str,
    args: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    committee: str | None,
    color_by: str,
    depth: int | None,
    node_limit: int,
    max_load: int,
    element_id: str | None,
    as_of: str | None,
    lang: str,
) -> None:
    """生成交互式关系图（离线可用的单个 HTML 文件），或 PNG/SVG 静态图。

    Render an interactive graph view (one offline HTML file), an embeddable fragment, or PNG/SVG.

    \b
    视图 / views: network, org, gaps, committee ID, sector ID, township ID, member ID, reach ID
    ID：编号或名称（姓名）/ an id, or a name (a member's name) that only one has
    例 / Example:
      pbgraph render gaps data/sample -o out/gaps.html
      pbgraph render member M0001 data/sample --depth 2 -o out/m.html
      pbgraph render network data/sample --color-by sector --format png -o out/network.png
      pbgraph render gaps data/sample --as-of 2024-06-30 -o out/gaps-2024.html
    """
    from pbgraph.render import build_view, write_view

    needs_target = view in TARGET_VIEWS
    if len(args) != (2 if needs_target else 1):
        raise click.UsageError(say(USAGE, "render", lang, view=view, target="ID " if needs_target else ""))
    target, path = (args[0], args[1]) if needs_target else (None, args[0])
    fmt = format_for_output(
        output, fmt or "html", FORMATS, chosen=fmt is not None, lang=lang, suffixes=SUFFIXES
    )
    if element_id is not None and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,63}", element_id):
        # said before the dataset is read, in the command's language
        raise click.ClickException(
            say(
                CLI,
                "bad_element_id",
                lang,
                value="".join(c if c.isprintable() else repr(c)[1:-1] for c in element_id),
            )
        )
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    built = build_view(
        ds,
        view,
        target,
        committee=committee,
        color_by=color_by,
        depth=depth,
        node_limit=node_limit,
        max_load=max_load,
        lang=lang,
    )
    suffix = {"fragment": ".html", "png": ".png", "svg": ".svg"}.get(fmt, ".html")
    output = output or Path("out") / f"{view}{'-' + target if target else ''}{suffix}"
    write_view(built, output, fmt=fmt, element_id=element_id)
    if built.notice:
        click.echo(built.notice, err=True)
    # what the file draws when it opens (super-nodes, not the members folded in them; no reserve; no titles)
    drawn = built.drawn_count()
    one = "_one" if drawn == 1 else ""
    if built.stands_for is None:
        echo_wrote(output, lang, key=f"wrote_view{one}", n=drawn)
    else:
        echo_wrote(output, lang, key=f"wrote_view_folded{one}", n=drawn, members=built.stands_for)
