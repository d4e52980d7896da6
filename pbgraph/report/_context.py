"""What every part of the report shares: the options, the results computed once, and scope helpers."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph._texts.report import tr
from pbgraph.analyses import Result
from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
from pbgraph.analyses.coverage import GAP_COLUMNS, needs_of
from pbgraph.model import Party

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


DEFAULT_MAX_ROWS = 50
"""Rows shown per table; the Excel export (`pbgraph export --to xlsx`) has them all."""
DEFAULT_NODE_LIMIT = 1500
"""Above this many nodes an embedded view aggregates members (keeps the page light)."""
LEAGUE_CHART_ROWS = 30
"""Committees in the league chart (the worst ones; the table below goes on)."""

LEAGUE_COLUMNS = [
    "committee",
    "committee_name",
    "members",
    "organization_rate",
    "work_rate",
    *GAP_COLUMNS,
    "overloaded",
    "idle",
    "fragile",
]
"""The league table as the report shows it (the Excel export has every column)."""

KEY_COLUMNS = frozenset({"committee", "committee_name", "id", "name", "liaised_by"})
"""Columns that name a row: kept on one line."""

GAP_TILES: tuple[tuple[str, str], ...] = (
    ("unlinked", "unlinked"),
    ("unorganized", "unorganized"),
    ("sector_gaps", "sectors"),
    ("township_gaps", "townships"),
    ("platform_gaps", "platforms"),
    ("overloaded", "load"),
    ("idle", "load"),
    ("fragile", "load"),
)


ORGANIZED_NEEDS = needs_of("organized_cpc_members")
"""What knowing who is organized needs (coverage gives n/a without either)."""
LIAISED_NEEDS = needs_of("linked_non_party_members")
"""What knowing who is liaised needs."""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Context:
    """What every section needs: the dataset, options and results computed once."""

    ds: Dataset
    lang: str
    committee: str | None
    max_load: int
    max_depth: int | None
    max_rows: int
    node_limit: int
    views: bool
    excel_name: str | None
    results: dict[str, Result] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None
    min_meetings: int = DEFAULT_MIN_MEETINGS
    as_of: str | None = None
    """The date the network was taken as of (`--as-of`), said on the cover; None for the network as given."""
    before: dict[str, Any] | None = None
    """With `--compare`: the earlier state's rates (`organization_rate`, `work_rate`), said on the cover."""

    @property
    def several(self) -> bool:
        """Whether the report covers several committees (then tables say which committee a row is in)."""
        return self.committee is None and len(self.ds.committees) > 1

    def name(self, node_id: str) -> str:
        return self.ds.name_of(node_id) or node_id

    def committee_names(self, cell: str) -> str:
        return tr("list_separator", self.lang).join(self.name(c) for c in cell.split(";")) if cell else ""

    def table(self, name: str) -> pd.DataFrame:
        for result in self.results.values():
            if name in result.tables:
                return result.tables[name]
        raise KeyError(name)


def scope_mask(ctx: Context) -> np.ndarray:
    from pbgraph.analyses._common import member_mask

    return member_mask(ctx.ds, ctx.committee)


def people_counts(ctx: Context) -> tuple[int, int]:
    """CPC members and non-party members in scope."""
    mask = scope_mask(ctx)
    cpc = (ctx.ds.members["party"] == Party.CPC).to_numpy()
    return int((mask & cpc).sum()), int((mask & ~cpc).sum())


def headline(ctx: Context) -> pd.Series:
    """The coverage row of the scope (the committee's, or the overall one)."""
    rows = ctx.table("coverage")
    return rows.iloc[-1]


def unrecorded(ctx: Context, *needs: str) -> list[str]:
    """Which of the tables (or liaison kinds, `liaisons:member` …) a sentence needs the source did not give
    (DESIGN 3: "not recorded", 未提供)."""
    return [need for need in needs if need in ctx.ds.not_recorded]


def unrecorded_names(ctx: Context, keys: list[str]) -> str:
    """Tables not recorded, as users call them (组织、组织成员 / organizations, memberships)."""
    from pbgraph._notes import not_recorded_name

    return tr("list_separator", ctx.lang).join(not_recorded_name(key, ctx.lang) for key in keys)


def unrecorded_sentence(ctx: Context, keys: list[str], what: list[str], *, also: bool = False) -> str:
    """ "未提供…，…无法判断。": what cannot be told because `keys` were not recorded (`what`: text keys);
    `also`: appended to a sentence already said."""
    parts = tr("list_separator", ctx.lang).join(tr(key, ctx.lang) for key in what)
    key = "f_unrecorded_also" if also else "f_unrecorded"
    return tr(key, ctx.lang, names=unrecorded_names(ctx, keys), what=parts)


def in_scope(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    return frame if ctx.committee is None else frame[frame["committee"] == ctx.committee]
