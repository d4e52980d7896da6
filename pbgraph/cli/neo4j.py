"""`pbgraph neo4j …` (push, pull, query) and `pbgraph analyze … --backend neo4j`: a thin layer over
:mod:`pbgraph.neo4j`.

The connection comes from `NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`; `--uri`,
`--username` and `--database` override them. The password is only ever read from the environment.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
import pandas as pd

from pbgraph import neo4j as store
from pbgraph._notes import findings_notes, unranked_notes
from pbgraph._texts import help_text, say
from pbgraph._texts.neo4j import NEO4J
from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.cli._common import (
    SubcommandGroup,
    asked,
    cache_option,
    echo_wrote,
    lang_option,
    library_errors,
    load_or_exit,
    output_options,
    status,
    write_tables,
)
from pbgraph.cli._connection import connection_options

QUERY_FORMATS = ("table", "json", "csv")


def settings(uri: str | None, username: str | None, database: str | None) -> store.Settings:
    return store.Settings.from_env(uri=uri, username=username, database=database)


def dataset_name(path: str) -> str:
    """The dataset name a path gives by default: its folder or workbook name (as :func:`pbgraph.load`)."""
    return os.path.basename(os.path.normpath(path))


def parse_parameter(text: str) -> tuple[str, Any]:
    """`NAME=VALUE` or `NAME:TYPE=VALUE` -> (name, value), as :func:`pbgraph.neo4j.parse_parameter`.

    Examples
    --------
    >>> parse_parameter("dataset=2024"), parse_parameter("max_load=3"), parse_parameter("x:str=3")
    (('dataset', '2024'), ('max_load', 3), ('x', '3'))
    """
    try:
        return store.parse_parameter(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--param") from error


class _Progress:
    """A progress bar on stderr, opened at the first batch (only on a terminal)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.group(
    "neo4j",
    cls=SubcommandGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
def neo4j_group() -> None:
    """Neo4j：共享的多用户数据库（推送、读回、查询）/ Neo4j as the shared store: push, pull, query.

    连接取自环境变量 NEO4J_URI、NEO4J_USERNAME、NEO4J_PASSWORD、NEO4J_DATABASE / the connection comes from
    NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.

    \b
    例 / Example:
      export NEO4J_URI=neo4j://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=…
      pbgraph neo4j push data/sample
      pbgraph analyze coverage data/sample --backend neo4j
    """


@neo4j_group.command("push")
@click.argument("path", type=click.Path())
@click.option(
    "--dataset",
    metavar="NAME",
    help=help_text("neo4j_push_dataset"),
)
@click.option("--replace", is_flag=True, help=help_text("replace"))
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=store.DEFAULT_BATCH_SIZE,
    show_default=True,
    help=help_text("batch_size"),
)
@connection_options
@lang_option
@cache_option
def push_command(
    path: str,
    dataset: str | None,
    replace: bool,
    batch_size: int,
    uri: str | None,
    username: str | None,
    database: str | None,
    lang: str,
) -> None:
    """校验数据集，再写入 Neo4j（可重复执行，结果不变）。

    Validate a dataset, then load it into Neo4j (nothing is written when it has errors; pushing again changes
    nothing; --replace first deletes what Neo4j holds under the same name).

    \b
    例 / Example:
      pbgraph neo4j push data/sample
      pbgraph neo4j push roster.xlsx --dataset 示例区-2024 --replace
    """
    ds = load_or_exit(path, lang)
    conn_settings = settings(uri, username, database)
    _push(
        ds, dataset or ds.name, replace=replace, batch_size=batch_size, conn_settings=conn_settings, lang=lang
    )


