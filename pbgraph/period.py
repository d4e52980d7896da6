"""Time: the period an activity analysis looks at, and the network as it stood on a date (DESIGN 4, Periods).

Dates in a dataset are ISO text after validation: `2024-03-01`, or `2024-03` where only the month was
written (read as the first day of that month). Comparisons here are on whole days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._errors import PbgraphError
from pbgraph._texts import both
from pbgraph._texts.cli import ERRORS

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

PERIOD_MONTHS = 12
"""The default period: this many months ending at the latest activity date."""


class BadDateError(PbgraphError, ValueError):
    """A date given as an option (--since, --until, --as-of) that is not a date."""


@dataclass(frozen=True)
class Period:
    """A closed range of days, both ends included."""

    since: dt.date
    until: dt.date

    @property
    def label(self) -> str:
        return f"{self.since.isoformat()}:{self.until.isoformat()}"


def parse_date(value: str | dt.date, *, end: bool = False) -> dt.date:
    """A date from what a user types: `2024-03-01`, `2024/3/1`, `2024年3月1日`, or a month `2024-03`
    (its first day, or its last day when `end`).

    Examples
    --------
    >>> parse_date("2024年2月")
    datetime.date(2024, 2, 1)
    >>> parse_date("2024-02", end=True)
    datetime.date(2024, 2, 29)
    """
    if isinstance(value, dt.date):
        return value
    from pbgraph.validate._text import iso_date, missing_day

    iso = iso_date(value.strip())
    if not iso:
        missing = missing_day(value)
        if missing:
            year, month, days = missing
            raise BadDateError(*both(ERRORS, "no_such_day", value=value, year=year, month=month, days=days))
        raise BadDateError(*both(ERRORS, "bad_date", value=value))
    if len(iso) == 7:
        first = dt.date.fromisoformat(iso + "-01")
        if not end:
            return first
        following = _add_months(first, 1)
        return following - dt.timedelta(days=1)
    return dt.date.fromisoformat(iso)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the end of a shorter month."""
    month0 = day.year * 12 + day.month - 1 + months
    year, month = divmod(month0, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def day_numbers(dates: pd.Series) -> np.ndarray:
    """ISO dates (or months) as numpy days; empty cells become NaT. Parsed in arrow (millions of rows)."""
    from pbgraph.graph import arrow_strings

    text = arrow_strings(dates)
    month_only = pc.equal(pc.utf8_length(text), 7)
    full = pc.if_else(month_only, pc.binary_join_element_wise(text, "01", "-"), text)
    days = pc.cast(pc.if_else(pc.equal(full, ""), pa.scalar(None, pa.string()), full), pa.date32())
    return np.asarray(days.to_numpy(zero_copy_only=False), dtype="datetime64[D]")


def activity_days(ds: Dataset) -> np.ndarray:
    """The dataset's activity dates as numpy days, parsed once."""
    return ds.derived("activity_days", lambda d: day_numbers(d.activities["date"]))


def liaison_since_days(ds: Dataset) -> np.ndarray:
    """Each liaison's `since` as a numpy day (NaT where empty), parsed once."""
    return ds.derived("liaison_since_days", lambda d: day_numbers(d.liaisons["since"]))


def activity_period(
    ds: Dataset, *, since: str | dt.date | None = None, until: str | dt.date | None = None
) -> Period | None:
    """The period to analyse: from the options, else the 12 months ending at the latest activity date.

    Never today's date: the same data gives the same answer. None when the dataset has no activities and
    neither end is given.

    Examples
    --------
    >>> from pbgraph import load
    >>> activity_period(load("data/sample"), since="2024-01-01", until="2024-06")
    Period(since=datetime.date(2024, 1, 1), until=datetime.date(2024, 6, 30))
    """
    days = activity_days(ds)
    return activity_period_from(days.max().item() if len(days) else None, since=since, until=until)


def activity_period_from(
    latest: dt.date | None, *, since: str | dt.date | None = None, until: str | dt.date | None = None
) -> Period | None:
    """:func:`activity_period` given the latest activity date (None: no activity), e.g. as Neo4j finds it.

    Examples
    --------
    >>> activity_period_from(dt.date(2024, 2, 29))
    Period(since=datetime.date(2023, 3, 1), until=datetime.date(2024, 2, 29))
    """
    end = parse_date(until, end=True) if until is not None else None
    start = parse_date(since) if since is not None else None
    if end is None:
        if latest is None:
            if start is None:
                return None
            end = start
        else:
            end = latest
    if start is None:
        start = _add_months(end, -PERIOD_MONTHS) + dt.timedelta(days=1)
    if start > end:
        raise BadDateError(*both(ERRORS, "period_reversed", start=start, end=end))
    return Period(start, end)


NONE_BY = "none_by"
"""The key of `activities.attrs` that :func:`as_of` sets to its date when the dataset recorded activities and
none stood on that day."""


def as_of(ds: Dataset, date: str | dt.date) -> Dataset:
    """The network as it stood on `date`: liaisons whose `since` is later, and later activities, left out.

    Liaisons without a `since` are taken to have always existed.

    Examples
    --------
    >>> from pbgraph import load
    >>> ds = load("data/sample")
    >>> len(as_of(ds, "1990-01-01").liaisons) < len(ds.liaisons)
    True
    """
    day = np.datetime64(parse_date(date, end=True), "D")
    since = liaison_since_days(ds)
    liaisons = np.isnat(since) | (since <= day)
    activities = activity_days(ds) <= day
    stood = replace(
        ds,
        liaisons=ds.liaisons[liaisons].reset_index(drop=True),
        activities=ds.activities[activities].reset_index(drop=True),
    )
    _carry(ds, stood, {"liaisons": liaisons, "activities": activities})
    if len(ds.activities) and not activities.any():
        # the log was kept, only nothing by that day: the analyses say so rather than "no activities table"
        stood.activities.attrs[NONE_BY] = str(day)
    return stood


def _carry(ds: Dataset, stood: Dataset, kept: dict[str, np.ndarray]) -> None:
    """Give `stood` (`ds` with only the `kept` rows of some tables) what was already derived for `ds`: the
    nodes are the same, so are their numbers; the reference columns, the liaisons' `since`, kinds and whether
    they count (a row's own facts and its ends'), the activity log's dates, kinds and participants are cut to
    the kept rows instead of being resolved and parsed again."""
    from pbgraph.graph import index_of

    resolved = index_of(ds).resolved_columns()
    index_of(stood).seed(
        {
            (table, column): numbers[kept[table]] if table in kept else numbers
            for (table, column), numbers in resolved.items()
        }
    )
    store = ds.__dict__.get("_derived", {})
    # one value per row of a table: the kept rows' values
    carried: dict[str, object] = {
        key: store[key][kept[table]]
        for key, table in (
            ("activity_days", "activities"),
            ("activity_kind", "activities"),
            ("liaison_since_days", "liaisons"),
            ("liaison_kind", "liaisons"),
            ("liaison_counting", "liaisons"),
        )
        if key in store
    }
    rows = kept["activities"]
    if "activity_participation" in store:
        activity, member = store["activity_participation"]
        inside = rows[activity]
        carried["activity_participation"] = ((np.cumsum(rows) - 1)[activity[inside]], member[inside])
    stood.seed_derived(carried)
