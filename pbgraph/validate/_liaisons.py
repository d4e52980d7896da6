"""The checks of the `liaisons` table: what each end may name by the liaison's kind, self-liaisons, and (as
warnings) the liaisons that will not count and those given twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from pbgraph._arrays import repeats
from pbgraph._texts.problems import END_NAMES
from pbgraph.model import LIAISON_KIND_ZH, LiaisonKind, OrgKind, Party
from pbgraph.validate._numbered import BLOCK
from pbgraph.validate._registry import (
    ANY_ORG,
    NODE_TABLES,
    TAG_NAMES,
    Registry,
    fits,
    positions_in,
    text_column,
)
from pbgraph.validate._text import empty_cells, is_in

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable


class LiaisonChecks(Registry):
    liaison_kind: np.ndarray
    """The kind of each liaison as its position in LiaisonKind (-1 when unknown), once `liaison_endpoints`
    has run."""

    def liaison_endpoints(self) -> None:
        """Errors: an end naming an unknown id, or an id of a kind the liaison's kind does not allow; a
        self-liaison."""
        liaisons = self.raw["liaisons"]
        kinds = list(LiaisonKind)
        code = positions_in(liaisons.frame["kind"], pa.array([k.value for k in kinds], type=pa.string()))
        self.liaison_kind = code
        if self._endpoints_fit(liaisons, code):
            # nothing the checks below would report (most datasets): the self-liaisons remain
            kinds = []
        for number, kind in enumerate(kinds):
            mask = code == number
            if not mask.any():
                continue
            extra = {"kind": kind.value, "kind_zh": LIAISON_KIND_ZH[kind]}
            for end, allowed, expected in (
                ("source", {"members"}, "member"),
                ("target", *_LIAISON_TARGETS[kind]),
            ):
                zh, en = END_NAMES[end]
                self.reference(
                    liaisons,
                    end,
                    allowed,
                    expected,
                    mask=mask,
                    code_wrong="wrong_endpoint",
                    extra=extra | {"end": zh, "end_en": en},
                )
        # the kind column itself may be unknown: still check that the endpoints exist
        other = code < 0
        for end in ("source", "target") if kinds else ():
            self.reference(liaisons, end, _ANY_END, "member", mask=other)
        frame = liaisons.frame
        self.report(
            liaisons,
            "self_liaison",
            ((frame["source"] == frame["target"]) & (frame["source"] != "")).to_numpy(),
            column="target",
        )

    def _endpoints_fit(self, liaisons: RawTable, code: np.ndarray) -> bool:
        """Whether every filled end of every liaison names a known id of a kind its liaison's kind allows
        (of any node table for a liaison of unknown kind): all the ends at once, a pass per end, rather
        than a pass per end and kind of liaison. False says only that the checks must look closer."""
        kinds = list(LiaisonKind)
        # a liaison's kind (the last row: unknown) and an end's registry tag and table as one number, an entry
        # of the table of what fits
        width = len(TAG_NAMES) * len(NODE_TABLES)
        row = np.where(code >= 0, code, len(kinds)).astype(np.int32) * width
        for end in ("source", "target"):
            allowed = [{"members"} if end == "source" else _LIAISON_TARGETS[kind][0] for kind in kinds]
            fit = np.concatenate([fits(tags) for tags in [*allowed, _ANY_END]])
            key = (liaisons.name, end)
            if key not in self.positions:
                self.resolve([key])
            positions, empty = self.positions[key], empty_cells(liaisons.frame[end])
            # a block at a time: temporaries of a few megabytes, reused
            for lo in range(0, len(positions), BLOCK):
                part = positions[lo : lo + BLOCK]
                held = self.registry_held[np.maximum(part, 0)]
                if not ((fit[row[lo : lo + BLOCK] + held] & (part >= 0)) | empty[lo : lo + BLOCK]).all():
                    return False
        return True

    def liaison_warnings(self) -> None:
        """Warnings: liaisons that will not count (by who is at either end), and those given twice."""
        members = self.raw["members"].frame
        liaisons = self.raw["liaisons"]
        frame = liaisons.frame
        # endpoints were resolved against the registry, whose first rows are the members
        n = len(members)
        cpc = np.append(is_in(text_column(members["party"]), [Party.CPC]), False)
        in_group = np.append(is_in(text_column(members["party_group"]), ["true"]), False)
        source, target = self.positions[("liaisons", "source")], self.positions[("liaisons", "target")]
        source = np.where((source >= 0) & (source < n), source, n)
        target = np.where((target >= 0) & (target < n), target, n)
        kinds = list(LiaisonKind)
        kind = self.liaison_kind
        source_cpc, target_cpc, source_group = cpc[source], cpc[target], in_group[source]
        member = kind == kinds.index(LiaisonKind.MEMBER)
        self.report(
            liaisons,
            "member_liaison_source_not_cpc",
            member & ~source_cpc,
            column="source",
            severity="warning",
        )
        self.report(
            liaisons, "member_liaison_target_cpc", member & target_cpc, column="target", severity="warning"
        )
        self.report(
            liaisons,
            "sector_liaison_not_party_group",
            (kind == kinds.index(LiaisonKind.SECTOR)) & ~source_group,
            column="source",
            severity="warning",
        )
        self.report(
            liaisons,
            "township_liaison_not_cpc",
            (kind == kinds.index(LiaisonKind.TOWNSHIP)) & ~source_cpc,
            column="source",
            severity="warning",
        )
        dup, first = _duplicate_liaisons(self.positions, kind, len(self.registry_ids))
        if dup.any():
            other = np.zeros(len(frame), dtype=np.int64)
            other[dup] = liaisons.rows[first[dup]]
            self.report(
                liaisons,
                "duplicate_liaison",
                dup,
                column="target",
                severity="warning",
                row_params={"other": other},
            )


def _duplicate_liaisons(
    positions: dict[tuple[str, str], np.ndarray], kind: np.ndarray, registry_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Which liaison rows repeat an earlier (source, target, kind), and the row each one first appeared on.

    One hash of an integer key per row: the endpoints' registry positions and the kind's code.
    """
    source, target = positions[("liaisons", "source")], positions[("liaisons", "target")]
    # positions and kind codes are -1 where unknown (reported as errors before): shift them to >= 0
    size = registry_size + 1
    key = ((source + 1) * size + (target + 1)) * (len(LiaisonKind) + 1) + (kind + 1)
    if not repeats(key):
        # every row is its first
        return np.zeros(len(key), dtype=bool), np.arange(len(key))
    codes = pd.factorize(key)[0]
    rows = np.arange(len(codes))
    first = np.empty(codes.max(initial=-1) + 1, dtype=np.int64)
    # written in reverse, each code keeps its first row
    first[codes[::-1]] = rows[::-1]
    first_row = first[codes]
    return first_row != rows, first_row


# what the end of a liaison of unknown kind may name
_ANY_END = {"members", "sectors", "townships", "contacts", ANY_ORG}

_LIAISON_TARGETS: dict[LiaisonKind, tuple[set[str], str]] = {
    LiaisonKind.SECTOR: ({"sectors", f"org:{OrgKind.SECTOR_GROUP}"}, "sector_or_group"),
    LiaisonKind.MEMBER: ({"members"}, "member"),
    LiaisonKind.TOWNSHIP: ({"townships"}, "township"),
    LiaisonKind.CONTACT: ({"contacts"}, "contact"),
}
