"""The report's sections in page order: finding, definition, tables, charts and views of each analysis."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph import format as tabular
from pbgraph._texts.report import DEFINITIONS, SECTIONS, tr
from pbgraph.analyses import ANALYSES
from pbgraph.analyses.recorded import ORG_LIFE_NEEDS
from pbgraph.model import PARTY_ORG_KINDS, OrgKind, Party
from pbgraph.report import _charts
from pbgraph.report._context import (
    LEAGUE_CHART_ROWS,
    LEAGUE_COLUMNS,
    Context,
    esc,
    scope_mask,
    unrecorded,
    unrecorded_sentence,
)
from pbgraph.report._findings import (
    finding_connectors,
    finding_coverage,
    finding_league,
    finding_load,
    finding_platforms,
    finding_reach,
    finding_sectors,
    finding_townships,
    finding_unlinked,
    finding_unorganized,
)
from pbgraph.report._tables import record_html, table_html
from pbgraph.report._views import Views

if TYPE_CHECKING:
    pass


def _section(
    ctx: Context, number: int, key: str, finding: str, body: str, definition: str | None = None
) -> str:
    lang = ctx.lang
    definition_html = f'<p class="rp-def">{esc(definition)}</p>' if definition else ""
    return (
        f'<section class="rp-section" id="{key}"><h2><span class="rp-num">{number}</span>'
        f"{esc(tr(key, lang, SECTIONS))}</h2>{definition_html}"
        f'<p class="rp-finding">{esc(finding)}</p>{body}</section>'
    )


def _h3(key: str, lang: str) -> str:
    # a title names the table; how many rows it has is said in the finding, not in the title
    return f"<h3>{esc(tabular.table_title(key, lang))}</h3>"


def _chart(svg: str, title: str) -> str:
    return f'<figure class="rp-chart-box"><figcaption>{esc(title)}</figcaption>{svg}</figure>'


def _league_chart(ctx: Context, league: pd.DataFrame) -> str:
    lang = ctx.lang
    shown = league.head(min(ctx.max_rows, LEAGUE_CHART_ROWS))
    title = tr("c_league", lang) if len(shown) == len(league) else tr("c_league_worst", lang, n=len(shown))
    series = [
        _charts.Series(tabular.column_label("work_rate", lang), "#d62728", shown["work_rate"].tolist()),
        _charts.Series(
            tabular.column_label("organization_rate", lang), "#4e79a7", shown["organization_rate"].tolist()
        ),
    ]
    return _chart(_charts.hbar_chart(shown["committee_name"].tolist(), series, title=title), title)


def _township_chart(ctx: Context) -> str:
    """Linked and unlinked non-party members per township of a single committee."""
    ds, lang = ctx.ds, ctx.lang
    mask = scope_mask(ctx) & (ds.members["party"] != Party.CPC).to_numpy()
    non_party = ds.members.loc[mask, ["id", "township"]]
    # without member liaisons every non-party member would be drawn linked
    if non_party.empty or ctx.results["unlinked"].not_recorded:
        return ""
    unlinked = set(ctx.table("unlinked")["id"])
    towns = non_party["township"].tolist()
    flags = non_party["id"].isin(unlinked).tolist()
    order: dict[str, list[int]] = {}
    for town, flag in zip(towns, flags, strict=True):
        counts = order.setdefault(town, [0, 0])
        counts[1 if flag else 0] += 1
    if len(order) > 40:
        return ""
    keys = sorted(order, key=lambda t: (-order[t][1], ctx.name(t) if t else "~"))
    labels = [ctx.name(t) if t else tr("none", lang) for t in keys]
    title = tr("c_townships", lang)
    parts = [
        _charts.Series(tr("c_linked", lang), "#4e79a7", [order[t][0] for t in keys]),
        _charts.Series(tr("c_unlinked", lang), "#d62728", [order[t][1] for t in keys]),
    ]
    return _chart(_charts.stacked_bars(labels, parts, title=title), title)


def _load_histogram(ctx: Context) -> str:
    dist, lang = ctx.table("distribution"), ctx.lang
    if dist.empty:
        return ""
    pairs = [(int(v), int(c)) for v, c in zip(dist["load"], dist["cpc_members"], strict=True)]
    return _chart(
        _charts.histogram(
            pairs,
            title=tr("c_load", lang),
            x_label=tr("c_load_x", lang),
            y_label=tr("c_load_y", lang),
            threshold=ctx.max_load,
            threshold_label=tr("c_limit", lang, n=ctx.max_load),
        ),
        tr("c_load", lang),
    )


def _sorted_note(ctx: Context, frame: pd.DataFrame, by: str) -> str:
    if len(frame) <= ctx.max_rows:
        return ""
    return f'<p class="rp-note">{esc(tr("top_rows", ctx.lang, by=by, n=ctx.max_rows))}</p>'


def _org_count(ctx: Context, committee: str | None) -> int:
    """Party organizations (and committees) the org tree shows: as its node limit, the tree leaves out
    the members, which would make it too wide to read."""
    orgs = ctx.ds.organizations
    if committee is not None:
        orgs = orgs[orgs["committee"] == committee]
    kinds = [*PARTY_ORG_KINDS, OrgKind.COMMITTEE]
    return max(10, int(orgs["kind"].isin(kinds).sum()))


def _org_tree(ctx: Context, views: Views) -> str:
    """The party organization tree of the report's committee (of a system: of its first committee)."""
    if unrecorded(ctx, "organizations"):
        return ""  # no tree to draw, and the finding says why
    committee = _scope_committee(ctx)
    return views("org", committee=committee, node_limit=_org_count(ctx, committee))


