"""What every analysis needs: committee filters and the per-member facts derived from counting liaisons.

All of it is computed once per dataset with numpy over whole columns and kept on the dataset's node index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._errors import UnknownIdError
from pbgraph._texts import LANGS, both, say
from pbgraph._texts.cli import ANALYSES
from pbgraph.graph import NodeIndex, distinct
from pbgraph.model import ORGANIZING_KINDS, LiaisonKind, OrgKind, Role

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def check_committee(ds: Dataset, committee: str | None) -> None:
    """Raise UnknownIdError unless `committee` is None or a committee of the dataset."""
    if committee is not None and committee not in ds.committees:
        raise unknown_committee(committee, ds.committees, named_by=ds.name_of)


def unknown_committee(
    committee: str, known: list[str], *, named_by: Callable[[str], str] | None = None
) -> UnknownIdError:
    """The error for a committee not among the `known` ones: it lists them, or says that the dataset names
    none (all its members are one committee, so there is nothing to choose)."""
    if not known:
        return UnknownIdError(*both(ANALYSES, "no_committees", committee=committee))
    return UnknownIdError(
        *(
            say(
                ANALYSES,
                "unknown_committee",
                lang,
                committee=committee,
                known=listing(known, lang, named_by=named_by),
            )
            for lang in LANGS
        )
    )


def not_recorded(ds: Dataset, *needs: str) -> list[str]:
    """Which of the tables an analysis needs the source did not give (see `Dataset.not_recorded`)."""
    return [need for need in needs if need in ds.not_recorded]


def noted(rows: pd.DataFrame, missing: list[str]) -> pd.DataFrame:
    """Rows that say which tables they could not look at (an analysis over a table not recorded)."""
    if missing:
        rows.attrs["not_recorded"] = missing
    return rows


LIAISON_KEYS = tuple(f"liaisons:{kind}" for kind in LiaisonKind)
"""Each kind of liaison as `Dataset.not_recorded` names it (`liaisons:member` …)."""


LISTED = 10
"""How many ids a message lists before it gives the count of the rest."""


def listing(ids: list[str], lang: str, *, named_by: Callable[[str], str] | None = None) -> str:
    """The first ten ids (each with its name, by `named_by`: a name does where an id is asked), listed in
    `lang`, then how many there are in all (or "none").

    Examples
    --------
    >>> listing(["C1", "C2"], "en", named_by={"C1": "甲市政协"}.get)
    'C1 甲市政协, C2'
    >>> listing([f"C{n}" for n in range(12)], "en")
    'C0, C1, C2, C3, C4, C5, C6, C7, C8, C9 … (12 in all)'
    """
    if not ids:
        return say(ANALYSES, "none", lang)
    shown = [f"{i} {named_by(i) or ''}".rstrip() if named_by else i for i in ids[:LISTED]]
    more = say(ANALYSES, "in_all", lang, n=len(ids)) if len(ids) > LISTED else ""
    return say(ANALYSES, "separator", lang).join(shown) + more


def member_mask(ds: Dataset, committee: str | None) -> np.ndarray:
    """Per member row: belongs to `committee` (every member when None)."""
    if committee is None:
        return np.ones(len(ds.members), dtype=bool)
    pairs = ds.member_committees
    mask = np.zeros(len(ds.members), dtype=bool)
    mask[pairs["member"].to_numpy()[(pairs["committee"] == committee).to_numpy()]] = True
    return mask


def row_mask(frame: pd.DataFrame, committee: str | None) -> np.ndarray:
    """Per row of a single-committee table: belongs to `committee` (every row when None)."""
    if committee is None:
        return np.ones(len(frame), dtype=bool)
    return (frame["committee"] == committee).to_numpy()


def committee_sums(ds: Dataset, per_member: dict[str, np.ndarray]) -> pd.DataFrame:
    """Per committee (index "" = overall): the sums of per-member integer (or bool) columns over the
    (member, committee) pairs, in one `bincount` per column (no frame of the pairs). Pairs of an empty
    committee count only overall."""
    codes, committees = ds.derived("member_committee_codes", _committee_codes)
    members = ds.member_committees["member"].to_numpy()
    named = committees != ""
    sums = {}
    for name, values in per_member.items():
        values = np.asarray(values, dtype=np.int64)
        # counts below 2**53: the float sums are exact
        found = np.bincount(codes, weights=values[members], minlength=len(committees)).astype(np.int64)
        sums[name] = np.append(found[named], values.sum())
    return pd.DataFrame(sums, index=pd.Index([*committees[named], ""], dtype=object))


def _committee_codes(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """The committee of each (member, committee) pair as a code, and the committees (object array)."""
    codes, committees = pd.factorize(ds.member_committees["committee"])
    return codes, np.asarray(committees, dtype=object)


def facts(ds: Dataset) -> MemberFacts:
    """The dataset's member facts, computed once."""
    return ds.member_facts


