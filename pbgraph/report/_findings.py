"""Findings: one plain sentence per analysis, computed from its rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph import format as tabular
from pbgraph._texts.report import join, tr
from pbgraph.model import PLATFORM_KINDS
from pbgraph.report._context import (
    GAP_COLUMNS,
    LIAISED_NEEDS,
    ORGANIZED_NEEDS,
    Context,
    headline,
    in_scope,
    people_counts,
    unrecorded,
    unrecorded_names,
    unrecorded_sentence,
)

if TYPE_CHECKING:
    pass


def finding_coverage(ctx: Context) -> str:
    row, lang = headline(ctx), ctx.lang
    org = tabular.format_rate(row["organization_rate"])
    work = tabular.format_rate(row["work_rate"])
    cpc, non_party = row["cpc_members"], row["non_party_members"]
    # a count that is not recorded is said so, never printed as None (nor as "None of 7" in English)
    if row["organized_cpc_members"] is None:
        names = unrecorded_names(ctx, unrecorded(ctx, *ORGANIZED_NEEDS))
        org_part = tr("f_coverage_org_unrecorded", lang, org=org, cpc=cpc, names=names)
    else:
        org_part = tr("f_coverage_org", lang, org=org, cpc=cpc, organized=row["organized_cpc_members"])
    if row["linked_non_party_members"] is None:
        names = unrecorded_names(ctx, unrecorded(ctx, *LIAISED_NEEDS))
        work_part = tr("f_coverage_work_unrecorded", lang, work=work, np=non_party, names=names)
    else:
        work_part = tr(
            "f_coverage_work", lang, work=work, np=non_party, linked=row["linked_non_party_members"]
        )
    return tr("f_coverage", lang, org=org_part, work=work_part)


def finding_league(ctx: Context) -> str:
    league, lang = ctx.table("league"), ctx.lang
    parts = []
    for column, key in (("work_rate", "f_worst_work"), ("organization_rate", "f_worst_org")):
        rated = league[league[column].map(lambda r: r is not None)]
        if len(rated):
            worst = rated.iloc[int(np.argmin(rated[column].astype(float).to_numpy()))]
            parts.append(tr(key, lang, name=worst["committee_name"], rate=tabular.format_rate(worst[column])))
    gaps = int((league[GAP_COLUMNS].sum(axis=1) > 0).sum())
    return tr("f_league", lang, n=len(league), parts=join(parts, lang), k=gaps)


def _most(ctx: Context, frame: pd.DataFrame, column: str) -> tuple[str, int] | None:
    """The most frequent value of a column (by name) and its count, when it is worth saying."""
    if len(frame) < 2 or column not in frame.columns:
        return None
    cells = frame[column].tolist()
    name = ctx.committee_names if column == "committee" else ctx.name
    # each distinct value named once
    names = {cell: name(cell) for cell in set(cells)}
    values = pd.Series([names[cell] for cell in cells], index=frame.index, dtype=object)
    counts = values[values != ""].value_counts()
    if counts.empty or counts.iloc[0] < 2:
        return None
    ties = sorted(counts[counts == counts.iloc[0]].index)
    return str(ties[0]), int(counts.iloc[0])


def finding_unlinked(ctx: Context) -> str:
    rows, lang = ctx.table("unlinked"), ctx.lang
    _, non_party = people_counts(ctx)
    if non_party == 0:
        return tr("f_no_non_party", lang)
    missing = ctx.results["unlinked"].not_recorded
    if missing:
        return unrecorded_sentence(ctx, missing, ["u_unlinked"])
    if rows.empty:
        return tr("f_all_linked", lang, n=non_party)
    text = tr("f_unlinked", lang, n=len(rows), share=tabular.format_rate(len(rows) / non_party))
    most = _most(ctx, rows, "committee" if ctx.several else "township")
    if most:
        text += tr("f_most", lang, name=most[0], n=most[1])
    return text


def finding_unorganized(ctx: Context) -> str:
    rows, lang = ctx.table("unorganized"), ctx.lang
    cpc, _ = people_counts(ctx)
    if cpc == 0:
        return tr("f_no_cpc", lang)
    missing = ctx.results["unorganized"].not_recorded
    if missing:
        return unrecorded_sentence(ctx, missing, ["u_unorganized"])
    if rows.empty:
        return tr("f_all_organized", lang, n=cpc)
    temporary = int(rows["temporary_only"].sum())
    text = tr("f_unorganized", lang, n=len(rows), share=tabular.format_rate(len(rows) / cpc))
    return text + (tr("f_temporary", lang, n=temporary) if temporary else tr("f_end", lang))


def _unknown_parts(ctx: Context, needs: tuple[tuple[str, str], ...], *, found: str, none_found: str) -> str:
    """The finding of an analysis of several parts (`needs`: the table and text key of each) some of whose
    tables were not recorded: what was found (`found`, or `none_found` where nothing was), then what could
    not be told; `found` itself where every table was recorded."""
    missing = list(dict.fromkeys(table for table, _ in needs if unrecorded(ctx, table)))
    if not missing:
        return found
    what = [key for table, key in needs if table in missing]
    if not found and len(what) == len(needs):
        # nothing could be looked at: nor is anything "not found"
        return unrecorded_sentence(ctx, missing, what)
    return (found or none_found) + unrecorded_sentence(ctx, missing, what, also=True)


def finding_sectors(ctx: Context) -> str:
    rows, lang = ctx.table("sectors"), ctx.lang
    needs = (("liaisons:sector", "u_sector_liaison"), ("memberships", "u_convener"))
    if rows.empty:
        text = _unknown_parts(ctx, needs, found="", none_found=tr("f_sectors_none", lang))
        return text or tr("f_sectors_ok", lang)
    kinds = rows["kind"].to_numpy(dtype=object)
    gaps = rows["gap"].to_numpy(dtype=object)
    found = [
        ((kinds == "sector") & (gaps == "no_liaison"), "g_sector"),
        ((kinds == "sector_group") & (gaps == "no_liaison"), "g_group"),
        (gaps == "no_first_convener", "g_convener"),
        (gaps == "first_convener_not_cpc", "g_convener_cpc"),
    ]
    parts = [tr(key, lang, n=int(mask.sum())) for mask, key in found if mask.any()]
    text = tr("f_sectors", lang, n=len(rows), parts=join(parts, lang))
    return _unknown_parts(ctx, needs, found=text, none_found="")


def finding_townships(ctx: Context) -> str:
    rows, lang = ctx.table("townships"), ctx.lang
    total = len(in_scope(ctx, ctx.ds.townships))
    if total == 0:
        return tr("f_no_townships", lang)
    needs = (
        ("organizations", "u_liaison_group"),
        ("memberships", "u_cpc_in_group"),
        ("liaisons:township", "u_township_liaison"),
    )
    if rows.empty:
        text = _unknown_parts(ctx, needs, found="", none_found=tr("f_townships_none", lang, total=total))
        return text or tr("f_townships_ok", lang, n=total)
    gaps = rows["gap"]
    found = [
        ("no_liaison_group", "g_no_group"),
        ("no_cpc_in_liaison_group", "g_no_cpc"),
        ("no_township_liaison", "g_no_liaison"),
    ]
    parts = [tr(key, lang, n=int((gaps == code).sum())) for code, key in found if (gaps == code).any()]
    text = tr("f_townships", lang, total=total, n=rows["id"].nunique(), parts=join(parts, lang))
    return _unknown_parts(ctx, needs, found=text, none_found="")


def finding_platforms(ctx: Context) -> str:
    rows, lang = ctx.table("platforms"), ctx.lang
    missing = unrecorded(ctx, "organizations")
    if missing:
        return unrecorded_sentence(ctx, missing, ["u_platforms"])
    total = int(in_scope(ctx, ctx.ds.organizations)["kind"].isin(list(PLATFORM_KINDS)).sum())
    if total == 0:
        return tr("f_no_platforms", lang)
    if rows.empty:
        return tr("f_platforms_ok", lang, n=total)
    return tr("f_platforms", lang, total=total, n=len(rows))


def finding_reach(ctx: Context) -> str:
    groups, reach, lang = ctx.table("party_groups"), ctx.table("reach"), ctx.lang
    rated = groups[groups["share"].map(lambda s: s is not None)]
    if groups.empty and unrecorded(ctx, "organizations"):
        text = unrecorded_sentence(ctx, unrecorded(ctx, "organizations"), ["u_party_groups"])
    elif groups.empty:
        text = tr("f_no_group", lang)
    elif len(groups) == 1:
        g = groups.iloc[0]
        text = tr(
            "f_group",
            lang,
            name=g["name"],
            k=g["party_group_members"],
            n=g["reached_members"],
            share=tabular.format_rate(g["share"]),
        )
    elif len(rated):
        low = rated.iloc[int(np.argmin(rated["share"].astype(float).to_numpy()))]
        text = tr(
            "f_groups",
            lang,
            n=len(groups),
            avg=tabular.format_rate(float(rated["share"].mean())),
            name=low["name"],
            share=tabular.format_rate(low["share"]),
        )
    else:
        text = ""
    if not reach.empty:
        top = reach.iloc[int(np.argmax(reach["members"].to_numpy()))]
        text += tr("f_widest", lang, name=top["name"], id=top["id"], n=top["members"])
    return text.strip()


def finding_load(ctx: Context) -> str:
    loads, fragile, lang = ctx.table("load"), ctx.table("fragile"), ctx.lang
    missing = ctx.results["load"].not_recorded
    if missing and people_counts(ctx)[0]:
        return unrecorded_sentence(ctx, missing, ["u_load"])
    if loads.empty:
        return tr("f_no_cpc", lang)
    return tr(
        "f_load",
        lang,
        n=len(loads),
        avg=f"{loads['load'].mean():.1f}",
        max=ctx.max_load,
        over=int(loads["overloaded"].sum()),
        idle=int(loads["idle"].sum()),
        fragile=len(fragile),
    )


def finding_connectors(ctx: Context) -> str:
    rows, lang = ctx.table("connectors"), ctx.lang
    missing = unrecorded(ctx, *LIAISED_NEEDS)
    if missing:
        return unrecorded_sentence(ctx, missing, ["u_connectors"])
    rows = rows[rows["sole_liaison_count"] > 0]
    if rows.empty:
        return tr("f_connectors_none", lang)
    top = rows.iloc[0]
    return tr("f_connectors", lang, n=len(rows), name=top["name"], id=top["id"], k=top["sole_liaison_count"])
