"""Hand a dataset on: the analysis tables as one Excel workbook, the typed graph as GraphML, GEXF or
node-link JSON (for Gephi, Cytoscape and scripts), the dataset itself back as input CSVs, and
:func:`redact`, which replaces every person's name by a stable pseudonym before anything leaves the office.

Every writer writes all at once (readers never see half a file) and returns the paths written.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph._errors import InvalidOptionError
from pbgraph._write import xml_safe
from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.format import write_xlsx
from pbgraph.model import PARTY_ZH
from pbgraph.redact import person_names, pseudonyms, redact

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import networkx as nx

    from pbgraph.analyses.backend import Findings
    from pbgraph.dataset import Dataset

EXPORT_FORMATS: tuple[str, ...] = ("xlsx", "graphml", "gexf", "json", "csv")
"""What :func:`export` writes: a workbook of analysis tables, three graph formats, the input CSVs."""

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")
PARTY_NAMES: dict[str, str] = {str(code): name for code, name in PARTY_ZH.items()}


# ---------------------------------------------------------------------------------------------------------
# analysis tables → workbook


def analysis_tables(
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    since: str | None = None,
    until: str | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of every analysis (DESIGN 4), by table name; with several committees and no
    `committee`, the league table first. `since`, `until`, `min_meetings` and `min_contacts` as for
    :func:`pbgraph.analyses.run` (the period of the activity analyses, "1+10").

    Examples
    --------
    >>> from pbgraph import load
    >>> list(analysis_tables(load("data/sample")))[:3]
    ['coverage', 'unlinked', 'unorganized']
    """
    from pbgraph.analyses.backend import EmbeddedBackend, analyze

    found = analyze(
        EmbeddedBackend(ds),
        committee=committee,
        max_load=max_load,
        max_depth=max_depth,
        since=since,
        until=until,
        min_meetings=min_meetings,
        min_contacts=min_contacts,
    )
    return _with_work_list(found.tables)