@dataclass
class MemberFacts:
    """Per-member facts shared by coverage, load and connectors."""

    index: NodeIndex

    @property
    def ds(self) -> Dataset:
        return self.index.ds

    @cached_property
    def member_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Distinct (source row, target row) of counting `member` liaisons, sorted by target then source."""
        ix = self.index
        mask = ix.counting & (ix.liaison_kind == list(LiaisonKind).index(LiaisonKind.MEMBER))
        n = len(self.ds.members)
        keys = distinct(ix.liaison_target[mask] * n + ix.liaison_source[mask])
        return keys % n, keys // n

    @cached_property
    def liaison_sources_per_target(self) -> np.ndarray:
        """Per member row: number of distinct CPC members liaising with them (counting liaisons)."""
        _, target = self.member_pairs
        return np.bincount(target, minlength=len(self.ds.members))

    @cached_property
    def load(self) -> np.ndarray:
        """Per member row: number of distinct non-party members they liaise with (counting liaisons)."""
        source, _ = self.member_pairs
        return np.bincount(source, minlength=len(self.ds.members))

    @cached_property
    def sole_source(self) -> np.ndarray:
        """Per member row: the row of their only liaising CPC member, or -1 (none or several)."""
        source, target = self.member_pairs
        sole = np.full(len(self.ds.members), -1, dtype=np.int64)
        once = self.liaison_sources_per_target[target] == 1
        sole[target[once]] = source[once]
        return sole

    @cached_property
    def membership_rows(self) -> pd.DataFrame:
        """Every membership (of any organization) with the member row and the organization row."""
        ix = self.index
        member = ix.column("memberships", "member") - ix.offsets["members"]
        org = ix.column("memberships", "organization") - ix.offsets["organizations"]
        return pd.DataFrame({"member": member, "org": org})

    def _in_org_of_kind(self, kinds: list[OrgKind]) -> np.ndarray:
        """Per member row: holds a membership of an organization of one of `kinds` (one test per
        organization, not per membership)."""
        roles = self.membership_rows
        of_kind = self.ds.organizations["kind"].isin(kinds).to_numpy()
        mask = np.zeros(len(self.ds.members), dtype=bool)
        mask[roles["member"].to_numpy()[of_kind[roles["org"].to_numpy()]]] = True
        return mask

    @cached_property
    def organized(self) -> np.ndarray:
        """Per member row: in a party organization other than a temporary branch."""
        return self._in_org_of_kind(list(ORGANIZING_KINDS))

    @cached_property
    def in_temporary_branch(self) -> np.ndarray:
        return self._in_org_of_kind([OrgKind.TEMPORARY_BRANCH])

    def org_has_member(
        self, *, role: Role | None = None, cpc: bool = False, non_cpc: bool = False
    ) -> np.ndarray:
        """Per organization row: has a membership (of `role`, held by a CPC member when `cpc`, by a non-CPC
        member when `non_cpc`)."""
        roles = self.membership_rows
        keep = np.ones(len(roles), dtype=bool)
        if role is not None:
            keep &= (self.ds.memberships["role"] == role).to_numpy()
        if cpc:
            keep &= self.index.is_cpc[roles["member"].to_numpy()]
        if non_cpc:
            keep &= ~self.index.is_cpc[roles["member"].to_numpy()]
        mask = np.zeros(len(self.ds.organizations), dtype=bool)
        mask[roles["org"].to_numpy()[keep]] = True
        return mask

    def targeted(self, kind: LiaisonKind) -> np.ndarray:
        """Per node number: target of a counting liaison of `kind`."""
        ix = self.index
        mask = ix.counting & (ix.liaison_kind == list(LiaisonKind).index(kind))
        hit = np.zeros(ix.size, dtype=bool)
        hit[ix.liaison_target[mask]] = True
        return hit


def member_rows(ds: Dataset, mask: np.ndarray, columns: list[str]) -> pd.DataFrame:
    """The member rows under `mask` with the given member columns, `committee` first."""
    return ds.members.loc[mask, ["committee", *columns]].reset_index(drop=True)


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None over nothing ("n/a")."""
    return part / whole if whole else None