@library_errors
def _push(
    ds: Any, name: str, *, replace: bool, batch_size: int, conn_settings: store.Settings, lang: str
) -> None:
    progress = _Progress(say(NEO4J, "writing", lang)) if sys.stderr.isatty() else None
    try:
        with store.connect(conn_settings) as conn:
            summary = store.push(
                conn, ds, dataset=name, replace=replace, batch_size=batch_size, progress=progress
            )
    finally:
        if progress is not None:
            progress.close()
    counts = "，".join(f"{key} {value}" for key, value in summary.pushed.items())
    where = conn_settings.shown_uri
    if summary.deleted:
        status(say(NEO4J, "deleted", lang, n=summary.deleted))
    counts = counts if lang == "zh" else counts.replace("，", ", ")
    status(say(NEO4J, "pushed", lang, dataset=summary.dataset, where=where, counts=counts))
    stale = summary.stale_message(lang)
    for note in [*summary.left_out_messages(lang), *([stale] if stale else [])]:
        _warn(note, lang)


@neo4j_group.command("bulk")
@click.argument("path", type=click.Path())
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--dataset",
    metavar="NAME",
    help=help_text("neo4j_push_dataset"),
)
@click.option(
    "--database",
    metavar="NAME",
    default=store.bulk.DEFAULT_DATABASE,
    show_default=True,
    help=help_text("neo4j_import_database"),
)
@click.option("--force", is_flag=True, help=help_text("neo4j_import_force"))
@lang_option
@cache_option
def bulk_command(path: str, out: Path, dataset: str | None, database: str, force: bool, lang: str) -> None:
    """校验数据集，写出 neo4j-admin 批量导入所需的 CSV 文件，并给出导入命令（适用于全国规模）。

    Validate a dataset, write the node and relationship CSV files of `neo4j-admin database import full` into
    the folder OUT (the same graph model as push), and print the exact import command. For datasets too large
    for push (a national system): stop Neo4j, run the command (it creates the database anew), start Neo4j,
    then create the constraints and indexes with `pbgraph neo4j query schema`.

    \b
    例 / Example:
      pbgraph neo4j bulk data/national out/bulk --dataset 全国-2024
    """
    ds = load_or_exit(path, lang)
    _bulk(ds, out, dataset=dataset or ds.name, database=database, force=force, lang=lang)


@library_errors
def _bulk(ds: Any, out: Path, *, dataset: str, database: str, force: bool, lang: str) -> None:
    summary = store.write_bulk(ds, out, dataset=dataset, database=database, force=force)
    rows = sum(len(file.rows) for file in summary.files)
    status(say(NEO4J, "bulk_written", lang, files=len(summary.files), rows=rows, folder=summary.folder))
    # the command the user asked for, alone on stdout (`… > import.sh`); what to do around it, on stderr
    click.echo(summary.command)
    status(say(NEO4J, "bulk_then", lang))


@neo4j_group.command("pull")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--dataset", metavar="NAME", required=True, help=help_text("neo4j_query_dataset"))
@connection_options
@lang_option
def pull_command(
    out: Path, dataset: str, uri: str | None, username: str | None, database: str | None, lang: str
) -> None:
    """从 Neo4j 读回数据集，写成 CSV 文件夹（或 .xlsx 工作簿）。

    Read a dataset back from Neo4j and write it as a folder of input CSVs, or one .xlsx workbook when OUT ends
    in .xlsx: loading it gives the same dataset that was pushed.

    \b
    例 / Example:
      pbgraph neo4j pull --dataset sample out/sample
      pbgraph neo4j pull --dataset sample out/sample.xlsx
    """
    _pull(out, dataset, settings(uri, username, database), lang)


@library_errors
def _pull(out: Path, dataset: str, conn_settings: store.Settings, lang: str) -> None:
    from pbgraph.export import export_csv, export_dataset_xlsx

    with store.connect(conn_settings) as conn:
        ds, left_out = store.pull_with_notes(conn, dataset, lang=lang)
    for note in left_out:
        _warn(note, lang)
    if out.suffix.lower() == ".xlsx":
        written = [export_dataset_xlsx(ds, out, lang=lang)]
    else:
        written = export_csv(ds, out)
    echo_wrote(out, lang, key="wrote_files", n=len(written))


