"""The in-memory dataset every part of pbgraph shares: the analyses, the renderers, the exports and the
Neo4j loader all read this one object.

Tables are pandas DataFrames with the canonical columns of `pbgraph.model.TABLES`, in that order; every
cell is a string ("" when empty) except `members.party_group`, a bool. Values are normalized: party codes
(`CPC` …), organization kinds (`party_branch` …), liaison kinds and roles are the model's codes, and every
`committee` cell is filled in (inferred where the input left it empty). `members.committee` may list several
committees separated by `;` (a person who sits on two committees).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.model import MULTI_VALUE_SEPARATOR, PARTY_ZH, TABLES, OrgKind

if TYPE_CHECKING:
    import networkx as nx

    from pbgraph.analyses._common import MemberFacts
    from pbgraph.analyses.reach import ReachGraph
    from pbgraph.graph import NodeIndex
    from pbgraph.office._names import NameIndex
    from pbgraph.problem import Problem

T = TypeVar("T")


@dataclass(eq=False)
class Dataset:
    """A validated dataset.

    Build one with :func:`pbgraph.load` (from files) or :func:`pbgraph.validate.build_dataset`.
    """

    members: pd.DataFrame
    sectors: pd.DataFrame
    townships: pd.DataFrame
    organizations: pd.DataFrame
    memberships: pd.DataFrame
    liaisons: pd.DataFrame
    contacts: pd.DataFrame
    activities: pd.DataFrame = field(default_factory=lambda: empty_table("activities"))
    name: str = ""
    warnings: list[Problem] = field(default_factory=list)
    not_recorded: frozenset[str] = frozenset()
    """Tables the source did not give (`organizations` …; `liaisons:<kind>` for one kind of liaison list):
    analyses that need them say so instead of reporting every entity as a gap (DESIGN 3)."""
    assigned_ids: frozenset[str] = frozenset()
    """Node tables whose ids pbgraph assigned (a roster without an id column, DESIGN 3.1): they follow the
    rows' content, so a row added or removed renumbers others, and the same id in another dataset may be
    another person (a comparison matches such members by name)."""

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by its canonical name, in model order."""
        return {name: getattr(self, name) for name in TABLES}

    def equals(self, other: Dataset) -> bool:
        """Whether two datasets hold the same tables (row order included) and lack the same ones (not
        recorded), whatever their source."""
        return self.not_recorded == other.not_recorded and all(
            mine.shape == theirs.shape
            and list(mine.columns) == list(theirs.columns)
            and all(np.array_equal(mine[c].to_numpy(), theirs[c].to_numpy()) for c in mine.columns)
            for mine, theirs in zip(self.tables.values(), other.tables.values(), strict=True)
        )

    @cached_property
    def committees(self) -> list[str]:
        """Ids of the committee organizations, in table order."""
        orgs = self.organizations
        return orgs.loc[orgs["kind"] == OrgKind.COMMITTEE, "id"].tolist()

    @cached_property
    def member_committees(self) -> pd.DataFrame:
        """One row per (member position, committee id): the members' `committee` cells exploded."""
        cells = self.members["committee"]
        single = ~cells.str.contains(MULTI_VALUE_SEPARATOR, regex=False)
        pairs = pd.DataFrame(
            {"member": np.flatnonzero(single.to_numpy()), "committee": cells[single].to_numpy()}
        )
        if not single.all():
            multi = cells[~single].str.split(MULTI_VALUE_SEPARATOR).explode()
            pairs = pd.concat(
                [pairs, pd.DataFrame({"member": multi.index.to_numpy(), "committee": multi.to_numpy()})],
                ignore_index=True,
            ).sort_values(["member", "committee"], kind="stable", ignore_index=True)
        return pairs

    @cached_property
    def node_index(self) -> NodeIndex:
        """Every node numbered, the liaisons as integer arrays (:class:`pbgraph.graph.NodeIndex`)."""
        from pbgraph.graph import NodeIndex

        return NodeIndex(self)

    @cached_property
    def member_facts(self) -> MemberFacts:
        """Per-member facts shared by coverage, load and connectors."""
        from pbgraph.analyses._common import MemberFacts

        return MemberFacts(self.node_index)

    @cached_property
    def reach_graph(self) -> ReachGraph:
        """The reach graph split into its core and its sinks (townships, contacts)."""
        from pbgraph.analyses.reach import ReachGraph

        return ReachGraph(self.node_index)

    @property
    def redacted(self) -> bool:
        """Made by :func:`pbgraph.redact.redact`: no name, id or enterprise of a person is left in it."""
        return bool(self.derived("redacted", lambda _: False))

    def derived(self, key: str, build: Callable[[Dataset], T]) -> T:
        """A structure that another module computes from the dataset once and keeps with it (the graph
        views' facts); the analyses' structures are the typed properties above.

        Tables are not to be modified after loading; derived structures rely on that. Safe from several
        threads (the analyses run side by side): a structure being derived on one is waited for on the
        others, and derived once.
        """
        store: dict[str, Any] = self.__dict__.setdefault("_derived", {})
        if key in store:
            return store[key]
        # one lock per key (a build may ask for other structures: they are built before it, never after)
        deriving: dict[str, threading.RLock] = self.__dict__.setdefault("_deriving", {})
        with deriving.setdefault(key, threading.RLock()):
            if key not in store:
                store[key] = build(self)
                keep = self.__dict__.get("_keep_derived")
                if keep is not None:
                    keep(key, store[key])
        return store[key]

    def keep_derived(self, keep: Callable[[str, Any], None]) -> None:
        """Call `keep(key, structure)` with each structure derived from now on (the dataset cache keeps those
        of :data:`pbgraph.cache.PERSISTED` in the dataset's entry for the next command)."""
        self.__dict__["_keep_derived"] = keep

    def seed_derived(self, found: dict[str, Any]) -> None:
        """Structures derived earlier from the same tables (the dataset cache keeps some, see
        :data:`pbgraph.cache.PERSISTED`)."""
        self.__dict__.setdefault("_derived", {}).update(found)

    def id_for(self, table: str, given: str) -> str:
        """The id of the row of `table` (members, sectors, townships, organizations or committees) that
        `given` stands for: `given` itself when it is an id there, else the id of the one row of that name (an
        office knows its members, sectors and committees by name). Anything else comes back as it was given,
        for the caller to report as unknown.

        Raises
        ------
        pbgraph.UnknownIdError
            When several rows have that name (two members called alike): the message lists their ids.

        Examples
        --------
        >>> from pbgraph import load
        >>> ds = load("data/sample")
        >>> name = ds.name_of("M0001")
        >>> ds.id_for("members", "M0001"), ds.id_for("members", name), ds.id_for("sectors", "?")
        ('M0001', 'M0001', '?')
        """
        from pbgraph._errors import UnknownIdError
        from pbgraph._texts import LANGS, both, say
        from pbgraph._texts.cli import ERRORS, ROW_KINDS

        rows = self.organizations if table == "committees" else getattr(self, table)
        if table == "committees":
            rows = rows[rows["kind"] == OrgKind.COMMITTEE]
        if (rows["id"] == given).any():
            return given
        same = rows[rows["name"] == given.strip()]
        if same.empty:
            # another spelling of a name (DESIGN 3.1): 张  三, 张三　 and 张三 are one, as in office files
            from pbgraph.office._text import name_key

            same = rows[rows["name"].map(name_key) == name_key(given)]
        if same.empty:
            same = self._qualified(table, rows, given)
        named = same["id"].tolist()
        if len(named) > 1:
            # members told apart by where they sit, so that the user knows which id is whose
            places = [
                [self.name_of(row[column]) or row[column] for column in ("sector", "township") if row[column]]
                if table == "members"
                else []
                for _, row in same.iterrows()
            ]
            ids = {
                lang: say(ERRORS, "separator", lang).join(
                    say(
                        ERRORS,
                        "same_name_place",
                        lang,
                        id=i,
                        place=say(ERRORS, "place_separator", lang).join(p),
                    )
                    if p
                    else i
                    for i, p in zip(named, places, strict=True)
                )
                for lang in LANGS
            }
            # members: also a spelling that names the first alone, as office files tell namesakes apart
            raise UnknownIdError(
                *both(
                    ERRORS,
                    "same_name" if table != "members" else "same_member_name",
                    name=given,
                    n=len(named),
                    kind_zh=ROW_KINDS[table][0],
                    kind_en=ROW_KINDS[table][1],
                    ids_zh=ids["zh"],
                    ids_en=ids["en"],
                    example=self._namesakes(table, same).spelling(0) if table == "members" else "",
                )
            )
        return named[0] if named else given

    def _namesakes(self, table: str, rows: pd.DataFrame) -> NameIndex:
        """The office files' name index over `rows` (namesakes), each with its qualifiers: a member's id,
        sector, township and party (DESIGN 3.1), any other row's id."""
        from pbgraph.office._names import NameIndex

        def qualifiers(row: pd.Series) -> tuple[str, ...]:
            if table != "members":
                return (row["id"],)
            places = (self.name_of(row[column]) or row[column] for column in ("sector", "township"))
            return (row["id"], *places, PARTY_ZH.get(row["party"], row["party"]))

        return NameIndex(
            rows["id"].tolist(),
            rows["name"].tolist(),
            list(range(len(rows))),
            [qualifiers(row) for _, row in rows.iterrows()],
        )

    def _qualified(self, table: str, rows: pd.DataFrame, given: str) -> pd.DataFrame:
        """The rows `given` names as `姓名（界别）` (or 镇街, 政治面貌, 编号 in the brackets), as office
        files tell namesakes apart (DESIGN 3.1), read by the office files' own name index; none when it is
        not so written or fits nobody, the namesakes when it does not tell them apart."""
        from pbgraph.office._names import qualified_base
        from pbgraph.office._text import name_key

        base = qualified_base(given)
        if base is None:
            # a plain text no name matched: unknown (not a number read as an id, as the index would)
            return rows.iloc[:0]
        # the index reads the namesakes alone: a row at a time for every member would take seconds nationally
        rows = rows[rows["name"].map(name_key) == base]
        found = self._namesakes(table, rows).find(given)
        if found.how == "qualified":
            return rows[rows["id"] == found.id]
        # namesakes the qualifier does not tell apart are listed by the caller; one it does not fit is unknown
        return rows.iloc[found.candidates] if len(found.candidates) > 1 else rows.iloc[:0]

    def name_of(self, node_id: str) -> str:
        """Display name of any node id ("" when unknown)."""
        try:
            return self._name_by_id.get(node_id, "")
        except TypeError:
            return ""

    def names_of(self, node_ids: Sequence[str] | np.ndarray | pa.Array) -> np.ndarray:
        """Display names of node ids, as :meth:`name_of` gives each (an object array)."""
        from pbgraph.graph import arrow_strings

        ids, names = self._named
        keys = arrow_strings(node_ids)
        if len(keys) * 2 >= len(ids):
            found = pc.index_in(keys, value_set=ids)
            return names.take(found).fill_null("").to_numpy(zero_copy_only=False)
        # fewer ids asked than known (a writer's distinct ids: a committee column, a few hundred): the set to
        # look in is built from the ids asked and each known id looked for in it, not the other way round
        # (building the set of a national dataset's 900,000 ids takes 0.3 s)
        encoded = pc.dictionary_encode(keys)
        asked = np.asarray(pc.index_in(ids, value_set=encoded.dictionary).fill_null(-1), dtype=np.int64)
        rows = np.flatnonzero(asked >= 0)
        # each id asked named by the first row that has it (the last row first, see `_named`)
        places, first = np.unique(asked[rows], return_index=True)
        row_of = np.full(len(encoded.dictionary) + 1, -1, dtype=np.int64)  # the last one for an empty cell
        row_of[places] = rows[first]
        at = row_of[np.asarray(encoded.indices.fill_null(len(encoded.dictionary)), dtype=np.int64)]
        return names.take(pa.array(at, mask=at < 0)).fill_null("").to_numpy(zero_copy_only=False)

    @cached_property
    def _named(self) -> tuple[pa.Array, pa.Array]:
        """The ids of members, sectors, townships and organizations and their names, the last row first (an
        id given twice, in a dataset with errors, is named by its last row: the first found)."""
        from pbgraph.graph import arrow_strings

        tables = [getattr(self, table) for table in ("members", "sectors", "townships", "organizations")]
        ids, names = (
            pa.chunked_array([arrow_strings(t[column]) for t in tables], pa.string()).combine_chunks()
            for column in ("id", "name")
        )
        last_first = pa.array(np.arange(len(ids) - 1, -1, -1))
        return ids.take(last_first), names.take(last_first)

    @cached_property
    def _name_by_id(self) -> dict[str, str]:
        ids, names = self._named
        # in table order: a later row's name replaces an earlier one's
        return dict(zip(reversed(ids.to_pylist()), reversed(names.to_pylist()), strict=True))

    def graph(self) -> nx.MultiDiGraph:
        """The dataset as a typed networkx MultiDiGraph (see :func:`pbgraph.graph.to_networkx`)."""
        from pbgraph.graph import to_networkx

        return to_networkx(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(frame)}" for name, frame in self.tables.items())
        return f"Dataset({self.name!r}: {counts})"


def empty_table(name: str) -> pd.DataFrame:
    """A table of the model with its canonical columns and no rows (e.g. a dataset without activities)."""
    return pd.DataFrame({column: pd.Series([], dtype="str") for column in TABLES[name].column_names})
