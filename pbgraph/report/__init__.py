"""The report (`pbgraph report`): one self-contained HTML document with the headline coverage rates, the
league table of a committee system, one section per analysis (a plain-language finding, a sortable table,
charts, embedded interactive graph views) and the definitions behind the numbers.

The page works offline (every script, style and chart inline), prints to PDF (each section starts a page, the
interactive views print as pictures), escapes every value that came from data, and is byte-identical when
rebuilt from the same data (dates from :func:`pbgraph.render.view_date`, which honours SOURCE_DATE_EPOCH).
With `redact=True` every person's name is replaced first (:func:`pbgraph.export.redact`), so the tables, the
findings and the graphs all show the same pseudonyms.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pbgraph
from pbgraph import format as tabular
from pbgraph._errors import InvalidOptionError
from pbgraph._texts.report import DEFINITIONS, SECTIONS, TEXT, tr
from pbgraph.analyses import Result
from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
from pbgraph.analyses.backend import EmbeddedBackend, analyze
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.model import LiaisonKind, Party
from pbgraph.naming import PERSON_ROWS, PERSON_TABLES
from pbgraph.report._context import (
    DEFAULT_MAX_ROWS,
    DEFAULT_NODE_LIMIT,
    GAP_TILES,
    LIAISED_NEEDS,
    ORGANIZED_NEEDS,
    Context,
    esc,
    headline,
    in_scope,
    scope_mask,
    unrecorded,
    unrecorded_names,
)
from pbgraph.report._sections import body_sections
from pbgraph.report._tables import table_html
from pbgraph.report._views import Views

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pbgraph.analyses.backend import Findings
    from pbgraph.changes import Diff
    from pbgraph.dataset import Dataset

# ---------------------------------------------------------------------------------------------------------
# the page


def _scope_name(ctx: Context) -> str:
    ds = ctx.ds
    if ctx.committee is not None:
        return ctx.name(ctx.committee)
    if len(ds.committees) == 1:
        return ctx.name(ds.committees[0])
    if ds.committees:
        return tr("system", ctx.lang, name=ctx.name(ds.committees[0]))
    return ds.name


def _scope_counts(ctx: Context) -> dict[str, int | None]:
    """What the report covers, by kind: members of the scope, its sectors, townships and organizations,
    the liaisons its members make and the contacts in its townships; None for what the dataset does not
    record (liaisons: when it records no kind of them)."""
    from pbgraph.graph import index_of

    ds = ctx.ds
    mask = scope_mask(ctx)
    cpc = (ds.members["party"] == Party.CPC).to_numpy()
    party_group = ds.members["party_group"].to_numpy(dtype=bool)
    source = index_of(ds).liaison_source
    from_scope = (source >= 0) & (source < len(mask))
    from_scope[from_scope] = mask[source[from_scope]]
    townships = in_scope(ctx, ds.townships)
    contacts = ds.contacts
    if ctx.committee is not None:
        contacts = contacts[contacts["township"].isin(townships["id"])]
    found: dict[str, int | None] = {
        "members": int(mask.sum()),
        "cpc": int((mask & cpc).sum()),
        "np": int((mask & ~cpc).sum()),
        "pg": int((mask & party_group).sum()),
        "sectors": len(in_scope(ctx, ds.sectors)),
        "townships": len(townships),
        "organizations": len(in_scope(ctx, ds.organizations)),
        "liaisons": int(from_scope.sum()),
        "contacts": len(contacts),
    }
    for table in ("sectors", "townships", "organizations", "contacts"):
        if table in ds.not_recorded:
            found[table] = None
    if all(f"liaisons:{kind}" in ds.not_recorded for kind in LiaisonKind):
        found["liaisons"] = None
    return found


def _size(ctx: Context) -> str:
    """The cover's 规模 line: how many of each kind, "未提供" for a table the dataset does not give."""
    from pbgraph._notes import not_recorded_name

    lang = ctx.lang
    row = _scope_counts(ctx)
    kinds = {
        table: tr(f"count_{table}", lang, n=row[table])
        if row[table] is not None
        else tr("count_unrecorded", lang, name=not_recorded_name(table, lang))
        for table in ("sectors", "townships", "organizations", "liaisons", "contacts")
    }
    people = {key: row[key] for key in ("members", "cpc", "np", "pg")}
    return tr("counts_value", lang, TEXT, **people, **kinds)