def _with_work_list(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    dormant = tables.get("dormant")
    if dormant is not None and len(dormant):
        # the dormant liaisons as a work list: each CPC member's together, a column to record what was done
        work = dormant.sort_values(["committee", "source", "target"], kind="stable").reset_index(drop=True)
        tables["dormant_work_list"] = work.assign(follow_up="")
    return tables


def export_xlsx(ds: Dataset, path: str | os.PathLike[str], *, lang: str = "zh", **options: Any) -> Path:
    """Write every analysis table into one workbook (:func:`pbgraph.format.write_xlsx`): a sheet per table,
    Chinese headers (or English), counts as numbers, header row frozen, columns sized. `options` as for
    :func:`analysis_tables` (committee, max_load, max_depth, since, until, min_meetings, min_contacts).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pbgraph import load
    >>> out = export_xlsx(load("data/sample"), pathlib.Path(tempfile.mkdtemp()) / "gaps.xlsx")
    >>> out.suffix
    '.xlsx'
    """
    from pbgraph.analyses.backend import EmbeddedBackend, analyze

    return findings_xlsx(ds, analyze(EmbeddedBackend(ds), **options), path, lang=lang)


def findings_xlsx(
    ds: Dataset,
    found: Findings,
    path: str | os.PathLike[str],
    *,
    lang: str = "zh",
    more: Mapping[str, pd.DataFrame] | None = None,
    notes: Sequence[str] = (),
) -> Path:
    """Write the tables of `found` (the analyses of `ds`, with the dormant work list) into one workbook, a
    name beside every id, then the tables of `more` (named already: a report's comparison) and, under the
    tables, what the analyses noted and `notes`: the workbook of `export_xlsx` and of `report --xlsx`."""
    from pbgraph._notes import findings_notes
    from pbgraph.naming import tables_with_names

    tables = {**tables_with_names(_with_work_list(found.tables), ds), **(more or {})}
    # the workbook says what `analyze` says on the terminal (an empty sheet of a table not recorded is not
    # "no gaps"): the same notes
    return write_xlsx(tables, Path(path), lang=lang, notes=[*findings_notes(found, lang), *notes])


# ---------------------------------------------------------------------------------------------------------
# the typed graph → GraphML / GEXF / node-link JSON


def _plain(value: Any) -> Any:
    """A value every graph format can hold with a stable type: str, bool, int or float (None -> "")."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return "" if math.isnan(float(value)) else float(value)
    # the loader removed what XML cannot hold; the writer guards anyway (DESIGN 5)
    return xml_safe(str(value))


def export_graph_data(ds: Dataset, *, contacts: bool = True) -> nx.MultiDiGraph:
    """The typed graph of :meth:`Dataset.graph`, made ready for GraphML, GEXF and JSON.

    - every attribute is a str, bool, int or float (None becomes ""); the id is the node itself, not an
      attribute;
    - every node gets `label` (its name, or its id when unnamed) and the partition attributes Gephi
      colours by: `party`, `party_name`, `sector`, `sector_name` (a sector node is its own sector; "" where
      they do not apply);
    - the edge attribute `type` (liaison, membership, in_sector …) is called `relation`, because GEXF
      reserves `type` for the edge direction; edge keys are unique ids e0, e1 … in edge order.

    With `contacts=False` the contacts and their liaisons are left out (at province scale they are ten times
    the members, and more than Gephi draws comfortably).

    Examples
    --------
    >>> from pbgraph import load
    >>> g = export_graph_data(load("data/sample"))
    >>> sorted(k for k in g.nodes["S001"] if k in ("label", "sector", "party"))
    ['label', 'party', 'sector']
    """
    import networkx as nx

    from pbgraph.graph import to_networkx

    source = to_networkx(ds, contacts=contacts)
    graph = nx.MultiDiGraph(name=xml_safe(str(source.graph.get("name", ds.name))))
    for node, data in source.nodes(data=True):
        # the id is the node itself (node-link JSON and GEXF reserve the key `id`)
        attrs = {str(k): _plain(v) for k, v in data.items() if k != "id"}
        attrs["label"] = attrs.get("name") or str(node)
        kind = attrs.get("kind")
        party = attrs.get("party", "") if kind == "member" else ""
        sector = attrs.get("sector", "") if kind == "member" else (str(node) if kind == "sector" else "")
        attrs["party"] = party
        attrs["party_name"] = PARTY_NAMES.get(str(party), str(party))
        attrs["sector"] = sector
        attrs["sector_name"] = ds.name_of(sector) if sector else ""
        graph.add_node(xml_safe(str(node)), **attrs)
    for number, (u, v, data) in enumerate(source.edges(data=True)):
        attrs = {("relation" if k == "type" else str(k)): _plain(value) for k, value in data.items()}
        graph.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=f"e{number}", **attrs)
    return graph


def export_graph(ds: Dataset, path: str | os.PathLike[str], *, fmt: str, contacts: bool = True) -> Path:
    """Write the typed graph (:func:`export_graph_data`) as GraphML, GEXF 1.2 or networkx node-link JSON.

    Same dataset, same bytes: GEXF's "last modified" date is :func:`pbgraph.render.view_date`.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> from pbgraph import load
    >>> out = export_graph(load("data/sample"), pathlib.Path(tempfile.mkdtemp()) / "g.graphml", fmt="graphml")
    >>> nx.read_graphml(out).number_of_nodes() > 600
    True
    """
    import networkx as nx

    from pbgraph._write import atomic_open
    from pbgraph.render import view_date

    if fmt not in GRAPH_FORMATS:
        raise InvalidOptionError(f"unknown graph format {fmt!r}; choose from {', '.join(GRAPH_FORMATS)}")
    if fmt == "graphml":
        # GraphML and GEXF are written from the columns: the same graph, without building it in networkx
        from pbgraph._graph_xml import graphml_bytes

        data = graphml_bytes(ds, contacts=contacts)
    elif fmt == "gexf":
        from pbgraph._graph_xml import gexf_bytes

        # dated by the data, not today: a rebuild from the same data does not differ
        data = gexf_bytes(ds, contacts=contacts, date=view_date())
    else:
        graph = export_graph_data(ds, contacts=contacts)
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1) + "\n"
        data = text.encode("utf-8")
    target = Path(path)
    with atomic_open(target, "wb") as handle:
        handle.write(data)
    return target


# ---------------------------------------------------------------------------------------------------------
# the dataset → input CSVs


def input_tables(ds: Dataset) -> dict[str, pd.DataFrame]:
    """The dataset's tables as input files hold them (canonical headers; party_group as true/false)."""
    tables = {}
    for name, frame in ds.tables.items():
        if name == "activities" and frame.empty:
            # an optional table the dataset does not record is not written as an empty file
            continue
        frame = frame.copy()
        if name == "members":
            frame["party_group"] = np.where(frame["party_group"].to_numpy(dtype=bool), "true", "false")
        tables[name] = frame
    return tables


def export_csv(ds: Dataset, folder: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Write the dataset back as a folder of input CSVs (UTF-8 with BOM): loading it gives an equal dataset.

    The folder is written beside and renamed into place; a non-empty folder is replaced only with `force`.

    Examples
    --------
    >>> import tempfile
    >>> from pbgraph import load
    >>> ds = load("data/sample")
    >>> folder = tempfile.mkdtemp()
    >>> _ = export_csv(ds, folder)
    >>> load(folder).equals(ds)
    True
    """
    from pbgraph.io import write_csv_tables
    from pbgraph.office.reader import NOT_RECORDED_FILE

    # what the source did not record (an office file without an organizations sheet …) is said beside the
    # tables, which cannot say it: loaded again, it is not recorded rather than empty
    extra = {}
    if ds.not_recorded:
        extra[NOT_RECORDED_FILE] = json.dumps({"not_recorded": sorted(ds.not_recorded)}, ensure_ascii=False)
    return write_csv_tables(input_tables(ds), Path(folder), force=force, extra=extra)


def export_dataset_xlsx(ds: Dataset, path: str | os.PathLike[str], *, lang: str = "zh") -> Path:
    """Write the dataset as one canonical workbook, a sheet per input table: loading it gives an equal
    dataset, what the source did not record included (a last sheet, :data:`pbgraph.io.NOT_RECORDED_SHEET`,
    one key a row beside the name users know it by).

    Examples
    --------
    >>> import dataclasses, tempfile, pathlib
    >>> from pbgraph import load
    >>> ds = dataclasses.replace(load("data/sample"), not_recorded=frozenset({"memberships"}))
    >>> path = export_dataset_xlsx(ds, pathlib.Path(tempfile.mkdtemp()) / "sample.xlsx")
    >>> load(path).not_recorded
    frozenset({'memberships'})
    """
    from pbgraph._notes import in_table_order, not_recorded_name
    from pbgraph.io import NOT_RECORDED_SHEET, write_xlsx_tables

    tables = input_tables(ds)
    if ds.not_recorded:
        keys = in_table_order(ds.not_recorded)
        names = [not_recorded_name(key, lang) for key in keys]
        tables[NOT_RECORDED_SHEET] = pd.DataFrame({NOT_RECORDED_SHEET: keys, "name": names}, dtype="str")
    return write_xlsx_tables(tables, Path(path))


def export(
    ds: Dataset,
    path: str | os.PathLike[str],
    *,
    to: str,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    lang: str = "zh",
    contacts: bool = True,
    force: bool = False,
    since: str | None = None,
    until: str | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
) -> list[Path]:
    """Export a dataset in one of :data:`EXPORT_FORMATS`; returns the files written.

    `committee`, `max_load`, `max_depth`, `lang` and the activity options (`since`, `until`,
    `min_meetings`, `min_contacts`) only concern the workbook of analysis tables, `contacts`
    only the graph formats, `force` only the csv folder (replace a folder that is not empty).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pbgraph import load
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> [p.suffix for p in export(load("data/sample"), out, to="gexf")]
    ['.gexf']
    """
    if to == "xlsx":
        return [
            export_xlsx(
                ds,
                path,
                committee=committee,
                max_load=max_load,
                max_depth=max_depth,
                lang=lang,
                since=since,
                until=until,
                min_meetings=min_meetings,
                min_contacts=min_contacts,
            )
        ]
    if to in GRAPH_FORMATS:
        return [export_graph(ds, path, fmt=to, contacts=contacts)]
    if to == "csv":
        return export_csv(ds, path, force=force)
    raise InvalidOptionError(f"unknown export format {to!r}; choose from {', '.join(EXPORT_FORMATS)}")


__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "analysis_tables",
    "export",
    "export_csv",
    "export_dataset_xlsx",
    "export_graph",
    "export_graph_data",
    "export_xlsx",
    "input_tables",
    "person_names",
    "pseudonyms",
    "redact",
]