def _scope_committee(ctx: Context) -> str | None:
    """The committee the org tree shows: the report's, or the first (top) committee of a system."""
    if ctx.committee is not None:
        return ctx.committee
    return ctx.ds.committees[0] if len(ctx.ds.committees) > 1 else None


Section = tuple[str, str, "str | None"]
"""A section's finding, body (HTML) and definition."""


def _coverage(ctx: Context, views: Views) -> Section:
    coverage = ctx.table("coverage")
    # a system shows its overall row here (the league table has the rest); one committee, its own row
    shown_coverage = coverage.iloc[[-1]] if ctx.several else coverage.iloc[[0]]
    chart = "" if ctx.several else _township_chart(ctx)
    body = record_html(shown_coverage, ctx)
    if chart:
        body = f'<div class="rp-pair">{body}{chart}</div>'
    body += views("gaps", committee=ctx.committee)
    definition = tr("coverage", ctx.lang, DEFINITIONS) + " " + tr("counting", ctx.lang, DEFINITIONS)
    return finding_coverage(ctx), body, definition


def _unlinked(ctx: Context, views: Views) -> Section:
    return (
        finding_unlinked(ctx),
        table_html(ctx.table("unlinked"), ctx),
        tr("unlinked", ctx.lang, DEFINITIONS),
    )


def _unorganized(ctx: Context, views: Views) -> Section:
    body = table_html(ctx.table("unorganized"), ctx, flags=("temporary_only",)) + _org_tree(ctx, views)
    return finding_unorganized(ctx), body, tr("unorganized", ctx.lang, DEFINITIONS)


def _sectors(ctx: Context, views: Views) -> Section:
    return finding_sectors(ctx), table_html(ctx.table("sectors"), ctx), tr("sectors", ctx.lang, DEFINITIONS)


def _townships(ctx: Context, views: Views) -> Section:
    townships = ctx.table("townships")
    body = table_html(townships, ctx)
    if not townships.empty:
        body += views("township", str(townships["id"].iloc[0]))
    return finding_townships(ctx), body, tr("townships", ctx.lang, DEFINITIONS)


def _platforms(ctx: Context, views: Views) -> Section:
    body = table_html(ctx.table("platforms"), ctx)
    return finding_platforms(ctx), body, tr("platforms", ctx.lang, DEFINITIONS)


def _reach(ctx: Context, views: Views) -> Section:
    lang = ctx.lang
    groups, reach = ctx.table("party_groups"), ctx.table("reach")
    reach_sorted = reach.sort_values(["members", "contacts"], ascending=False, kind="stable")
    by = tr("sort_reach", lang)
    body = (
        _h3("party_groups", lang)
        + table_html(groups, ctx, bars=True)
        + _h3("reach", lang)
        + _sorted_note(ctx, reach, by)
        + table_html(reach_sorted, ctx)
    )
    source = _widest_party_group_member(ctx, reach_sorted)
    if source:
        body += views("reach", source, depth=ctx.max_depth or 0)
    return finding_reach(ctx), body, tr("reach", lang, DEFINITIONS)