def _count(value: Any) -> str:
    """A gap count as shown; n/a where its table was not recorded (office files, DESIGN 3)."""
    return tabular.NA if value is None else str(int(value))


def _cover(ctx: Context, redacted: bool) -> str:
    from pbgraph.render import view_date

    ds, lang = ctx.ds, ctx.lang
    committees = [ctx.committee] if ctx.committee else ds.committees
    names = [ctx.name(c) for c in committees]
    separator = tr("list_separator", lang)
    committee_text = (
        separator.join(names)
        if len(names) <= 3
        else tr("committees_many", lang, n=len(names), names=separator.join(names[:3]))
    )
    size = _size(ctx)
    meta = [
        (tr("dataset", lang), ds.name),
        (tr("committees", lang), committee_text or "—"),
        (tr("date", lang), view_date()),
        (tr("counts", lang), size),
    ]
    if ctx.as_of is not None:
        meta.insert(3, (tr("as_of", lang), tr("as_of_value", lang, date=ctx.as_of)))
    meta_html = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta)
    head = headline(ctx)

    def kpi(label: str, rate: Any, sub: str, gap: str, anchor: str, key: str) -> str:
        value = tabular.format_rate(rate)
        na = " rp-na" if value == tabular.NA else ""
        before = (
            f'<div class="rp-kpi-sub">{esc(_since_before(ctx.before[key], rate, lang))}</div>'
            if ctx.before is not None
            else ""
        )
        return (
            f'<div class="rp-kpi"><div class="rp-kpi-label">{esc(label)}</div>'
            f'<div class="rp-kpi-value{na}">{esc(value)}</div><div class="rp-kpi-sub">{esc(sub)}</div>'
            f'{before}<div class="rp-kpi-gap"><a href="#{anchor}">{gap}</a></div></div>'
        )

    def counted(key: str, total: Any, done: Any, gap: Any, needs: tuple[str, ...]) -> tuple[str, str]:
        """The line under the card's rate, and its gap: "未提供" where the count is not recorded."""
        if done is None:
            names = unrecorded_names(ctx, unrecorded(ctx, *needs))
            return tr(f"{key}_sub_unrecorded", lang, total=total, names=names), esc(
                tr(f"{key}_gap_unrecorded", lang)
            )
        return tr(f"{key}_sub", lang, total=total, done=done), tr(f"{key}_gap", lang, n=_count(gap))

    org_sub, org_gap = counted(
        "kpi_org", head["cpc_members"], head["organized_cpc_members"], head["unorganized"], ORGANIZED_NEEDS
    )
    work_sub, work_gap = counted(
        "kpi_work",
        head["non_party_members"],
        head["linked_non_party_members"],
        head["unlinked"],
        LIAISED_NEEDS,
    )
    kpis = kpi(
        tr("kpi_org", lang), head["organization_rate"], org_sub, org_gap, "unorganized", "organization_rate"
    ) + kpi(tr("kpi_work", lang), head["work_rate"], work_sub, work_gap, "unlinked", "work_rate")
    tiles = "".join(
        f'<li><a href="#{section}"><span class="rp-gap-n{" rp-bad" if head[column] else ""}">'
        f"{_count(head[column])}</span>"
        f'<span class="rp-gap-label">{esc(tabular.column_label(column, lang))}</span></a></li>'
        for column, section in GAP_TILES
    )
    redacted_html = f'<p class="rp-redacted">{esc(tr("redacted", lang))}</p>' if redacted else ""
    return (
        f'<header class="rp-cover"><p class="rp-kicker">{esc(tr("kicker", lang))}</p>'
        f'<h1>{esc(_scope_name(ctx))}</h1><dl class="rp-meta">{meta_html}</dl>{redacted_html}'
        f'<div class="rp-kpis">{kpis}</div><ul class="rp-gaps">{tiles}</ul></header>'
    )


