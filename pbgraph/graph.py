"""Graph views of a dataset: a typed networkx MultiDiGraph for exploration and export, and a compact integer
index (node numbers, sparse adjacency of counting liaisons) that the fast analyses share.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from pbgraph.model import NODE_TABLES, TABLES, LiaisonKind, NodeKind, OrgKind, Party

if TYPE_CHECKING:
    import networkx as nx

    from pbgraph.dataset import Dataset


def counting_liaisons(ds: Dataset) -> np.ndarray:
    """Which liaison rows count (DESIGN 4 "Counting liaisons").

    A `member` liaison counts when its source is CPC and its target non-party; a `sector` liaison when its
    source is a party-group member; a `township` liaison when its source is CPC; a `contact` liaison always.
    """
    return index_of(ds).counting


@dataclass
class NodeIndex:
    """Integer numbering of every node of a dataset, in table order: members, sectors, townships,
    organizations, contacts. Built once per dataset (see :func:`index_of`)."""

    ds: Dataset

    @cached_property
    def offsets(self) -> dict[str, int]:
        """First node number of each node table."""
        offsets, start = {}, 0
        for table in NODE_TABLES:
            offsets[table] = start
            start += len(getattr(self.ds, table))
        offsets["end"] = start
        return offsets

    @property
    def size(self) -> int:
        return self.offsets["end"]

    @cached_property
    def ids(self) -> pa.Array:
        return pa.chunked_array(
            [arrow_strings(getattr(self.ds, t)["id"]) for t in NODE_TABLES]
        ).combine_chunks()

    @cached_property
    def names(self) -> pa.Array:
        """Display name of every node ("" for a contact without one), by node number."""
        return pa.chunked_array(
            [arrow_strings(getattr(self.ds, t)["name"]) for t in NODE_TABLES]
        ).combine_chunks()

    def lookup(self, values: pd.Series | np.ndarray | pa.Array) -> np.ndarray:
        """Node number of each id (-1 where unknown; the first node of an id listed twice)."""
        strings = arrow_strings(values)
        if len(strings) * 16 >= self.size:
            return np.asarray(pc.index_in(strings, value_set=self.ids).fill_null(-1), dtype=np.int64)
        # a few ids (a view's gaps, the id a command names): the dataset's ids are probed against them, in
        # milliseconds; hashing every id of the dataset, as the other way round does, takes a tenth of a
        # second at a province, each time, and a dictionary of them half a second
        wanted = pc.unique(strings)
        at = np.asarray(pc.index_in(self.ids, value_set=wanted).fill_null(-1), dtype=np.int64)
        nodes = np.flatnonzero(at >= 0)
        number = np.full(len(wanted), -1, dtype=np.int64)
        # reversed, so that the first node of an id listed twice wins
        number[at[nodes][::-1]] = nodes[::-1]
        # a null, if any, is among `wanted` too (and no node's id)
        return number[np.asarray(pc.index_in(strings, value_set=wanted), dtype=np.int64)]

    @cached_property
    def _columns(self) -> dict[tuple[str, str], np.ndarray]:
        return {}

    def column(self, table: str, column: str) -> np.ndarray:
        """Node numbers of the ids in a reference column (-1 where empty), looked up once per dataset."""
        key = (table, column)
        if key not in self._columns:
            self._columns[key] = self.lookup(getattr(self.ds, table)[column])
        return self._columns[key]

    def seed(self, columns: dict[tuple[str, str], np.ndarray]) -> None:
        """Reuse reference columns already resolved to node numbers (validation does it for every one)."""
        self._columns.update(columns)

    def resolved_columns(self) -> dict[tuple[str, str], np.ndarray]:
        """The reference columns resolved so far (what :meth:`seed` takes)."""
        return dict(self._columns)

    def numbers(self, table: str) -> np.ndarray:
        """Node numbers of the rows of a node table."""
        return np.arange(self.offsets[table], self.offsets[table] + len(getattr(self.ds, table)))

    @cached_property
    def kind(self) -> np.ndarray:
        """Node kind code of every node: position in `NODE_TABLES`."""
        return np.repeat(
            np.arange(len(NODE_TABLES), dtype=np.int8), [len(getattr(self.ds, t)) for t in NODE_TABLES]
        )

    @cached_property
    def is_cpc(self) -> np.ndarray:
        """Per member row: CPC member."""
        return (self.ds.members["party"] == Party.CPC).to_numpy()

    @cached_property
    def in_party_group(self) -> np.ndarray:
        """Per member row: party-group member."""
        return self.ds.members["party_group"].to_numpy(dtype=bool)

    @property
    def liaison_source(self) -> np.ndarray:
        return self.column("liaisons", "source")

    @property
    def liaison_target(self) -> np.ndarray:
        return self.column("liaisons", "target")

    @cached_property
    def liaison_kind(self) -> np.ndarray:
        """Per liaison row: position of its kind in `LiaisonKind`."""

        def build(ds: Dataset) -> np.ndarray:
            kinds = pa.array([kind.value for kind in LiaisonKind], type=pa.string())
            found = pc.index_in(arrow_strings(ds.liaisons["kind"]), value_set=kinds)
            return np.asarray(found.fill_null(-1), dtype=np.int8)

        # a plain array under the key: the dataset cache keeps it (see `pbgraph.cache.PERSISTED`)
        return self.ds.derived("liaison_kind", build)

    @cached_property
    def counting(self) -> np.ndarray:
        """Per liaison row: whether it counts (see :func:`counting_liaisons`)."""
        # a plain array under the key: the dataset cache keeps it (see `pbgraph.cache.PERSISTED`)
        return self.ds.derived("liaison_counting", lambda _: self._counting())

    def _counting(self) -> np.ndarray:
        members = len(self.ds.members)
        source, target, kind = self.liaison_source, self.liaison_target, self.liaison_kind
        # liaison sources are members after validation; guard anyway so a bad row cannot index out of range
        source_member = (source >= 0) & (source < members)
        source_row = np.where(source_member, source, 0)
        source_cpc = source_member & self.is_cpc[source_row]
        target_member = (target >= 0) & (target < members)
        target_non_party = target_member & ~self.is_cpc[np.where(target_member, target, 0)]
        kinds = list(LiaisonKind)
        return (
            ((kind == kinds.index(LiaisonKind.MEMBER)) & source_cpc & target_non_party)
            | ((kind == kinds.index(LiaisonKind.SECTOR)) & source_member & self.in_party_group[source_row])
            | ((kind == kinds.index(LiaisonKind.TOWNSHIP)) & source_cpc)
            | ((kind == kinds.index(LiaisonKind.CONTACT)) & source_member)
        )

    @property
    def member_sector(self) -> np.ndarray:
        return self.column("members", "sector")

    @property
    def sector_group(self) -> np.ndarray:
        return self.column("sectors", "group")

    @cached_property
    def reach_adjacency(self) -> sp.csr_matrix:
        """The reach graph: counting liaisons, sector → its members, sector group → its sectors."""
        return _adjacency(*self.reach_edges(), self.size)

    def reach_edges(self) -> tuple[np.ndarray, np.ndarray]:
        """The edges of the reach graph (sources, targets), some perhaps more than once."""
        sectors = self.numbers("sectors")
        member_rows = np.flatnonzero(self.member_sector >= 0)
        grouped = np.flatnonzero(self.sector_group >= 0)
        source = np.concatenate(
            [
                self.liaison_source[self.counting],
                self.member_sector[member_rows],
                self.sector_group[grouped],
            ]
        )
        target = np.concatenate(
            [
                self.liaison_target[self.counting],
                member_rows + self.offsets["members"],
                sectors[grouped],
            ]
        )
        return source, target


def distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (np.unique is hash-based in numpy 2.x and many times
    slower than a sort on arrays of a million keys)."""
    keys = np.sort(keys)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def strings_at(values: pd.Series | pa.Array, rows: np.ndarray) -> pd.Series:
    """The strings at positions `rows` as a text column (arrow-backed str), never as Python objects: taken
    from the column as it is stored, so that only what is taken is converted."""
    positions = pa.array(rows, pa.int64())
    stored = _stored_text(values)
    taken = stored.take(positions) if stored is not None else arrow_strings(values).take(positions)
    return pd.Series(pd.array(arrow_strings(taken), dtype="str"))


