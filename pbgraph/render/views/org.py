"""The party organization view: the two lines under the party group."""

from __future__ import annotations

import numpy as np

import pbgraph.render._layout as _layout
from pbgraph.model import PARTY_ORG_KINDS, OrgKind
from pbgraph.render._model import View
from pbgraph.render.views._builder import Builder
from pbgraph.render.views._facts import Selection
from pbgraph.render.views.network import scope_name, title_of


def org_view(b: Builder) -> View:
    """The party organization tree (office line and duty line) under the committee, members as leaves."""
    ds, ix = b.ds, b.ix
    orgs = ds.organizations
    keep = orgs["kind"].isin([*PARTY_ORG_KINDS, OrgKind.COMMITTEE]).to_numpy().copy()
    if b.committee is not None:
        keep &= (orgs["committee"] == b.committee).to_numpy()
    org_rows = np.flatnonzero(keep)
    org_nodes = org_rows + ix.offsets["organizations"]
    position = {int(r): i for i, r in enumerate(org_rows)}
    parents = ix.column("organizations", "parent") - ix.offsets["organizations"]
    parent = [position.get(int(parents[r]), -1) for r in org_rows]
    # members hang under the first party organization they belong to
    member_numbers = ix.column("memberships", "member")
    org_of = ix.column("memberships", "organization") - ix.offsets["organizations"]
    first: dict[int, int] = {}
    for member, org in zip(member_numbers.tolist(), org_of.tolist(), strict=True):
        if org in position and member not in first:
            first[member] = position[org]
    members = np.array(sorted(first, key=lambda m: (first[m], m)), dtype=np.int64)
    if len(org_nodes) + len(members) > b.node_limit:
        members = np.zeros(0, dtype=np.int64)
    parent += [first[int(m)] for m in members]
    nodes = np.concatenate([org_nodes, members]).astype(np.int64)
    xy = _layout.tree(parent, width=60.0, height=170.0)
    title = title_of(b, "org", scope_name(ds, b.committee))
    return b.view(title, Selection(nodes, xy), hierarchical=True, edge_types=("membership", "parent"))