def _toc(ctx: Context, sections: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<li><a href="#{key}">{i}. {esc(tr(key, ctx.lang, SECTIONS))}</a></li>'
        for i, (key, _) in enumerate(sections, start=1)
    )
    return f'<nav class="rp-toc" aria-label="{esc(tr("toc", ctx.lang))}"><ol>{items}</ol></nav>'


def _footer(ctx: Context) -> str:
    from pbgraph.render import view_date

    lang = ctx.lang
    titles = {"coverage": tr("coverage", lang, SECTIONS), "counting": tr("counting_title", lang)}
    defs = "".join(
        f"<dt>{esc(title)}</dt><dd>{esc(tr(key, lang, DEFINITIONS))}</dd>" for key, title in titles.items()
    )
    generated = tr("footer_generated", lang, version=pbgraph.__version__, date=view_date())
    return (
        f'<footer class="rp-footer"><p>{esc(generated)}</p><p><b>{esc(tr("footer_defs", lang))}</b></p>'
        f"<dl>{defs}</dl></footer>"
    )


@cache
def _template() -> str:
    return resources.files("pbgraph.report").joinpath("_template.html").read_text(encoding="utf-8")


def build_report(
    ds: Dataset,
    *,
    committee: str | None = None,
    lang: str = "zh",
    redact: bool = False,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    node_limit: int = DEFAULT_NODE_LIMIT,
    views: bool = True,
    excel_name: str | None = None,
    workbook: str | os.PathLike[str] | None = None,
    compare: Dataset | None = None,
    compare_match: str = "auto",
    since: str | None = None,
    until: str | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
    as_of: str | None = None,
) -> str:
    """The report as one self-contained HTML page.

    Parameters
    ----------
    ds
        The dataset.
    committee
        Report on this committee only; by default the whole dataset (a system gets a league table).
    lang
        "zh" (default) or "en".
    redact
        Replace every person's name by a stable pseudonym (:func:`pbgraph.export.redact`).
    max_load, max_depth
        As for the analyses.
    max_rows
        Rows shown per table; the page says how many more the Excel export has.
    node_limit
        Above this many nodes, the embedded views aggregate members.
    views
        Embed the interactive graph views (set False for a lighter page).
    excel_name
        The file name of the Excel export that goes with the report, named where a table is cut.
    workbook
        Also write every table to this workbook (`pbgraph report --xlsx`), from the results the page shows:
        the analyses' tables, and with `compare` the comparison's; `excel_name` is then its name.
    compare
        An earlier state of the dataset: adds a last section on what changed since (:func:`pbgraph.diff`).
    compare_match
        How its members are matched, as :func:`pbgraph.diff` does: "id" (the section then notes ids that
        name other people in the two datasets, as ids assigned to a roster without 编号 do), "name", or
        "auto" (default): by id when both datasets record their ids, else by name, and the section says so.
    since, until, min_meetings, min_contacts
        The period of the activity analyses and their thresholds, as for :func:`pbgraph.analyses.run`.
    as_of
        Take the network as it stood on this date (:func:`pbgraph.period.as_of`), and say so on the cover.

    Returns
    -------
    str
        The page; write it as UTF-8.

    Examples
    --------
    >>> from pbgraph import load
    >>> page = build_report(load("data/sample"), views=False)
    >>> page.startswith("<!DOCTYPE html>") and "工作覆盖率" in page
    True
    """
    from pbgraph.analyses._common import check_committee
    from pbgraph.export import redact as redact_dataset

    check_committee(ds, committee)
    if lang not in ("zh", "en"):
        raise InvalidOptionError("lang must be 'zh' or 'en'")
    if as_of is not None:
        from pbgraph.period import as_of as network_as_of

        ds = network_as_of(ds, as_of)
    if redact:
        ds = redact_dataset(ds, lang=lang)
    ctx = Context(
        ds=ds,
        lang=lang,
        committee=committee,
        max_load=max_load,
        max_depth=max_depth,
        max_rows=max_rows,
        node_limit=node_limit,
        views=views,
        excel_name=excel_name or (Path(workbook).name if workbook is not None else None),
        since=since,
        until=until,
        min_meetings=min_meetings,
        as_of=as_of,
    )
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
    ctx.results = dict(found.results)
    for result in ctx.results.values():
        for table, frame in result.tables.items():
            # a person's name is headed 姓名 (the report's tables show names in place of ids already)
            frame.attrs[PERSON_ROWS] = table in PERSON_TABLES
    if found.league is not None:
        ctx.results["league"] = Result("league", {"league": found.league})
    if views:
        from pbgraph.render.views.network import keep_gap_kinds

        tables = {name: frame for result in found.results.values() for name, frame in result.tables.items()}
        keep_gap_kinds(ds, tables, committee=committee, max_load=max_load)
    changes: Diff | None = None
    notes: list[str] = []
    if compare is not None:
        from pbgraph._diff_reading import matched_by
        from pbgraph.changes import diff

        compare_match, notes = matched_by(compare, ds, compare_match, lang)
        changes = diff(compare, ds, match=compare_match, max_load=max_load)
        ctx.before = _rates_before(changes, committee)
    if workbook is not None:
        _write_workbook(
            ds, found, workbook, lang=lang, compare=compare, changes=changes, match=compare_match, notes=notes
        )
    sections = body_sections(ctx, Views(ctx))
    if compare is not None and changes is not None:
        from pbgraph.report._changes import changes_section

        sections.append(changes_section(ctx, compare, changes, len(sections) + 1, notes=notes))
    scope = _scope_name(ctx)
    body = _cover(ctx, redact) + _toc(ctx, sections) + "".join(html_ for _, html_ in sections) + _footer(ctx)
    values = {
        "LANG": "zh-CN" if lang == "zh" else "en",
        "TITLE": esc(tr("title", lang, scope=scope)),
        "GENERATOR": esc(f"pbgraph {pbgraph.__version__}"),
        "BODY": body,
    }
    return _fill(_template(), values)