@neo4j_group.command("query")
@click.argument("query")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help=help_text("param"),
)
@click.option(
    "--write",
    is_flag=True,
    help=help_text("write"),
)
@output_options(*QUERY_FORMATS)
@connection_options
def query_command(
    query: str,
    params: Sequence[str],
    write: bool,
    fmt: str,
    output: Path | None,
    uri: str | None,
    username: str | None,
    database: str | None,
    lang: str,
) -> None:
    """运行 cypher/ 中的查询（按名称）或自己的 .cypher 文件（路径）。

    Run a query of cypher/ by name (e.g. unlinked, coverage, datasets, member_network) or your own .cypher
    file, and print its rows. A name of cypher/ always wins over a file of the same name in the current
    folder: your own file is given as a path (it ends in .cypher or contains a /), and runs in read
    transactions unless --write. Parameters missing from a query of cypher/ take their defaults (committee:
    all, max_load: 5, max_depth: no limit, as_of: none, min_meetings: 1); the activity queries (dormant,
    org_life …) need since and until as ISO days.

    \b
    例 / Example:
      pbgraph neo4j query datasets
      pbgraph neo4j query unlinked --param dataset=2024
      pbgraph neo4j query dormant -p dataset=sample -p since=2025-01-01 -p until=2025-12-31
      pbgraph neo4j query ./my_query.cypher --param dataset=sample --param max_load=3 --format csv
    """
    parameters = dict(parse_parameter(p) for p in params)
    _query(
        query, parameters, settings(uri, username, database), fmt=fmt, lang=lang, output=output, write=write
    )


@library_errors
def _query(
    query: str,
    parameters: dict[str, Any],
    conn_settings: store.Settings,
    *,
    fmt: str,
    lang: str,
    output: Path | None,
    write: bool = False,
) -> None:
    resolved = store.resolve_query(query)
    with store.connect(conn_settings) as conn:
        rows = store.run_query(conn, query, parameters, write=write)
    name = resolved.name.rsplit("/", 1)[-1]
    write_tables({name: rows}, fmt=fmt, lang=lang, output=output)


def analyze_with_neo4j(
    names: Sequence[str],
    path: str,
    *,
    by_committee: bool = False,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
    dataset: str | None = None,
    uri: str | None = None,
    username: str | None = None,
    database: str | None = None,
    lang: str = "zh",
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """What `pbgraph analyze` prints, computed in Neo4j (:func:`pbgraph.analyses.backend.analyze` with the
    Neo4j backend): the tables of the analyses `names` (the league table first when `by_committee`, and then
    no coverage table when `names` is just coverage) and the notes for the reader, in `lang`, as the embedded
    backend's (that betweenness was sampled, the tables the dataset does not record, the activity period).

    The dataset is the one pushed under `dataset` (default: the name of `path`, as `neo4j push` names it);
    `path` itself is not read. `since`, `until`, `as_of` (the activity analyses only), `min_meetings` and
    `min_contacts` as for the embedded backend.

    Raises
    ------
    pbgraph.PbgraphError
        Neo4jError (unreachable, credentials, too old, no such dataset) or UnknownIdError (committee).
    """
    from pbgraph.analyses.backend import analyze
    from pbgraph.neo4j_backend import Neo4jBackend

    with store.connect(settings(uri, username, database)) as conn:
        backend = Neo4jBackend(conn, dataset or dataset_name(path), as_of=as_of)
        found = analyze(
            backend,
            asked(names, by_committee=by_committee),
            committee=committee,
            max_load=max_load,
            max_depth=max_depth,
            league=by_committee,
            since=since,
            until=until,
            min_meetings=min_meetings,
            min_contacts=min_contacts,
        )
        unranked = unranked_notes(by_committee, backend.committees(), lang)
    return found.tables, findings_notes(found, lang) + unranked


def _warn(note: str, lang: str) -> None:
    click.echo(say(NEO4J, "warning", lang, note=note), err=True)
