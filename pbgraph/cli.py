"""The `pbgraph` command line: a thin layer that parses options, calls one library function and writes the
result. Library errors become one clear message and a non-zero exit code (2 for dataset errors)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd

from pbgraph import _format
from pbgraph._cli_options import F, lang_option, max_depth_option, max_load_option, output_options
from pbgraph._errors import DatasetError, PbgraphError
from pbgraph._neo4j_cli import backend_options, neo4j_group
from pbgraph.analyses import ANALYSES
from pbgraph.dataset import Dataset, load
from pbgraph.validate import Problem

FORMATS = ("table", "json", "csv")
EXIT_DATASET = 2


def _progress(lang: str) -> Callable[[str], None] | None:
    if not sys.stderr.isatty():
        return None
    word = "读取" if lang == "zh" else "reading"
    return lambda name: click.echo(f"{word} {name} …", err=True)


def _problem_lines(problems: list[Problem], lang: str) -> list[str]:
    marks = {"error": "错误" if lang == "zh" else "error", "warning": "警告" if lang == "zh" else "warning"}
    return [f"[{marks[p.severity]}] {p.message(lang)}" for p in problems]


def load_or_exit(path: str, lang: str) -> Dataset:
    """Load a dataset; on errors print every problem and exit with code 2."""
    try:
        return load(path, progress=_progress(lang))
    except DatasetError as error:
        for line in _problem_lines(error.problems, lang):
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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="pbgraph")
def main() -> None:
    """pbgraph：政协党建“一网三联”组织网络分析工具 / CPPCC party-building network analyzer.

    \b
    例 / Example:
      pbgraph validate data/sample
      pbgraph analyze all data/sample
    """
    from pbgraph._write import forget_reads

    # a new command: nothing read yet (matters when one process runs several, as the tests do)
    forget_reads()


@main.command()
@click.argument("path", type=click.Path())
@output_options(*FORMATS)
def validate(path: str, fmt: str, lang: str, output: Path | None) -> None:
    """检查数据集，列出全部错误和警告（有错误时退出码为 2）。

    Check a dataset (folder of CSVs or .xlsx) and list every error and warning; exit code 2 on errors.

    \b
    例 / Example:
      pbgraph validate data/sample
      pbgraph validate roster.xlsx --lang en --format json
    """
    from pbgraph.io import read_raw
    from pbgraph.validate import build_dataset

    raw, problems = read_raw(path, progress=_progress(lang))
    try:
        ds = build_dataset(raw, problems)
        found, ok = ds.warnings, True
    except DatasetError as error:
        found, ok = error.problems, False
    errors = sum(p.is_error for p in found)
    warnings = len(found) - errors
    if ok:
        summary = (
            f"数据集有效：{len(ds.members)} 名委员，{warnings} 个警告。"
            if lang == "zh"
            else f"Dataset is valid: {len(ds.members)} members, {warnings} warning(s)."
        )
    else:
        summary = (
            f"数据集无效：{errors} 个错误，{warnings} 个警告。未加载任何数据。"
            if lang == "zh"
            else f"Dataset is invalid: {errors} error(s), {warnings} warning(s). Nothing loaded."
        )
    if fmt == "table" and output is None:
        for line in _problem_lines(found, lang):
            click.echo(line)
        click.echo(summary)
    else:
        frame = pd.DataFrame(
            [p.as_record(lang) for p in found],
            columns=["severity", "code", "file", "sheet", "row", "column", "value", "message"],
        )
        write_tables({"problems": frame}, fmt=fmt, lang=lang, output=output)
        click.echo(summary, err=True)
    if not ok:
        sys.exit(EXIT_DATASET)


@main.command()
@click.argument("path", type=click.Path())
@output_options(*FORMATS)
def info(path: str, fmt: str, lang: str, output: Path | None) -> None:
    """数据集概况：按政协统计各类节点和联系的数量。

    Counts by kind, per committee.

    \b
    例 / Example:
      pbgraph info data/sample
      pbgraph info data/sample --format json
    """
    from pbgraph.stats import counts

    ds = load_or_exit(path, lang)
    write_tables({"info": counts(ds)}, fmt=fmt, lang=lang, output=output)


@main.command()
@click.argument("out", type=click.Path(file_okay=True, path_type=Path))
@click.option(
    "--scale",
    type=click.Choice(["county", "city", "province", "national"]),
    default="county",
    show_default=True,
    help="规模 / scale of the committee system.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="随机种子（同一种子结果相同）/ seed.")
@click.option("--contacts/--no-contacts", default=True, show_default=True, help="生成联系群众 / contacts.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@library_errors
def generate(out: Path, scale: str, seed: int, contacts: bool, fmt: str) -> None:
    """生成一个虚构的政协系统数据集（用于试用和性能测试）。

    Generate a fictional committee system (county ≈ 250 members … national ≈ 650,000).

    \b
    例 / Example:
      pbgraph generate --scale province --seed 1 out/province
      pbgraph generate --scale county --format xlsx out/county.xlsx
    """
    from pbgraph.generate import generate as run_generate

    written = run_generate(
        scale,
        out,
        seed=seed,
        contacts=contacts,
        fmt="xlsx" if fmt == "xlsx" else "csv",
        progress=(lambda s: click.echo(s, err=True)) if sys.stderr.isatty() else None,
    )
    click.echo(f"已写入 {len(written)} 个文件到 {out}")


@main.command()
@click.argument(
    "name",
    type=click.Choice(["all", *ANALYSES]),
)
@click.argument("path", type=click.Path())
@click.option("--committee", help="只看这个政协（编号）/ only this committee (id).")
@click.option("--by-committee", is_flag=True, help="各政协排名表，最差在前 / league table, worst first.")
@max_load_option
@max_depth_option
@output_options(*FORMATS, "xlsx")
@backend_options
@library_errors
def analyze(
    name: str,
    path: str,
    committee: str | None,
    by_committee: bool,
    max_load: int,
    max_depth: int | None,
    fmt: str,
    lang: str,
    output: Path | None,
    backend: str,
    dataset: str | None,
    uri: str | None,
    username: str | None,
    database: str | None,
) -> None:
    """运行分析：覆盖率、未联系、未组织、界别、镇街、平台、联系链、负担、关键联系人。

    Run an analysis (or all) and print its rows.

    \b
    例 / Example:
      pbgraph analyze coverage data/sample
      pbgraph analyze unlinked data/sample --format csv -o unlinked.csv
      pbgraph analyze coverage data/system --by-committee
      pbgraph analyze all data/sample --format xlsx -o gaps.xlsx
      pbgraph analyze coverage data/sample --backend neo4j
    """
    from pbgraph.analyses import league_table, run

    if by_committee and committee:
        raise click.UsageError(
            "--by-committee 比较全部政协，不能与 --committee 同用 / "
            "--by-committee compares every committee; drop --committee"
        )
    if backend == "neo4j":
        from pbgraph._neo4j_cli import analyze_with_neo4j

        found, raw_notes = analyze_with_neo4j(
            ANALYSES if name == "all" else (name,),
            path,
            by_committee=by_committee,
            committee=committee,
            max_load=max_load,
            max_depth=max_depth,
            dataset=dataset,
            uri=uri,
            username=username,
            database=database,
        )
        write_tables(found, fmt=fmt, lang=lang, output=output, notes=[_note(n, lang) for n in raw_notes])
        return
    ds = load_or_exit(path, lang)
    tables: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    if by_committee:
        tables["league"] = league_table(ds, max_load=max_load)
    names = ANALYSES if name == "all" else (name,)
    if not (by_committee and name == "coverage"):
        for analysis in names:
            result = run(analysis, ds, committee=committee, max_load=max_load, max_depth=max_depth)
            tables.update(result.tables)
            notes += [_note(n, lang) for n in result.notes]
    write_tables(tables, fmt=fmt, lang=lang, output=output, notes=notes)


TARGET_VIEWS = ("sector", "township", "member", "committee", "reach")


@main.command()
@click.argument(
    "view",
    type=click.Choice(["network", "org", "sector", "township", "member", "committee", "gaps", "reach"]),
)
@click.argument("args", nargs=-1, required=True, metavar="[ID] PATH")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件（默认 out/视图名.html）/ output file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "fragment", "png", "svg"]),
    default=None,
    help="html（默认）、fragment（可嵌入的 <div>）、png、svg；默认按文件后缀 / default: by suffix.",
)
@click.option("--committee", help="只看这个政协 / only this committee.")
@click.option(
    "--color-by",
    type=click.Choice(["party", "sector", "township", "committee"]),
    default="party",
    show_default=True,
    help="委员着色依据 / member colour.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="member 视图的跳数；reach 视图的最大跳数（0 = 不限）/ hops.",
)
@click.option(
    "--node-limit",
    type=click.IntRange(min=10),
    default=3000,
    show_default=True,
    help="超过此节点数时聚合显示 / aggregate above this many nodes.",
)
@max_load_option
@click.option("--element-id", help="fragment 的元素 id（同页多个视图时）/ element id of a fragment.")
@lang_option
@library_errors
def render(
    view: str,
    args: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    committee: str | None,
    color_by: str,
    depth: int,
    node_limit: int,
    max_load: int,
    element_id: str | None,
    lang: str,
) -> None:
    """生成交互式关系图（离线可用的单个 HTML 文件），或 PNG/SVG 静态图。

    Render an interactive graph view (one offline HTML file), an embeddable fragment, or PNG/SVG.

    \b
    视图 / views: network, org, gaps, committee ID, sector ID, township ID, member ID, reach ID
    例 / Example:
      pbgraph render gaps data/sample -o out/gaps.html
      pbgraph render member M0001 data/sample --depth 2 -o out/m.html
      pbgraph render network data/sample --color-by sector --format png -o out/network.png
    """
    from pbgraph.render import build_view, write_view

    needs_target = view in TARGET_VIEWS
    if len(args) != (2 if needs_target else 1):
        raise click.UsageError(
            f"用法：pbgraph render {view} {'ID ' if needs_target else ''}PATH / usage: pbgraph render {view} "
            f"{'ID ' if needs_target else ''}PATH"
        )
    target, path = (args[0], args[1]) if needs_target else (None, args[0])
    ds = load_or_exit(path, lang)
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
    suffix = {"fragment": ".html", "png": ".png", "svg": ".svg"}.get(fmt or "html", ".html")
    output = output or Path("out") / f"{view}{'-' + target if target else ''}{suffix}"
    write_view(built, output, fmt=fmt, element_id=element_id)
    if built.notice:
        click.echo(built.notice, err=True)
    click.echo(
        f"已写入 {output}（{len(built.nodes)} 个节点）"
        if lang == "zh"
        else f"wrote {output} ({len(built.nodes)} nodes)"
    )


def _note(note: str, lang: str) -> str:
    kind, _, value = note.partition(":")
    if kind == "sampled":
        return (
            f"注：网络较大，中介中心性按 {value} 个随机起点（固定种子）抽样估算。"
            if lang == "zh"
            else f"Note: betweenness was estimated from {value} sampled sources (fixed seed)."
        )
    return note


@main.command()
@click.argument("path", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out") / "report.html",
    show_default=True,
    help="报告文件 / the HTML file to write.",
)
@click.option("--committee", help="只报告这个政协（编号）/ only this committee (id).")
@click.option(
    "--redact",
    is_flag=True,
    help="姓名脱敏（委员A017 等代号），用于对外提供 / replace every person's name by a pseudonym.",
)
@click.option(
    "--xlsx",
    "xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="同时导出完整表格到这个 Excel 文件 / also write every table to this workbook.",
)
@max_load_option
@max_depth_option
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="每个表格最多显示的行数 / rows shown per table.",
)
@click.option(
    "--node-limit",
    type=click.IntRange(min=10),
    default=1500,
    show_default=True,
    help="关系图超过此节点数时聚合显示 / aggregate graph views above this many nodes.",
)
@click.option(
    "--views/--no-views",
    default=True,
    show_default=True,
    help="嵌入交互式关系图 / embed the interactive graph views.",
)
@lang_option
@library_errors
def report(
    path: str,
    output: Path,
    committee: str | None,
    redact: bool,
    xlsx: Path | None,
    max_load: int,
    max_depth: int | None,
    max_rows: int,
    node_limit: int,
    views: bool,
    lang: str,
) -> None:
    """生成分析报告：一个可离线打开、可打印为 PDF 的 HTML 文件。

    Write the report: one self-contained HTML file (opens offline, prints to PDF) with the coverage rates,
    every gap, charts and interactive graph views.

    \b
    例 / Example:
      pbgraph report data/sample -o report.html
      pbgraph report data/sample -o report.html --xlsx report.xlsx
      pbgraph report data/system --redact --lang en -o report-en.html
    """
    from pbgraph.export import export_xlsx
    from pbgraph.export import redact as redact_dataset
    from pbgraph.report import write_report

    ds = load_or_exit(path, lang)
    if redact:
        ds = redact_dataset(ds, lang=lang)
    if xlsx is not None:
        export_xlsx(ds, xlsx, committee=committee, max_load=max_load, max_depth=max_depth, lang=lang)
        click.echo(f"已写入 {xlsx}" if lang == "zh" else f"wrote {xlsx}", err=True)
    # redacting is idempotent: the report redacts again only to say so on its cover
    write_report(
        ds,
        output,
        committee=committee,
        lang=lang,
        redact=redact,
        max_load=max_load,
        max_depth=max_depth,
        max_rows=max_rows,
        node_limit=node_limit,
        views=views,
        excel_name=xlsx.name if xlsx is not None else None,
    )
    click.echo(f"已写入 {output}" if lang == "zh" else f"wrote {output}")


@main.command()
@click.argument("path", type=click.Path())
@click.option(
    "--to",
    "to",
    type=click.Choice(["xlsx", "graphml", "gexf", "json", "csv"]),
    required=True,
    help="xlsx：分析表格；graphml/gexf/json：关系图（Gephi、Cytoscape）；csv：数据集本身 / format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="输出文件（csv 为文件夹）；默认 out/数据集名.格式 / output file (csv: folder).",
)
@click.option("--committee", help="xlsx：只导出这个政协 / xlsx: only this committee.")
@click.option("--redact", is_flag=True, help="姓名脱敏 / replace every person's name by a pseudonym.")
@max_load_option
@max_depth_option
@click.option(
    "--contacts/--no-contacts",
    default=True,
    show_default=True,
    help="graphml/gexf/json：包含联系群众 / include contacts in the graph.",
)
@lang_option
@library_errors
def export(
    path: str,
    to: str,
    output: Path | None,
    committee: str | None,
    redact: bool,
    max_load: int,
    max_depth: int | None,
    contacts: bool,
    lang: str,
) -> None:
    """导出：分析表格（Excel）、关系图（GraphML/GEXF/JSON）或数据集本身（CSV）。

    Export the analysis tables (xlsx, a sheet per table), the typed graph (graphml, gexf, json for Gephi and
    Cytoscape) or the dataset itself in the input format (csv; loading it back gives the same dataset).

    \b
    例 / Example:
      pbgraph export data/sample --to xlsx -o gaps.xlsx
      pbgraph export data/sample --to gexf -o network.gexf
      pbgraph export data/province --to graphml --no-contacts -o province.graphml
      pbgraph export data/sample.xlsx --to csv -o out/sample-csv
      pbgraph export data/sample --to csv --redact -o out/shareable
    """
    from pbgraph.export import export as run_export
    from pbgraph.export import redact as redact_dataset

    ds = load_or_exit(path, lang)
    if output is None:
        stem = Path(path).stem or "dataset"
        output = Path("out") / (stem if to == "csv" else f"{stem}.{to}")
    if output.resolve() == Path(path).resolve():
        raise click.UsageError("输出不能覆盖输入数据集 / the output must not overwrite the input dataset")
    if redact:
        ds = redact_dataset(ds, lang=lang)
    written = run_export(
        ds,
        output,
        to=to,
        committee=committee,
        max_load=max_load,
        max_depth=max_depth,
        lang=lang,
        contacts=contacts,
    )
    if to == "csv":
        click.echo(
            f"已写入 {len(written)} 个文件到 {output}"
            if lang == "zh"
            else f"wrote {len(written)} files to {output}"
        )
    else:
        click.echo(f"已写入 {output}" if lang == "zh" else f"wrote {output}")


main.add_command(neo4j_group)

if __name__ == "__main__":  # pragma: no cover
    main()