def node_strings_at(ds: Dataset, column: str, numbers: np.ndarray) -> pd.Series:
    """The `column` (`id`, `name`) of nodes by node number as a text column: taken from the column of each
    node table the numbers fall in, as it is stored (the tables' strings are never joined into one array:
    a national dataset's contacts alone are 200 MB of them)."""
    ix = index_of(ds)
    starts = np.array([ix.offsets[table] for table in NODE_TABLES])
    table_of = np.searchsorted(starts, numbers, side="right") - 1
    order = np.argsort(table_of, kind="stable")
    parts = [strings_at(ds.members[column], numbers[:0])]
    for position in np.unique(table_of).tolist():
        table = NODE_TABLES[position]
        rows = numbers[order][table_of[order] == position] - starts[position]
        parts.append(strings_at(getattr(ds, table)[column], rows))
    if len(parts) <= 2:
        return parts[-1]
    # the parts are in table order: each number's string back at its place
    back = np.empty(len(order), dtype=np.int64)
    back[order] = np.arange(len(order))
    return strings_at(pd.concat(parts, ignore_index=True), back)


def _stored_text(values: pd.Series | pa.Array) -> pa.Array | pa.ChunkedArray | None:
    """A text column's Arrow strings as they are (no cast); None when it holds something else."""
    if isinstance(values, pd.Series) and pd.api.types.is_string_dtype(values.dtype):
        values = pa.array(values, from_pandas=True)
    if isinstance(values, (pa.Array, pa.ChunkedArray)) and (
        pa.types.is_string(values.type) or pa.types.is_large_string(values.type)
    ):
        return values
    return None