def _load(ctx: Context, views: Views) -> Section:
    lang = ctx.lang
    loads = ctx.table("load")
    load_sorted = _load_order(loads)
    fragile, dist = ctx.table("fragile"), ctx.table("distribution")
    by = tr("sort_load", lang)
    body = (
        _load_histogram(ctx)
        + _h3("load", lang)
        + _sorted_note(ctx, loads, by)
        + table_html(load_sorted, ctx, flags=("overloaded", "idle"))
        + _h3("fragile", lang)
        + table_html(fragile, ctx)
        + _h3("distribution", lang)
        + table_html(dist, ctx)
    )
    if "few_contacts" in ctx.results["load"].tables:
        # "1+10": only with --min-contacts
        few = ctx.table("few_contacts")
        body += _h3("few_contacts", lang) + table_html(few, ctx)
    return finding_load(ctx), body, tr("load", lang, DEFINITIONS, max=ctx.max_load)


def _connectors(ctx: Context, views: Views) -> Section:
    sampled = ctx.results["connectors"].sampled
    note = f'<p class="rp-note">{esc(tr("sampled", ctx.lang, n=sampled))}</p>' if sampled else ""
    body = note + table_html(ctx.table("connectors"), ctx)
    return finding_connectors(ctx), body, tr("connectors", ctx.lang, DEFINITIONS)


SECTION_BUILDERS: dict[str, Callable[[Context, Views], Section | None]] = {
    "coverage": _coverage,
    "unlinked": _unlinked,
    "unorganized": _unorganized,
    "sectors": _sectors,
    "townships": _townships,
    "platforms": _platforms,
    "reach": _reach,
    "load": _load,
    "connectors": _connectors,
    "dormant": lambda ctx, views: _dormant(ctx),
    "org_life": lambda ctx, views: _org_life(ctx),
}
"""The section of each analysis of the registry (the report shows them in registry order)."""


def body_sections(ctx: Context, views: Views) -> list[tuple[str, str]]:
    """(section key, html) in page order: the league table of a system, one section per analysis of the
    registry, then the data warnings."""
    lang = ctx.lang
    out: list[tuple[str, str]] = []

    def add(key: str, finding: str, body: str, definition: str | None = None) -> None:
        out.append((key, _section(ctx, len(out) + 1, key, finding, body, definition)))

    if ctx.several:
        league = ctx.table("league")
        add(
            "league",
            finding_league(ctx),
            _league_chart(ctx, league) + table_html(league[LEAGUE_COLUMNS], ctx, bars=True),
            tr("league_order", lang),
        )
    for name in ANALYSES:
        section = SECTION_BUILDERS[name](ctx, views)
        # a section about what the dataset does not record (activities) is left out
        if section is not None:
            add(name, *section)
    if ctx.ds.warnings:
        records = [p.as_record(lang) for p in ctx.ds.warnings]
        frame = pd.DataFrame(records)[["file", "sheet", "row", "column", "message"]]
        frame["row"] = ["" if r is None else str(r) for r in frame["row"].tolist()]
        frame = frame.fillna("")
        add("warnings", tr("warnings_finding", lang, n=len(frame)), table_html(frame, ctx))
    return out


def _widest_party_group_member(ctx: Context, reach_sorted: pd.DataFrame) -> str | None:
    members = ctx.ds.members
    party_group = set(members.loc[members["party_group"].to_numpy(dtype=bool), "id"])
    candidates = reach_sorted[reach_sorted["id"].isin(party_group)]
    if candidates.empty:
        candidates = reach_sorted
    return None if candidates.empty else str(candidates["id"].iloc[0])


def _load_order(loads: pd.DataFrame) -> pd.DataFrame:
    """Overloaded first (heaviest first), then idle, then the rest by load, heaviest first."""
    idle = np.where(loads["idle"].to_numpy(dtype=bool), 1, 2)
    rank = np.where(loads["overloaded"].to_numpy(dtype=bool), 0, idle)
    order = pd.DataFrame({"rank": rank, "load": -loads["load"].to_numpy()}, index=loads.index)
    return loads.loc[order.sort_values(["rank", "load"], kind="stable").index]


MEETINGS_COLOR = "#f28e2b"


def _period_definition(ctx: Context, key: str) -> str:
    from pbgraph.period import activity_period

    period = activity_period(ctx.ds, since=ctx.since, until=ctx.until)
    assert period is not None
    return tr(key, ctx.lang, DEFINITIONS, since=period.since, until=period.until, min=ctx.min_meetings)


