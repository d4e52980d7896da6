"""`pbgraph export`: analysis tables, the typed graph, or the dataset itself."""

from __future__ import annotations

from pathlib import Path

import click

from pbgraph._texts import help_text, say
from pbgraph._texts.cli import USAGE
from pbgraph.cli._common import (
    SUFFIX_FORMATS,
    WRITTEN_AS,
    as_of_dataset,
    cache_option,
    committee_id,
    echo_wrote,
    format_for_output,
    lang_option,
    library_errors,
    load_or_exit,
    max_depth_option,
    max_load_option,
    time_options,
)

TARGETS = ("xlsx", "graphml", "gexf", "json", "csv")
SUFFIXES = {**SUFFIX_FORMATS, ".graphml": "graphml", ".gexf": "gexf"}
"""The suffixes -o may not give another format than --to's (a workbook named .csv is refused, as by `-o`)."""


@click.command()
@click.argument("path", type=click.Path())
@click.option(
    "--to",
    "to",
    type=click.Choice(list(TARGETS)),
    required=True,
    help=help_text("export_to"),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=help_text("export_output"),
)
@click.option("--committee", help=help_text("export_committee"))
@click.option("--redact", is_flag=True, help=help_text("export_redact"))
@max_load_option
@max_depth_option
@click.option(
    "--contacts/--no-contacts",
    default=True,
    show_default=True,
    help=help_text("export_contacts"),
)
@click.option(
    "--force",
    is_flag=True,
    help=help_text("export_force"),
)
@time_options
@lang_option
@cache_option
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
    force: bool,
    since: str | None,
    until: str | None,
    as_of: str | None,
    min_meetings: int,
    min_contacts: int | None,
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
      pbgraph export data/sample --to xlsx --as-of 2024-12-31 --min-contacts 10 -o gaps-2024.xlsx
    """
    from pbgraph._write import check_target
    from pbgraph.export import export as run_export
    from pbgraph.export import redact as redact_dataset

    # the dataset is a folder: its name may hold a dot (`-o out/2025.06`)
    files = {fmt: suffixes for fmt, suffixes in WRITTEN_AS.items() if fmt != "csv"}
    format_for_output(
        output, to, TARGETS, chosen=True, lang=lang, suffixes=SUFFIXES, contradicts="suffix_to", written=files
    )
    # --as-of holds for every format (the graph and the csv dataset as they stood that day); the period and
    # the thresholds only for the analysis tables (xlsx)
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    committee = committee_id(ds, committee)
    if output is None:
        # a redacted export is not named after the dataset (a folder name may be a person's)
        stem = say(USAGE, "redacted_stem", lang) if redact else (Path(path).stem or "dataset")
        output = Path("out") / (stem if to == "csv" else f"{stem}.{to}")
    # said before anything is computed, as every output that would replace what the command reads
    check_target(output, folder=to == "csv")
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
        force=force,
        since=since,
        until=until,
        min_meetings=min_meetings,
        min_contacts=min_contacts,
    )
    if to == "csv":
        echo_wrote(output, lang, key="wrote_files", n=len(written))
    else:
        echo_wrote(output, lang)
