"""Per-node display facts of a dataset (labels, ids, kinds, committees, liaison counts, every edge), computed
once per dataset with numpy, and the tooltip of a node."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._texts.render import TOOLTIP, t
from pbgraph.graph import NodeIndex, index_of
from pbgraph.model import NODE_KIND_ZH, NODE_TABLES, ORG_KIND_ZH, PARTY_ZH, LiaisonKind

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def view_date() -> str:
    """The date printed on views: today, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


@dataclass
class Facts:
    """Per-node display facts for a dataset, computed once."""

    ds: Dataset
    ix: NodeIndex

    @cached_property
    def labels(self) -> np.ndarray:
        parts = []
        for table in NODE_TABLES:
            frame = getattr(self.ds, table)
            names = frame["name"].to_numpy(dtype=object)
            parts.append(np.where(names == "", frame["id"].to_numpy(dtype=object), names))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=object)

    @cached_property
    def member_columns(self) -> dict[str, np.ndarray]:
        """The member columns views show, as numpy arrays: a row read from an Arrow-backed frame costs
        milliseconds, an array item nothing."""
        frame = self.ds.members
        columns = ("party", "sector", "township", "roles", "party_group")
        return {c: frame[c].to_numpy(dtype=object) for c in columns if c in frame.columns}

    @cached_property
    def org_kinds(self) -> np.ndarray:
        return self.ds.organizations["kind"].to_numpy(dtype=object)

    @cached_property
    def ids(self) -> np.ndarray:
        return np.asarray(self.ix.ids.to_numpy(zero_copy_only=False), dtype=object)

    @cached_property
    def kind_names(self) -> np.ndarray:
        names = np.array(["member", "sector", "township", "organization", "contact"], dtype=object)
        return names[self.ix.kind]

    @cached_property
    def committee(self) -> np.ndarray:
        parts = []
        for table in NODE_TABLES:
            frame = getattr(self.ds, table)
            if "committee" in frame.columns:
                parts.append(frame["committee"].to_numpy(dtype=object))
            else:  # contacts: their township's committee
                town = pd.Series(self.ds.townships["committee"].to_numpy(), index=self.ds.townships["id"])
                parts.append(frame["township"].map(town).fillna("").to_numpy(dtype=object))
        return np.concatenate(parts)

    @cached_property
    def counts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per member row: counting member liaisons out, in; contact liaisons."""
        ix = self.ix
        n = len(self.ds.members)
        kinds = list(LiaisonKind)
        member = ix.counting & (ix.liaison_kind == kinds.index(LiaisonKind.MEMBER))
        contact = ix.counting & (ix.liaison_kind == kinds.index(LiaisonKind.CONTACT))
        return (
            np.bincount(ix.liaison_source[member], minlength=n)[:n],
            np.bincount(ix.liaison_target[member], minlength=n)[:n],
            np.bincount(ix.liaison_source[contact], minlength=n)[:n],
        )

    @cached_property
    def edges(self) -> pd.DataFrame:
        """Every edge of the dataset on node numbers: source, target, type, liaison kind, counts."""
        ix, ds = self.ix, self.ds
        parts = [
            pd.DataFrame(
                {
                    "source": ix.liaison_source,
                    "target": ix.liaison_target,
                    "type": "liaison",
                    "kind": ds.liaisons["kind"].to_numpy(dtype=object),
                    "counts": ix.counting,
                }
            )
        ]

        def structural(source: np.ndarray, target: np.ndarray, kind: str) -> None:
            keep = (source >= 0) & (target >= 0)
            parts.append(
                pd.DataFrame(
                    {"source": source[keep], "target": target[keep], "type": kind, "kind": "", "counts": True}
                )
            )

        structural(ix.column("memberships", "member"), ix.column("memberships", "organization"), "membership")
        structural(ix.numbers("members"), ix.member_sector, "in_sector")
        structural(ix.numbers("sectors"), ix.sector_group, "in_group")
        structural(ix.numbers("organizations"), ix.column("organizations", "parent"), "parent")
        return pd.concat(parts, ignore_index=True)

    def tooltip(self, node: int, lang: str) -> dict[str, str]:
        ds, ix = self.ds, self.ix
        kind = self.kind_names[node]
        tip = {
            t("name", lang, TOOLTIP): str(self.labels[node]),
            t("id", lang, TOOLTIP): str(self.ids[node]),
        }
        if kind == "member":
            col = self.member_columns
            out, inbound, contacts = (c[node] for c in self.counts)
            party, sector, township = (
                str(col["party"][node]),
                str(col["sector"][node]),
                str(col["township"][node]),
            )
            tip[t("party", lang, TOOLTIP)] = PARTY_ZH.get(party, party) if lang == "zh" else party
            tip[t("sector", lang, TOOLTIP)] = ds.name_of(sector) or sector
            tip[t("township", lang, TOOLTIP)] = ds.name_of(township) or township
            if col["roles"][node]:
                tip[t("roles", lang, TOOLTIP)] = str(col["roles"][node])
            tip[t("liaises", lang, TOOLTIP)] = str(out)
            tip[t("liaised", lang, TOOLTIP)] = str(inbound)
            tip[t("contacts", lang, TOOLTIP)] = str(contacts)
        elif kind == "organization":
            org_kind = str(self.org_kinds[node - ix.offsets["organizations"]])
            tip[t("kind", lang, TOOLTIP)] = ORG_KIND_ZH.get(org_kind, org_kind) if lang == "zh" else org_kind
        else:
            tip[t("kind", lang, TOOLTIP)] = NODE_KIND_ZH.get(kind, kind) if lang == "zh" else kind
        committee = self.committee[node]
        if committee:
            tip[t("committee", lang, TOOLTIP)] = ds.name_of(committee) or committee
        return tip


def facts(ds: Dataset) -> Facts:
    return ds.derived("view_facts", lambda d: Facts(d, index_of(d)))


@dataclass
class Selection:
    """Nodes (node numbers) and their positions; edges are the dataset's edges among them. `gaps` maps a
    node to the gap kinds it is part of; `focus` is the node the view is about."""

    nodes: np.ndarray
    xy: np.ndarray
    gaps: dict[int, list[str]] | None = None
    extra_tooltip: dict[int, dict[str, str]] | None = None
    #: per row of `nodes`: held in reserve (drawn on expand), not drawn at first
    reserve: np.ndarray | None = None
    focus: int | None = None
    rings: list[tuple[float, str]] | None = None
    #: per row of `nodes`: the id of the super-node it is folded into
    parents: np.ndarray | None = None