def _dormant(ctx: Context) -> Section | None:
    """联系实效: the active share and 有效联系率, dormant liaisons by CPC member (and each of them), with a
    chart of activities per month."""
    from pbgraph.analyses.activity import activities_per_month
    from pbgraph.period import activity_period

    if not len(ctx.ds.activities):
        return None
    lang = ctx.lang
    rates = ctx.table("activity_rates").iloc[-1]
    dormant, meetings, org_life = ctx.table("dormant"), ctx.table("org_meetings"), ctx.table("org_life")
    silent = meetings[meetings["meetings"] == 0]
    liaisons = {
        "total": rates["liaisons"],
        "active": rates["active_liaisons"],
        "share": tabular.format_rate(rates["active_share"]),
        "effective": tabular.format_rate(rates["effective_rate"]),
        "dormant": len(dormant),
    }
    missing = unrecorded(ctx, *ORG_LIFE_NEEDS)
    if missing:
        # no organizations recorded: their meetings cannot be counted (not "0 held no meeting")
        finding = tr("f_activity_liaisons", lang, **liaisons) + unrecorded_sentence(
            ctx, missing, ["u_org_life"], also=True
        )
    else:
        finding = tr("f_activity", lang, **liaisons, silent=len(silent), below=len(org_life))
    by_member = _dormant_by_member(dormant).sort_values("dormant_liaisons", ascending=False, kind="stable")
    # the months of the period the section states, each of them (one with no activity as 0)
    period = activity_period(ctx.ds, since=ctx.since, until=ctx.until)
    months = activities_per_month(ctx.ds, committee=ctx.committee, period=period)
    chart = ""
    if len(months):
        title = tr("c_activity", lang)
        parts = [
            _charts.Series(
                tr("c_liaison_activities", lang), _charts.BLUE, months["liaison_activities"].tolist()
            ),
            _charts.Series(tr("c_meetings", lang), MEETINGS_COLOR, months["meetings"].tolist()),
        ]
        chart = _chart(_charts.stacked_bars(months["month"].tolist(), parts, title=title), title)
    body = (
        f'<div class="rp-pair">{record_html(ctx.table("activity_rates").iloc[[-1]], ctx)}{chart}</div>'
        + f"<h3>{esc(tr('dormant_by_member', lang))}</h3>"
        + table_html(by_member, ctx)
        + _h3("dormant", lang)
        + table_html(dormant, ctx)
    )
    return finding, body, _period_definition(ctx, "dormant")


def _dormant_by_member(dormant: pd.DataFrame) -> pd.DataFrame:
    """Per CPC member (committee, id, name) in order of first appearance: their dormant liaisons and the
    latest of their last activities. What ``groupby(sort=False).agg(size, max)`` gives, on integer codes
    (a third of the time at a province's 70,000 dormant liaisons)."""
    keys = ["committee", "source", "source_name"]
    # as groupby: rows with a missing key are left out
    dormant = dormant[dormant[keys].notna().all(axis=1)]
    group = np.zeros(len(dormant), dtype=np.int64)
    for key in keys:
        codes = pd.factorize(dormant[key])[0].astype(np.int64)
        group = pd.factorize(group * (int(codes.max(initial=0)) + 1) + codes)[0].astype(np.int64)
    count = int(group.max(initial=-1)) + 1
    first = np.full(count, len(dormant), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(dormant)))
    # the latest date: the largest code of the dates sorted (a missing one has none)
    date_codes, dates = pd.factorize(dormant["last_activity"], sort=True)
    latest = np.full(count, -1, dtype=np.int64)
    np.maximum.at(latest, group, date_codes)
    out = dormant[keys].iloc[first].reset_index(drop=True)
    out["dormant_liaisons"] = np.bincount(group, minlength=count).astype(np.int64)
    last = np.asarray(dates, dtype=object)[np.maximum(latest, 0)] if len(dates) else np.full(count, np.nan)
    out["last_activity"] = pd.Series(last, dtype=dormant["last_activity"].dtype).where(latest >= 0)
    return out.rename(columns={"source": "id", "source_name": "name"})


def _org_life(ctx: Context) -> Section | None:
    """双重组织生活: the duty-line organizations that held no meeting and the members short of it."""
    if not len(ctx.ds.activities):
        return None
    lang = ctx.lang
    meetings, org_life = ctx.table("org_meetings"), ctx.table("org_life")
    silent = meetings[meetings["meetings"] == 0]
    missing = unrecorded(ctx, *ORG_LIFE_NEEDS)
    finding = (
        unrecorded_sentence(ctx, missing, ["u_org_life"])
        if missing
        else tr("f_org_life", lang, silent=len(silent), below=len(org_life), total=len(meetings))
    )
    body = (
        f"<h3>{esc(tr('silent_orgs', lang))}</h3>"
        + table_html(silent, ctx)
        + _h3("org_life", lang)
        + table_html(org_life, ctx)
        + _h3("org_meetings", lang)
        + table_html(meetings, ctx)
    )
    return finding, body, _period_definition(ctx, "org_life")