def _rates_before(changes: Diff, committee: str | None) -> dict[str, Any]:
    """The earlier state's two rates, of `committee` or overall (the last row of the diff's rates)."""
    rates = changes.rates
    row = rates[rates["committee"] == committee].iloc[0] if committee else rates.iloc[-1]
    return {key: row[f"{key}_before"] for key in ("organization_rate", "work_rate")}


def _since_before(before: Any, now: Any, lang: str) -> str:
    """与上次比较：95.8%，下降 6.2 个百分点: the change between the rates as the cover shows them."""
    shown = tabular.format_rate(before)
    if shown == tabular.NA or tabular.format_rate(now) == tabular.NA:
        return tr("kpi_before", lang, before=shown, change="")
    points = round(float(now) * 100, 1) - round(float(before) * 100, 1)
    key = "kpi_same" if abs(points) < 0.05 else "kpi_up" if points > 0 else "kpi_down"
    return tr("kpi_before", lang, before=shown, change=tr(key, lang, points=f"{abs(points):.1f}"))


def _write_workbook(
    ds: Dataset,
    found: Findings,
    path: str | os.PathLike[str],
    *,
    lang: str,
    compare: Dataset | None,
    changes: Diff | None,
    match: str,
    notes: Sequence[str],
) -> None:
    """The report's workbook: the analyses' tables, then the comparison's (members matched by `match`, as
    `notes` say), as `export --to xlsx` and `pbgraph diff --format xlsx` write them (names beside ids, the
    same notes)."""
    from pbgraph._diff_reading import diff_tables
    from pbgraph.export import findings_xlsx

    more = {}
    if compare is not None and changes is not None:
        more = diff_tables(changes, (ds, compare), lang, match=match)
    findings_xlsx(ds, found, path, lang=lang, more=more, notes=notes)


def _fill(template: str, values: dict[str, str]) -> str:
    import re

    # one pass, so that text put in is never scanned for placeholders again
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def write_report(ds: Dataset, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`build_report` to `path` (UTF-8, all at once); options as for :func:`build_report`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pbgraph import load
    >>> out = write_report(load("data/sample"), pathlib.Path(tempfile.mkdtemp()) / "report.html", views=False)
    >>> out.read_text(encoding="utf-8").count("<section") >= 9
    True
    """
    from pbgraph._write import atomic_open

    page = build_report(ds, **options)
    target = Path(path)
    with atomic_open(target, "w") as handle:
        handle.write(page)
    return target


__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_NODE_LIMIT", "build_report", "table_html", "write_report"]
