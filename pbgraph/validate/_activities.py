"""The checks of the `activities` table: who took part, with whom, in whose meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.model import (
    ACTIVITY_KIND_ZH,
    LIAISON_ACTIVITY_KINDS,
    MEETING_KINDS,
    MULTI_VALUE_SEPARATOR,
    NODE_TABLES,
    OrgKind,
)
from pbgraph.validate._registry import (
    ANY_ORG,
    MULTI_SEPARATORS,
    TAG_NAMES,
    Registry,
    kind_names,
    kind_params,
    positions_in,
    tag_kind,
    unknown_params,
)
from pbgraph.validate._text import empty_cells

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable


FAR_LATER_DAYS = 366
"""An activity date more than this after every earlier one is questioned (a year typed wrong)."""


class ActivityChecks(Registry):
    def far_later_dates(self, activities: RawTable, days: np.ndarray) -> None:
        """A warning on the activity dates more than a year after all the others when they are fewer than
        those (a year typed wrong, 2042 for 2024): the default period ends at the latest date, so one such
        row moves it years away and leaves every liaison dormant."""
        dated = ~np.isnat(days)
        if not dated.any():
            return
        # the distinct days, in order: counted per day (a national log's sort took half a second)
        numbers = days[dated].astype("datetime64[D]").astype(np.int64)
        first = numbers.min()
        known = (np.flatnonzero(np.bincount(numbers - first)) + first).astype("datetime64[D]")
        # the earliest gap of more than a year with fewer dates after it than before
        for gap in np.flatnonzero(np.diff(known) > np.timedelta64(FAR_LATER_DAYS, "D")):
            later = dated & (days > known[gap])
            if 2 * int(later.sum()) < int(dated.sum()):
                self.report(
                    activities,
                    "far_later_activity_date",
                    later,
                    column="date",
                    severity="warning",
                    params={"latest": str(known[gap])},
                )
                return

    def activity_references(self) -> None:
        """Who took part, with whom, in whose meeting; what each kind of activity needs to say."""
        activities = self.raw["activities"]
        frame = activities.frame
        listed = self.activity_members(activities)
        self.reference(
            activities,
            "target",
            {"members", "contacts", "townships", "sectors", f"org:{OrgKind.SECTOR_GROUP}"},
            "activity_target",
        )
        self.reference(activities, "organization", {ANY_ORG}, "organization")
        ordered = sorted(LIAISON_ACTIVITY_KINDS | MEETING_KINDS)
        kind = positions_in(frame["kind"], pa.array([k.value for k in ordered], type=pa.string()))
        for code, kinds, needed in (
            (
                "activity_needs_target",
                LIAISON_ACTIVITY_KINDS,
                empty_cells(frame["target"]) & (listed < 2),
            ),
            ("activity_needs_organization", MEETING_KINDS, empty_cells(frame["organization"])),
        ):
            for activity_kind in sorted(kinds):
                self.report(
                    activities,
                    code,
                    (kind == ordered.index(activity_kind)) & needed,
                    column="target" if code == "activity_needs_target" else "organization",
                    params={"kind": activity_kind.value, "kind_zh": ACTIVITY_KIND_ZH[activity_kind]},
                )

    def activity_listings(self, column: pa.ChunkedArray) -> tuple[tuple[str, str], pa.Array]:
        """Split the member lists of the activities (`column`, `M1;M2`, any separator) into the ids they
        list, kept until `activity_members` checks them; returns them under their key, for the registry's
        one lookup. Reads nothing else (it runs beside the checks of other columns)."""
        cells = column.combine_chunks()
        data = cells.buffers()[2]
        raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
        # plain ASCII without white space: of the separators only `;` can be there, and nothing to trim
        plain = not raw.size or bool(raw.min() > 0x20 and raw.max() < 0x80)
        if plain:
            lists = pc.split_pattern(cells, MULTI_VALUE_SEPARATOR)
            parts = pc.list_flatten(lists)
        else:
            lists = pc.split_pattern_regex(cells, MULTI_SEPARATORS)
            parts = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        owner = np.asarray(pc.list_parent_indices(lists), dtype=np.int64)
        filled = np.asarray(pc.not_equal(parts, "").fill_null(False))
        every = bool(filled.all())
        listed = parts if every else parts.filter(pa.array(filled))
        # whether joining the listed ids again with `;` gives each cell back (unless an id repeats in one)
        self._listings = (owner if every else owner[filled], listed, len(cells), plain and every)
        return ("activities", "members"), listed

    def activity_members(self, raw: RawTable) -> np.ndarray:
        """Check the member ids an activity lists (split by `activity_listings`, looked up with every other
        reference) over the whole column at once, and normalize each cell to its distinct ids joined by `;`.
        Returns the number of ids listed per row.

        (A national log has millions of rows, mostly distinct cells: unlike `multi_reference`, nothing here
        goes cell by cell.)
        """
        row, listed, n, as_written = self._listings
        found = self.positions[("activities", "members")]
        # each listing as a code of its id: its registry position, or past the registry for an unknown id
        code = found
        unknown = found < 0
        distinct = len(self.registry_ids)
        if unknown.any():
            code = found.copy()
            encoded = pc.dictionary_encode(listed.filter(pa.array(unknown)))
            code[unknown] = distinct + np.asarray(encoded.indices, dtype=np.int64)
            distinct += len(encoded.dictionary)
        keep = _first_listings(row, code, distinct)
        as_written = as_written and bool(keep.all())
        if not as_written:
            row, listed, positions = row[keep], listed.filter(pa.array(keep)), found[keep]
        else:
            positions = found
        members = NODE_TABLES.index("members")

        def first_per_row(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            """Rows where some listed id is under `mask`, and per row (full length) the first such id."""
            rows, first = np.unique(row[mask], return_index=True)
            at = np.zeros(n, dtype=bool)
            at[rows] = True
            values = np.full(n, "", dtype=object)
            values[rows] = listed.take(pa.array(np.flatnonzero(mask)[first])).to_numpy(zero_copy_only=False)
            return at, values

        unknown = positions < 0
        if "members" not in self.unavailable and unknown.any():
            at, values = first_per_row(unknown)
            self.report(
                raw,
                "unknown_reference",
                at,
                column="members",
                values=values,
                params=unknown_params("member"),
            )
        # the members are a run of the registry
        first_member, after_members = self.registry_start[members], self.registry_start[members + 1]
        wrong = (positions >= after_members) | ((positions >= 0) & (positions < first_member))
        if wrong.any():
            at, values = first_per_row(wrong)
            tags = np.full(n, "", dtype=object)
            rows, first = np.unique(row[wrong], return_index=True)
            tags[rows] = np.asarray(TAG_NAMES, dtype=object)[self.registry_tag[positions[wrong][first]]]
            names = {t: kind_names(tag_kind(t)) for t in pd.unique(tags[at])}
            self.report(
                raw,
                "wrong_reference_kind",
                at,
                column="members",
                values=values,
                params=kind_params("expected", "member"),
                row_params={
                    "actual": np.array([names[t][0] if t in names else "" for t in tags], dtype=object),
                    "actual_en": np.array([names[t][1] if t in names else "" for t in tags], dtype=object),
                },
            )
        # what `pbgraph.analyses.activity` derives from the normalized column: (activity row, member node)
        listed_member = (positions >= first_member) & (positions < after_members)
        # (a registry position is a node number)
        self.derived["activity_participation"] = (
            (row, positions) if listed_member.all() else (row[listed_member], positions[listed_member])
        )
        counts = np.bincount(row, minlength=n)
        if as_written:
            # each cell already lists its distinct ids joined by `;`: it stays as it is
            return counts
        offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
        separator = pa.scalar(MULTI_VALUE_SEPARATOR, type=listed.type)
        joined = pc.binary_join(pa.ListArray.from_arrays(offsets, listed), separator)
        raw.frame["members"] = pd.Series(pd.array(joined, dtype="str"), index=raw.frame.index)
        return counts


def _first_listings(row: np.ndarray, code: np.ndarray, distinct: int) -> np.ndarray:
    """Which (row, id code) listings are not repeats: each is kept where it was first listed. `row` ascends
    (one cell after the other), so only cells listing several ids are sorted.

    Examples
    --------
    >>> _first_listings(np.array([0, 1, 1, 1, 2]), np.array([5, 3, 4, 3, 3]), 6).tolist()
    [True, True, True, False, True]
    """
    # a row listing several ids: next to another listing of its row
    same = row[1:] == row[:-1]
    several = np.zeros(len(row), dtype=bool)
    several[1:] = same
    several[:-1] |= same
    at = np.flatnonzero(several)
    key = row[at] * distinct + code[at]
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    repeat = np.zeros(len(row), dtype=bool)
    repeat[at[order[1:][ordered[1:] == ordered[:-1]]]] = True
    return ~repeat