def arrow_strings(values: pd.Series | np.ndarray | pa.Array | pa.ChunkedArray) -> pa.Array:
    """Strings as an arrow array, without a detour through Python objects when they are arrow already."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if values.type == pa.string() else values.cast(pa.string())
    if isinstance(values, pd.Series):
        # an empty table's columns may come back untyped
        strings = values if pd.api.types.is_string_dtype(values.dtype) else values.astype("str")
        array = pa.array(strings, from_pandas=True)
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        return array if array.type == pa.string() else array.cast(pa.string())
    return pa.array(np.asarray(values, dtype=object), type=pa.string())


def _adjacency(source: np.ndarray, target: np.ndarray, size: int) -> sp.csr_matrix:
    matrix = sp.csr_matrix(
        (np.ones(len(source), dtype=np.int8), (source, target)), shape=(size, size), dtype=np.int8
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def index_of(ds: Dataset) -> NodeIndex:
    """The dataset's node index, built once and kept on the dataset."""
    return ds.node_index


def to_networkx(ds: Dataset, *, contacts: bool = True) -> nx.MultiDiGraph:
    """The dataset as a typed networkx MultiDiGraph.

    Nodes carry `kind` (member, sector, township, organization, contact) and every column of their table;
    organizations also `org_kind`. Edges carry `type`:

    - `liaison` (source → target) with `kind`, `counts`, `since`, `note`;
    - `membership` (member → organization) with `role`;
    - `in_sector` (member → sector), `in_township` (member, organization or contact → township);
    - `in_group` (sector → sector group), `parent` (organization → its parent).

    Examples
    --------
    >>> from pbgraph import load
    >>> g = load("data/sample").graph()
    >>> g.nodes[next(iter(g))]["kind"]
    'member'
    """
    import networkx as nx

    graph = nx.MultiDiGraph(name=ds.name)
    for table in NODE_TABLES:
        if table == "contacts" and not contacts:
            continue
        frame = getattr(ds, table)
        kind = TABLES[table].node_kind
        assert kind is not None
        records = frame.to_dict("records")
        if table == "organizations":
            graph.add_nodes_from(
                (r["id"], {**r, "org_kind": r["kind"], "kind": NodeKind.ORGANIZATION.value}) for r in records
            )
        else:
            graph.add_nodes_from((r["id"], {**r, "kind": kind.value}) for r in records)
    liaisons = ds.liaisons.assign(counts=counting_liaisons(ds))
    if not contacts:
        liaisons = liaisons[liaisons["kind"] != LiaisonKind.CONTACT]
    graph.add_edges_from(
        (
            r["source"],
            r["target"],
            {
                "type": "liaison",
                "kind": r["kind"],
                "counts": bool(r["counts"]),
                "since": r["since"],
                "note": r["note"],
            },
        )
        for r in liaisons.to_dict("records")
    )
    graph.add_edges_from(
        (m, o, {"type": "membership", "role": role})
        for m, o, role in ds.memberships[["member", "organization", "role"]].itertuples(index=False)
    )
    members = ds.members
    graph.add_edges_from(
        (m, s, {"type": "in_sector"}) for m, s in zip(members["id"], members["sector"], strict=True) if s
    )
    located = [members[["id", "township"]], ds.organizations[["id", "township"]]]
    if contacts:
        located.append(ds.contacts[["id", "township"]])
    for frame in located:
        graph.add_edges_from((n, t, {"type": "in_township"}) for n, t in frame.itertuples(index=False) if t)
    graph.add_edges_from(
        (s, g, {"type": "in_group"}) for s, g in ds.sectors[["id", "group"]].itertuples(index=False) if g
    )
    orgs = ds.organizations
    graph.add_edges_from(
        (o, p, {"type": "parent"}) for o, p in orgs[["id", "parent"]].itertuples(index=False) if p
    )
    return graph


def committee_orgs(ds: Dataset) -> pd.DataFrame:
    """The committee organizations (id, name, parent)."""
    orgs = ds.organizations
    return orgs.loc[orgs["kind"] == OrgKind.COMMITTEE, ["id", "name", "parent"]].reset_index(drop=True)
