"""`pbgraph analyze`: run analyses and write their tables."""

from __future__ import annotations

from pathlib import Path

import click

from pbgraph._notes import findings_notes, unranked_notes
from pbgraph._texts import help_text, say
from pbgraph._texts.cli import USAGE
from pbgraph.analyses import ANALYSES
from pbgraph.cli._common import (
    FORMATS,
    as_of_dataset,
    asked,
    cache_option,
    committee_id,
    library_errors,
    load_or_exit,
    max_depth_option,
    max_load_option,
    output_options,
    time_options,
    write_tables,
)
from pbgraph.cli._connection import backend_options


@click.command()
@click.argument(
    "name",
    type=click.Choice(["all", *ANALYSES]),
    # named in the help's list of analyses; the choices in the usage line ran past its width, cut mid-word
    metavar="ANALYSIS",
)
@click.argument("path", type=click.Path())
@click.option("--committee", help=help_text("committee"))
@click.option("--by-committee", is_flag=True, help=help_text("by_committee"))
@max_load_option
@max_depth_option
@time_options
@output_options(*FORMATS, "xlsx")
@backend_options
@cache_option
@library_errors
def analyze(
    name: str,
    path: str,
    committee: str | None,
    by_committee: bool,
    max_load: int,
    max_depth: int | None,
    since: str | None,
    until: str | None,
    as_of: str | None,
    min_meetings: int,
    min_contacts: int | None,
    fmt: str,
    lang: str,
    output: Path | None,
    backend: str,
    dataset: str | None,
    uri: str | None,
    username: str | None,
    database: str | None,
) -> None:
    """运行分析：覆盖率、未联系、未组织、界别、镇街、平台、联系链、负担、关键联系人、联系实效、组织生活。

    Run an analysis (or all) and print its rows. The activity analyses (dormant, org_life) look at a
    period: --since/--until, by default the 12 months ending at the latest activity date.

    \b
    分析 / analyses: all, coverage, unlinked, unorganized, sectors, townships, platforms, reach, load,
      connectors, dormant, org_life
    例 / Example:
      pbgraph analyze coverage data/sample
      pbgraph analyze unlinked data/sample --format csv -o unlinked.csv
      pbgraph analyze coverage data/system --by-committee
      pbgraph analyze all data/sample --format xlsx -o gaps.xlsx
      pbgraph analyze coverage data/sample --backend neo4j
      pbgraph analyze dormant data/sample --since 2025-01-01 --until 2025-06-30
      pbgraph analyze load data/sample --min-contacts 10 --as-of 2024-06-30
    """
    from pbgraph.analyses.backend import EmbeddedBackend, analyze
    from pbgraph.naming import tables_with_names

    if by_committee and committee:
        raise click.UsageError(say(USAGE, "by_committee_alone", lang))
    if backend == "neo4j":
        from pbgraph.cli.neo4j import analyze_with_neo4j

        tables, notes = analyze_with_neo4j(
            ANALYSES if name == "all" else (name,),
            path,
            by_committee=by_committee,
            committee=committee,
            max_load=max_load,
            max_depth=max_depth,
            since=since,
            until=until,
            as_of=as_of,
            min_meetings=min_meetings,
            min_contacts=min_contacts,
            dataset=dataset,
            uri=uri,
            username=username,
            database=database,
            lang=lang,
        )
        write_tables(tables, fmt=fmt, lang=lang, output=output, notes=notes)
        return
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    committee = committee_id(ds, committee)
    found = analyze(
        EmbeddedBackend(ds),
        asked(ANALYSES if name == "all" else (name,), by_committee=by_committee),
        committee=committee,
        max_load=max_load,
        max_depth=max_depth,
        league=by_committee,
        since=since,
        until=until,
        min_meetings=min_meetings,
        min_contacts=min_contacts,
        # names beside ids, each analysis's as soon as it is done
        finish=lambda tables: tables_with_names(tables, ds),
        # the first tables written while the last analyses run (to a file; the screen gets them whole)
        as_done=True,
    )

    # a dataset that names no committee has no league: an empty table alone would say nothing
    unranked = unranked_notes(by_committee, ds.committees, lang)

    def noted() -> list[str]:
        # what the analyses noted, once every table is written
        return findings_notes(found, lang) + unranked

    # each table let go once written
    write_tables(found.tables_as_done(keep=False), fmt=fmt, lang=lang, output=output, notes=noted)
