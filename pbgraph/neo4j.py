"""Neo4j as the shared, multi-user store (DESIGN 5): push a dataset into Neo4j, pull it back into the same
:class:`~pbgraph.Dataset`, and run every analysis as the parameterized Cypher of `cypher/`.

The graph model is documented in `cypher/README.md`. In short: one node per row of the node tables (labels
`Member`, `Sector`, `Township`, `Organization`, `Contact`), every column a property, plus `dataset` (the
dataset's name, part of the uniqueness key) and `seq` (the row's position); `LIAISES_WITH` and `MEMBER_OF`
relationships for the rows of `liaisons` and `memberships`; `IN_SECTOR`, `IN_TOWNSHIP`, `IN_GROUP`, `PARENT`
for the reference columns.

Everything that does not need a server is a pure function here, tested without one: the rows a push sends
(:func:`push_rows`, :func:`load_plan`, :func:`batches`), the dataset a pull rebuilds from what it reads
(:func:`dataset_from_records`), the schema the Cypher linter checks against (:func:`lint_schema`), the
betweenness computed over the liaison graph a query returns (:func:`liaison_betweenness`). The functions that
talk to a server take a :class:`Connection` (see :func:`connect`).
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString, cast

import numpy as np
import pandas as pd

from pbgraph._errors import MissingDependencyError, Neo4jError, UnknownIdError
from pbgraph.model import MULTI_VALUE_SEPARATOR, NEO4J_LABELS, NODE_TABLES, TABLES

try:
    import neo4j as _driver
    from neo4j import exceptions as _driver_errors
except ImportError:  # pragma: no cover - a dependency, but only the Neo4j commands need it
    _driver = None  # type: ignore[assignment]
    _driver_errors = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from pbgraph.analyses import Result
    from pbgraph.dataset import Dataset

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
"""The `cypher/` folder of the repository: schema, load, pull and analysis queries."""

ENV_URI = "NEO4J_URI"
ENV_USERNAME = "NEO4J_USERNAME"
ENV_PASSWORD = "NEO4J_PASSWORD"
ENV_DATABASE = "NEO4J_DATABASE"
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USERNAME = "neo4j"

MINIMUM_SERVER = (5, 0)
"""The oldest Neo4j pbgraph talks to."""
SHORTEST_SERVER = (5, 21)
"""The oldest Neo4j whose Cypher has `ANY SHORTEST` over a quantified path pattern (the `reach` queries)."""

DEFAULT_BATCH_SIZE = 5_000
DEFAULT_MAX_LOAD = 5
CONNECTION_TIMEOUT = 15.0

# relationship types of the graph model (node labels are model.NEO4J_LABELS)
LIAISES_WITH = "LIAISES_WITH"
MEMBER_OF = "MEMBER_OF"
IN_SECTOR = "IN_SECTOR"
IN_TOWNSHIP = "IN_TOWNSHIP"
IN_GROUP = "IN_GROUP"
PARENT = "PARENT"
RELATIONSHIP_TYPES: tuple[str, ...] = (LIAISES_WITH, MEMBER_OF, IN_SECTOR, IN_TOWNSHIP, IN_GROUP, PARENT)

NODE_LABELS: dict[str, str] = {
    table: NEO4J_LABELS[kind] for table in NODE_TABLES if (kind := TABLES[table].node_kind) is not None
}
"""Node table -> label."""

ROW_RELATIONSHIPS: dict[str, str] = {"memberships": MEMBER_OF, "liaisons": LIAISES_WITH}
"""Relationship tables -> the type of the relationship each of their rows becomes."""
ENDPOINT_COLUMNS: dict[str, tuple[str, str]] = {
    "memberships": ("member", "organization"),
    "liaisons": ("source", "target"),
}

REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("members", "sector", IN_SECTOR, "sectors"),
    ("members", "township", IN_TOWNSHIP, "townships"),
    ("organizations", "township", IN_TOWNSHIP, "townships"),
    ("contacts", "township", IN_TOWNSHIP, "townships"),
    ("sectors", "group", IN_GROUP, "organizations"),
    ("organizations", "parent", PARENT, "organizations"),
)
"""(table, column, relationship type, referenced table): the reference columns kept as relationships too."""

EXTRA_PROPERTIES: tuple[str, ...] = ("dataset", "seq", "committees", "counts")
"""Properties beyond the table columns: the dataset name, the row position, members' committee list and
whether a liaison counts (DESIGN 4)."""

PUSHED_TABLES: tuple[str, ...] = tuple(table for table in TABLES if table != "activities")
"""The input tables a push sends and a pull rebuilds (activities are not in the Neo4j model yet)."""

ANALYSIS_TABLES: dict[str, tuple[str, ...]] = {
    "coverage": ("coverage",),
    "unlinked": ("unlinked",),
    "unorganized": ("unorganized",),
    "sectors": ("sectors",),
    "townships": ("townships",),
    "platforms": ("platforms",),
    "reach": ("reach", "party_groups"),
    "load": ("load", "fragile", "distribution"),
    "connectors": ("connectors",),
}
"""Each analysis and its tables, as `pbgraph.analyses.run` returns them; one `cypher/analyses/TABLE.cypher`
per table."""

_S, _I, _B, _F, _O = "str", "int64", "bool", "float64", "object"
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "coverage": {
        "committee": _S,
        "committee_name": _S,
        "members": _I,
        "cpc_members": _I,
        "organized_cpc_members": _I,
        "organization_rate": _O,
        "non_party_members": _I,
        "linked_non_party_members": _I,
        "work_rate": _O,
        "unlinked": _I,
        "unorganized": _I,
        "sector_gaps": _I,
        "township_gaps": _I,
        "platform_gaps": _I,
        "overloaded": _I,
        "idle": _I,
        "fragile": _I,
    },
    "unlinked": {"committee": _S, "id": _S, "name": _S, "party": _S, "sector": _S, "township": _S},
    "unorganized": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "sector": _S,
        "township": _S,
        "temporary_only": _B,
    },
    "sectors": {"committee": _S, "id": _S, "name": _S, "kind": _S, "gap": _S},
    "townships": {"committee": _S, "id": _S, "name": _S, "gap": _S},
    "platforms": {"committee": _S, "id": _S, "name": _S, "kind": _S, "township": _S},
    "reach": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "party": _S,
        "members": _I,
        "cpc_members": _I,
        "non_party_members": _I,
        "sectors": _I,
        "townships": _I,
        "contacts": _I,
    },
    "party_groups": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "party_group_members": _I,
        "reached_members": _I,
        "committee_members": _I,
        "share": _O,
    },
    "load": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "party_group": _B,
        "load": _I,
        "overloaded": _B,
        "idle": _B,
    },
    "fragile": {"committee": _S, "id": _S, "name": _S, "liaised_by": _S},
    "distribution": {"load": _I, "cpc_members": _I},
    "connectors": {"committee": _S, "id": _S, "name": _S, "sole_liaison_count": _I, "betweenness": _F},
}
"""Columns and dtypes of every analysis table (the embedded backend's, see analyses/SPEC.md)."""

DEFAULT_PARAMETERS: dict[str, Any] = {"committee": None, "max_load": DEFAULT_MAX_LOAD, "max_depth": None}
"""Values of the optional parameters of the shipped queries when not given."""

_PARAMETERS_LINE = re.compile(r"^//\s*Parameters:(.*)$", re.MULTILINE)
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

# messages: one line each, Chinese then English, saying what to do
_UNREACHABLE = (
    "无法连接 Neo4j（{uri}）：服务器未运行或地址有误。请启动 Neo4j，或用 --uri / NEO4J_URI 指定正确地址 / "
    "Neo4j is unreachable at {uri}: start it, or give the right address with --uri or NEO4J_URI"
)
_AUTH = (
    "Neo4j（{uri}）拒绝了用户“{username}”的登录。请设置正确的 NEO4J_USERNAME / NEO4J_PASSWORD 环境变量 / "
    "Neo4j at {uri} refused the credentials of user {username!r}: set NEO4J_USERNAME and NEO4J_PASSWORD"
)
_TOO_OLD = (
    "Neo4j {version}（{uri}）版本过旧，pbgraph 需要 Neo4j {needed} 或更高版本，请升级 / "
    "Neo4j {version} at {uri} is too old: pbgraph needs Neo4j {needed} or later; upgrade it"
)
_REACH_TOO_OLD = (
    "联系链分析（reach）需要 Neo4j {needed} 或更高版本（ANY SHORTEST），当前为 {version}。"
    "请升级 Neo4j，或不加 --backend neo4j / the reach analysis needs Neo4j {needed} or later "
    "(ANY SHORTEST), this server is {version}: upgrade Neo4j, or use the embedded backend"
)
_BAD_URI = (
    "Neo4j 地址“{uri}”无效，应形如 neo4j://localhost:7687。请修正 --uri / NEO4J_URI / "
    "invalid Neo4j URI {uri!r}: use e.g. neo4j://localhost:7687 in --uri or NEO4J_URI"
)
_NO_DATABASE = (
    "Neo4j（{uri}）中没有数据库“{database}”。请修正 --database / NEO4J_DATABASE，或不指定以使用默认数据库 / "
    "no database {database!r} in Neo4j at {uri}: fix --database or NEO4J_DATABASE, or leave it unset"
)
_NO_DATASET = (
    "Neo4j 中没有数据集“{dataset}”。请先运行 pbgraph neo4j push 数据集路径 --dataset {dataset} / "
    "no dataset {dataset!r} in Neo4j: push it first with pbgraph neo4j push PATH --dataset {dataset}"
)
_STALE = (
    "Neo4j 中的数据集“{dataset}”含有旧版本遗留的数据（{details}）。"
    "请用 pbgraph neo4j push 数据集路径 --dataset {dataset} --replace 重新推送 / "
    "dataset {dataset!r} in Neo4j holds rows left over from an older version ({details}): "
    "push it again with --replace"
)
_NO_NAME = "请用 --dataset 指定数据集名称 / name the dataset with --dataset"
_QUERY_FAILED = "Neo4j 执行查询 {query} 失败 / Neo4j failed on query {query}: {detail}"
_NO_QUERY = (
    "找不到查询“{name}”：既不是文件，也不是 cypher/ 中的查询（可用：{known}） / "
    "no query {name!r}: neither a file nor a query of cypher/ (known: {known})"
)
_UNKNOWN_PARAMETER = (
    "查询 {query} 没有参数 {names}（它的参数：{known}） / query {query} has no parameter {names} "
    "(its parameters: {known})"
)
_MISSING_PARAMETER = (
    "查询 {query} 需要参数 {names}，请用 --param 名称=值 给出 / "
    "query {query} needs the parameter(s) {names}: give them with --param NAME=VALUE"
)
_UNKNOWN_COMMITTEE = "未知的政协编号“{committee}”（可用：{known}） / unknown committee id {committee!r}"


def _require_driver() -> None:
    if _driver is None:
        raise MissingDependencyError(
            "需要 Neo4j 驱动：pip install neo4j / the Neo4j commands need the neo4j driver: pip install neo4j"
        )


# ---------------------------------------------------------------------------------------------------------
# queries: the .cypher files


@dataclass(frozen=True)
class CypherQuery:
    """One Cypher file: its name (its path under `cypher/` without `.cypher`, or a user's file's path), its
    text, the parameters it declares in its `// Parameters:` line (None when a user's file has none) and
    whether it is one of ours."""

    name: str
    text: str
    parameters: tuple[str, ...] | None
    shipped: bool = True

    @property
    def statements(self) -> list[str]:
        return split_statements(self.text)


def declared_parameters(text: str) -> tuple[str, ...] | None:
    """The names listed in a `// Parameters: $a, $b` line (`none` for none), or None without such a line.

    Examples
    --------
    >>> declared_parameters("// Parameters: $dataset, $committee\\nRETURN 1")
    ('dataset', 'committee')
    >>> declared_parameters("// Parameters: none\\nRETURN 1")
    ()
    """
    match = _PARAMETERS_LINE.search(text)
    if match is None:
        return None
    names = [part.strip() for part in match.group(1).split(",")]
    return tuple(name.lstrip("$") for name in names if name and name.lower() != "none")


def split_statements(text: str) -> list[str]:
    """The statements of a Cypher text, split at `;` outside strings, quoted names and comments.

    Examples
    --------
    >>> split_statements("RETURN ';' AS a; // x; y\\nRETURN 2;")
    ["RETURN ';' AS a", '// x; y\\nRETURN 2']
    """
    statements: list[str] = []
    start = position = 0
    quote: str | None = None
    while position < len(text):
        char = text[position]
        if quote is not None:
            if char == "\\" and quote != "`":
                position += 1
            elif char == quote:
                quote = None
        elif char in "'\"`":
            quote = char
        elif text.startswith("//", position):
            end = text.find("\n", position)
            position = len(text) if end < 0 else end
            continue
        elif text.startswith("/*", position):
            end = text.find("*/", position + 2)
            position = len(text) if end < 0 else end + 2
            continue
        elif char == ";":
            statements.append(text[start:position])
            start = position + 1
        position += 1
    statements.append(text[start:])
    return [s.strip() for s in statements if _has_code(s)]


def _has_code(statement: str) -> bool:
    without_comments = re.sub(r"//[^\n]*|/\*.*?\*/", "", statement, flags=re.DOTALL)
    return bool(without_comments.strip())


def query_names() -> list[str]:
    """Names of every query shipped in `cypher/` (e.g. `analyses/unlinked`), sorted."""
    paths = CYPHER_DIR.rglob("*.cypher")
    return sorted(path.relative_to(CYPHER_DIR).with_suffix("").as_posix() for path in paths)


@cache
def load_query(name: str) -> CypherQuery:
    """A query of `cypher/` by name: its path without `.cypher` (`analyses/unlinked`), or just the file name
    when that is unambiguous (`unlinked`).

    Raises
    ------
    Neo4jError
        No such query.
    """
    names = query_names()
    matches = [n for n in names if n == name] or [n for n in names if n.rsplit("/", 1)[-1] == name]
    if len(matches) != 1:
        # the ones meant for people: the analyses and the example queries
        listed = matches or [n.rsplit("/", 1)[-1] for n in names if n.startswith(("analyses/", "queries/"))]
        raise Neo4jError(_NO_QUERY.format(name=name, known=", ".join(listed)))
    text = (CYPHER_DIR / f"{matches[0]}.cypher").read_text(encoding="utf-8")
    return CypherQuery(matches[0], text, declared_parameters(text))


def query_from_file(path: str | os.PathLike[str]) -> CypherQuery:
    """A user's own Cypher file."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return CypherQuery(str(path), text, declared_parameters(text), shipped=False)


def resolve_query(name_or_path: str) -> CypherQuery:
    """A user's file when `name_or_path` is one, else a query of `cypher/` by name."""
    if Path(name_or_path).is_file():
        return query_from_file(name_or_path)
    return load_query(name_or_path)


def query_parameters(query: CypherQuery, given: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters to send with a query: for a query that declares its parameters, exactly those (optional
    ones filled in from :data:`DEFAULT_PARAMETERS`); for a user's file without a declaration, what was given.

    Raises
    ------
    Neo4jError
        A declared parameter without a value or a default.
    """
    if query.parameters is None:
        return dict(given)
    missing = [name for name in query.parameters if name not in given and name not in DEFAULT_PARAMETERS]
    if missing:
        raise Neo4jError(_MISSING_PARAMETER.format(query=query.name, names=", ".join(missing)))
    return {name: given[name] if name in given else DEFAULT_PARAMETERS[name] for name in query.parameters}


def property_keys() -> list[str]:
    """Every property key of the graph model: the columns of the node tables, the non-endpoint columns of the
    relationship tables, and :data:`EXTRA_PROPERTIES`."""
    keys: dict[str, None] = {}
    for table in NODE_TABLES:
        keys.update(dict.fromkeys(TABLES[table].column_names))
    for table, endpoints in ENDPOINT_COLUMNS.items():
        keys.update(dict.fromkeys(c for c in TABLES[table].column_names if c not in endpoints))
    keys.update(dict.fromkeys(EXTRA_PROPERTIES))
    return list(keys)


def _declared_in(file: str | os.PathLike[str]) -> tuple[str, ...]:
    return declared_parameters(Path(file).read_text(encoding="utf-8")) or ()


def lint_schema(files: Iterable[str | os.PathLike[str]]) -> dict[str, Any]:
    """The schema the Cypher linter (`tests/cypher_lint/lint.mjs`) checks `files` against, generated from the
    model: labels, relationship types, property keys, and per file (as given) the parameters it declares."""
    return {
        "labels": list(NEO4J_LABELS.values()),
        "relationshipTypes": list(RELATIONSHIP_TYPES),
        "propertyKeys": property_keys(),
        "parameters": {str(file): list(_declared_in(file)) for file in files},
    }


# ---------------------------------------------------------------------------------------------------------
# push: the rows sent to Neo4j


Row = dict[str, Any]


@dataclass(frozen=True)
class PushRows:
    """Every row a push sends.

    Attributes
    ----------
    nodes
        Node table -> one row per table row: `{id, properties: {other columns, seq}}`.
    relationships
        (type, start label, end label) -> `{source, target, properties}`; `properties` holds the row's other
        columns and `seq` for `LIAISES_WITH` and `MEMBER_OF` (one per table row), nothing for the others.
    """

    nodes: dict[str, list[Row]]
    relationships: dict[tuple[str, str, str], list[Row]]

    def counts(self) -> dict[str, int]:
        """Rows per label and per relationship type (what Neo4j holds for the dataset after the push)."""
        found = {NODE_LABELS[table]: len(rows) for table, rows in self.nodes.items()}
        for rel_type in RELATIONSHIP_TYPES:
            found[rel_type] = sum(len(rows) for key, rows in self.relationships.items() if key[0] == rel_type)
        return found

    def table_records(self) -> dict[str, list[Row]]:
        """The rows per input table, shaped as the `cypher/pull/` queries return them."""
        records: dict[str, list[Row]] = dict(self.nodes)
        for table, rel_type in ROW_RELATIONSHIPS.items():
            found = [rows for key, rows in self.relationships.items() if key[0] == rel_type]
            records[table] = [row for rows in found for row in rows]
        return records


def _plain_column(frame: pd.DataFrame, column: str) -> list[Any]:
    # Python values (str, bool) rather than numpy ones: what the driver sends as Cypher strings and booleans
    return (
        frame[column].to_numpy(dtype=object).tolist()
        if column != "party_group"
        else [bool(v) for v in frame[column].to_numpy(dtype=bool)]
    )


def push_rows(ds: Dataset) -> PushRows:
    """The rows that a push of `ds` sends, by table and by relationship type and endpoint labels.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = push_rows(load("tests/fixtures/reach"))
    >>> rows.nodes["members"][0]["properties"]["seq"], rows.counts()["LIAISES_WITH"]
    (0, 11)
    """
    from pbgraph.graph import counting_liaisons, index_of

    nodes: dict[str, list[Row]] = {}
    for table in NODE_TABLES:
        frame = getattr(ds, table)
        columns = [c for c in TABLES[table].column_names if c != "id"]
        values = {c: _plain_column(frame, c) for c in columns}
        rows = []
        for seq, node_id in enumerate(frame["id"].tolist()):
            properties: Row = {c: values[c][seq] for c in columns}
            properties["seq"] = seq
            if table == "members":
                properties["committees"] = properties["committee"].split(MULTI_VALUE_SEPARATOR)
            rows.append({"id": node_id, "properties": properties})
        nodes[table] = rows

    relationships: dict[tuple[str, str, str], list[Row]] = {}
    member_label, organization_label = NODE_LABELS["members"], NODE_LABELS["organizations"]
    memberships = ds.memberships[["member", "organization", "role"]].itertuples(index=False)
    relationships[(MEMBER_OF, member_label, organization_label)] = [
        {"source": m, "target": o, "properties": {"role": role, "seq": seq}}
        for seq, (m, o, role) in enumerate(memberships)
    ]
    # a liaison's target may be of any node table: one load query per target label
    index = index_of(ds)
    target_tables = [NODE_TABLES[k] for k in index.kind[np.maximum(index.liaison_target, 0)]]
    counting = counting_liaisons(ds)
    for table in NODE_TABLES:
        relationships[(LIAISES_WITH, member_label, NODE_LABELS[table])] = []
    liaisons = ds.liaisons[["source", "target", "kind", "since", "note"]]
    for seq, (source, target, kind, since, note) in enumerate(liaisons.itertuples(index=False)):
        properties = {"kind": kind, "counts": bool(counting[seq]), "since": since, "note": note, "seq": seq}
        key = (LIAISES_WITH, member_label, NODE_LABELS[target_tables[seq]])
        relationships[key].append({"source": source, "target": target, "properties": properties})
    for table, column, rel_type, target_table in REFERENCES:
        frame = getattr(ds, table)
        key = (rel_type, NODE_LABELS[table], NODE_LABELS[target_table])
        relationships[key] = [
            {"source": node_id, "target": target}
            for node_id, target in zip(frame["id"].tolist(), frame[column].tolist(), strict=True)
            if target
        ]
    return PushRows(nodes, relationships)


def batches(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    """Consecutive slices of at most `size` rows.

    Examples
    --------
    >>> [len(b) for b in batches(list(range(7)), 3)]
    [3, 3, 1]
    """
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@dataclass(frozen=True)
class LoadStep:
    """One write of a push: a load query and one batch of its rows."""

    query: CypherQuery
    rows: Sequence[Row]


def load_query_name(key: str | tuple[str, str, str]) -> str:
    """The `cypher/load/` query that loads a node table (`members`) or a relationship key."""
    if isinstance(key, str):
        return f"load/nodes/{NODE_LABELS[key].lower()}"
    rel_type, start, end = key
    if rel_type == LIAISES_WITH:
        return f"load/relationships/liaises_with_{end.lower()}"
    if rel_type == IN_TOWNSHIP:
        return f"load/relationships/in_township_{start.lower()}"
    return f"load/relationships/{rel_type.lower()}"


def load_plan(rows: PushRows, *, batch_size: int = DEFAULT_BATCH_SIZE) -> list[LoadStep]:
    """Every write of a push in order: the nodes of every table, then the relationships, in batches."""
    keyed: list[tuple[str | tuple[str, str, str], list[Row]]] = [
        *rows.nodes.items(),
        *rows.relationships.items(),
    ]
    plan: list[LoadStep] = []
    for key, found in keyed:
        query = load_query(load_query_name(key))
        plan.extend(LoadStep(query, batch) for batch in batches(found, batch_size))
    return plan


# ---------------------------------------------------------------------------------------------------------
# pull: the dataset rebuilt from what Neo4j returns


def _ordered(table: str, records: Sequence[Row], dataset: str) -> list[Row]:
    """Records sorted by `seq`, checked to be exactly one per row position."""
    ordered = sorted(records, key=lambda r: r["properties"].get("seq", -1))
    seqs = [r["properties"].get("seq") for r in ordered]
    if seqs != list(range(len(ordered))):
        seen = {s for s in seqs if isinstance(s, int) and 0 <= s < len(ordered)}
        details = f"{table}: {len(ordered)} rows, {len(ordered) - len(seen)} out of sequence"
        raise Neo4jError(_STALE.format(dataset=dataset, details=details))
    return ordered


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def dataset_from_records(records: Mapping[str, Sequence[Row]], *, name: str) -> Dataset:
    """Rebuild a dataset from the rows of each input table as the `cypher/pull/` queries return them (node
    tables: `{id, properties}`; relationship tables: `{source, target, properties}`).

    Raises
    ------
    Neo4jError
        The rows' `seq` are not 0 … n-1 (rows left over from an older push of the dataset).
    """
    from pbgraph.dataset import Dataset

    frames: dict[str, pd.DataFrame] = {}
    for table in PUSHED_TABLES:
        spec = TABLES[table]
        rows = _ordered(table, records.get(table, []), name)
        columns: dict[str, Any] = {}
        for column in spec.column_names:
            if table in ENDPOINT_COLUMNS and column in ENDPOINT_COLUMNS[table]:
                key = "source" if column == ENDPOINT_COLUMNS[table][0] else "target"
                values = [_text(r[key]) for r in rows]
            elif column == "id":
                values = [_text(r["id"]) for r in rows]
            else:
                values = [r["properties"].get(column) for r in rows]
            if column == "party_group":
                columns[column] = pd.Series([bool(v) for v in values], dtype=bool)
            else:
                columns[column] = pd.Series([_text(v) for v in values], dtype="str")
        frames[table] = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
    return Dataset(
        members=frames["members"],
        sectors=frames["sectors"],
        townships=frames["townships"],
        organizations=frames["organizations"],
        memberships=frames["memberships"],
        liaisons=frames["liaisons"],
        contacts=frames["contacts"],
        name=name,
    )


# ---------------------------------------------------------------------------------------------------------
# analyses: shaping rows, betweenness


def analysis_frame(table: str, records: Sequence[Row]) -> pd.DataFrame:
    """An analysis table from the records of its query, with the embedded backend's columns and dtypes."""
    columns = TABLE_COLUMNS[table]
    data = {}
    for column, dtype in columns.items():
        values = [record[column] for record in records]
        if dtype == _O:
            data[column] = pd.Series(values, dtype=object)
        else:
            data[column] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)))


def liaison_betweenness(
    sources: Sequence[str],
    targets: Sequence[str],
    **options: Any,
) -> tuple[dict[str, float], int | None]:
    """Betweenness of the undirected graph of the counting liaisons (source and target ids, in liaisons table
    order), exactly as :func:`pbgraph.analyses.connectors.betweenness` computes it.

    Parameters
    ----------
    options
        `sample_limit`, `sample_size`, `seed` of :func:`pbgraph.analyses.connectors.graph_betweenness`.

    Returns
    -------
    Betweenness by node id, and the number of sampled sources (None when exact).
    """
    from pbgraph.analyses.connectors import graph_betweenness, undirected_graph

    # nodes in order of first appearance, source before target: the embedded graph's node order
    nodes, adjacency = undirected_graph(
        np.asarray(list(sources), dtype=object), np.asarray(list(targets), dtype=object)
    )
    values, sampled = graph_betweenness(adjacency, **options)
    return dict(zip(nodes.tolist(), values.tolist(), strict=True)), sampled


def connectors_frame(
    rows: Sequence[Row], edges: Sequence[Row], **options: Any
) -> tuple[pd.DataFrame, list[str]]:
    """The `connectors` table and its notes from the rows of `analyses/connectors.cypher` and the edges of
    `analyses/liaison_graph.cypher`: betweenness added, rows sorted (see :func:`liaison_betweenness`)."""
    values, sampled = liaison_betweenness(
        [e["source"] for e in edges], [e["target"] for e in edges], **options
    )
    records = [{**row, "betweenness": values.get(row["id"], 0.0)} for row in rows]
    return sort_connectors(analysis_frame("connectors", records)), [f"sampled:{sampled}"] if sampled else []


def sort_connectors(rows: pd.DataFrame) -> pd.DataFrame:
    """Connectors in the embedded backend's order: sole liaisons, then betweenness, descending; then id."""
    return rows.sort_values(
        ["sole_liaison_count", "betweenness", "id"],
        ascending=[False, False, True],
        kind="stable",
        ignore_index=True,
    )


def sort_league(rows: pd.DataFrame) -> pd.DataFrame:
    """Coverage rows per committee, worst first (as :func:`pbgraph.analyses.league_table`)."""
    from pbgraph.analyses.coverage import GAP_COLUMNS

    rows = rows[rows["committee"] != ""]
    order = pd.DataFrame(
        {
            "work": rows["work_rate"].map(lambda r: math.inf if r is None else r),
            "org": rows["organization_rate"].map(lambda r: math.inf if r is None else r),
            "gaps": -rows[GAP_COLUMNS].sum(axis=1),
            "id": rows["committee"],
        }
    )
    worst_first = order.sort_values(["work", "org", "gaps", "id"], kind="stable").index
    return rows.loc[worst_first].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------
# the connection


@dataclass(frozen=True)
class Settings:
    """Where Neo4j is and who we are: from the environment (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
    `NEO4J_DATABASE`), each but the password overridable. The password is never shown."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    database: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(
        cls,
        *,
        uri: str | None = None,
        username: str | None = None,
        database: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get(ENV_URI) or DEFAULT_URI,
            username=username or env.get(ENV_USERNAME) or DEFAULT_USERNAME,
            database=database or env.get(ENV_DATABASE) or None,
            password=env.get(ENV_PASSWORD),
        )

    @property
    def shown_uri(self) -> str:
        """The URI without any user or password in it."""
        return re.sub(r"//[^/@]*@", "//", self.uri)


def server_version(agent: str) -> tuple[int, int] | None:
    """(major, minor) from a server agent string such as `Neo4j/5.26.1`.

    Examples
    --------
    >>> server_version("Neo4j/5.26.1"), server_version("Neo4j/2025.01.0"), server_version("None")
    ((5, 26), (2025, 1), None)
    """
    match = re.search(r"(\d+)\.(\d+)", agent)
    return (int(match[1]), int(match[2])) if match else None


def _first_line(text: str) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


@contextmanager
def _translated(settings: Settings, query: str | None = None) -> Iterator[None]:
    """Turn the driver's errors into a one-line :class:`Neo4jError` that says what to do."""
    uri = settings.shown_uri
    try:
        yield
    except Neo4jError:
        raise
    except _driver_errors.AuthError as error:
        raise Neo4jError(_AUTH.format(uri=uri, username=settings.username)) from error
    except (_driver_errors.ServiceUnavailable, _driver_errors.SessionExpired) as error:
        raise Neo4jError(_UNREACHABLE.format(uri=uri)) from error
    except _driver_errors.ConfigurationError as error:
        raise Neo4jError(_BAD_URI.format(uri=uri)) from error
    except _driver_errors.Neo4jError as error:
        if error.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise Neo4jError(_NO_DATABASE.format(uri=uri, database=settings.database)) from error
        detail = f"{error.code}: {_first_line(error.message or '')}"
        raise Neo4jError(_QUERY_FAILED.format(query=query or "?", detail=detail)) from error
    except _driver_errors.DriverError as error:
        raise Neo4jError(_QUERY_FAILED.format(query=query or "?", detail=_first_line(str(error)))) from error


class Connection:
    """An open connection to Neo4j: a driver, the database to use and the server's version. Close it (or use
    it as a context manager)."""

    def __init__(self, driver: Any, settings: Settings, version: tuple[int, int] | None) -> None:
        self.driver = driver
        self.settings = settings
        self.version = version

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def run(
        self,
        query: CypherQuery,
        parameters: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
    ) -> tuple[list[str], list[Row]]:
        """Run every statement of a query, each in a managed transaction (retried on transient errors);
        returns the columns and records of the last one."""
        params = query_parameters(query, parameters or {})
        keys: list[str] = []
        records: list[Row] = []
        database = self.settings.database
        with _translated(self.settings, query.name), self.driver.session(database=database) as session:
            for statement in query.statements:
                work = _transaction_work(statement, params)
                keys, records = session.execute_write(work) if write else session.execute_read(work)
        return keys, records

    def read(self, query: CypherQuery, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        return self.run(query, parameters)[1]

    def write(self, query: CypherQuery, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        return self.run(query, parameters, write=True)[1]


def _transaction_work(
    statement: str,
    parameters: Mapping[str, Any],
) -> Callable[[Any], tuple[list[str], list[Row]]]:
    # the driver wants literal strings; ours come from the .cypher files, never from values
    text = cast(LiteralString, statement)

    def work(tx: Any) -> tuple[list[str], list[Row]]:
        result = tx.run(text, dict(parameters))
        return list(result.keys()), [record.data() for record in result]

    return work


_SILENCED = False


def connect(settings: Settings | None = None) -> Connection:
    """Open a connection and check the server (reachable, credentials accepted, Neo4j 5 or later).

    Raises
    ------
    Neo4jError
        With a one-line message that says what to do.
    MissingDependencyError
        The `neo4j` driver is not installed.
    """
    global _SILENCED
    _require_driver()
    settings = settings or Settings.from_env()
    if not _SILENCED:
        # the driver logs connection failures itself; we report them once, as a Neo4jError
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        _SILENCED = True
    auth = (settings.username, settings.password) if settings.password is not None else None
    try:
        with _translated(settings):
            driver = _driver.GraphDatabase.driver(
                settings.uri, auth=auth, connection_timeout=CONNECTION_TIMEOUT
            )
    except ValueError as error:
        # the driver rejects some malformed URIs (a bad port …) with a plain ValueError
        raise Neo4jError(_BAD_URI.format(uri=settings.shown_uri)) from error
    try:
        with _translated(settings):
            try:
                driver.verify_connectivity()
            except ValueError as error:
                raise Neo4jError(_BAD_URI.format(uri=settings.shown_uri)) from error
            version = server_version(driver.get_server_info().agent)
        if version is not None and version < MINIMUM_SERVER:
            raise Neo4jError(
                _TOO_OLD.format(
                    version=".".join(map(str, version)),
                    uri=settings.shown_uri,
                    needed=".".join(map(str, MINIMUM_SERVER)),
                )
            )
    except BaseException:
        driver.close()
        raise
    return Connection(driver, settings, version)


# ---------------------------------------------------------------------------------------------------------
# what talks to a server


def apply_schema(conn: Connection) -> int:
    """Create the constraints and indexes of `cypher/schema.cypher` where missing; returns how many
    statements ran."""
    schema = load_query("schema")
    # one transaction per statement: schema changes cannot share a transaction
    for statement in schema.statements:
        conn.write(CypherQuery(schema.name, statement, ()))
    return len(schema.statements)


def stored_counts(conn: Connection, dataset: str) -> dict[str, int]:
    """Nodes per label and relationships per type that Neo4j holds for a dataset."""
    rows = conn.read(load_query("load/counts"), {"dataset": dataset})
    return {key: int(value) for key, value in rows[0].items()}


def dataset_exists(conn: Connection, dataset: str) -> bool:
    return bool(conn.read(load_query("pull/exists"), {"dataset": dataset})[0]["found"])


def delete_dataset(conn: Connection, dataset: str, *, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Delete every node of a dataset with its relationships, in batches; returns the number of nodes."""
    deleted = 0
    for table in NODE_TABLES:
        query = load_query(f"load/delete/{NODE_LABELS[table].lower()}")
        while True:
            done = int(conn.write(query, {"dataset": dataset, "batch_size": batch_size})[0]["deleted"])
            deleted += done
            if done == 0:
                break
    return deleted


@dataclass(frozen=True)
class PushSummary:
    """What a push did: rows sent and what Neo4j holds afterwards, per label and relationship type."""

    dataset: str
    pushed: dict[str, int]
    stored: dict[str, int]
    deleted: int = 0

    @property
    def stale(self) -> dict[str, int]:
        """Per label or type, how many more Neo4j holds than were pushed (left over from an older version)."""
        return {
            key: self.stored.get(key, 0) - count
            for key, count in self.pushed.items()
            if self.stored.get(key, 0) > count
        }

    def stale_message(self) -> str | None:
        """A one-line warning with the fix, when there are leftovers."""
        if not self.stale:
            return None
        details = ", ".join(f"{key} +{count}" for key, count in self.stale.items())
        return _STALE.format(dataset=self.dataset, details=details)


def push(
    conn: Connection,
    ds: Dataset,
    *,
    dataset: str | None = None,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> PushSummary:
    """Load a (validated) dataset into Neo4j, idempotently.

    Parameters
    ----------
    dataset
        Name that scopes every node and relationship (default: the dataset's own name, its folder's).
    replace
        Delete what Neo4j holds under that name first (needed when rows were removed or changed).
    batch_size
        Rows per `UNWIND … MERGE` transaction.
    progress
        Called after each batch with the number of rows it wrote and the number of rows of the whole push.

    Pushing the same dataset again changes nothing: every row is merged on its key.
    """
    name = dataset or ds.name
    if not name:
        raise Neo4jError(_NO_NAME)
    rows = push_rows(ds)
    plan = load_plan(rows, batch_size=batch_size)
    apply_schema(conn)
    deleted = delete_dataset(conn, name, batch_size=batch_size) if replace else 0
    total = sum(len(step.rows) for step in plan)
    for step in plan:
        conn.write(step.query, {"dataset": name, "rows": list(step.rows)})
        if progress is not None:
            progress(len(step.rows), total)
    return PushSummary(name, rows.counts(), stored_counts(conn, name), deleted)


def _require_dataset(conn: Connection, dataset: str) -> None:
    if not dataset_exists(conn, dataset):
        raise Neo4jError(_NO_DATASET.format(dataset=dataset))


def pull(conn: Connection, dataset: str) -> Dataset:
    """Read a dataset back from Neo4j: the same tables, columns and row order as the dataset pushed.

    Raises
    ------
    Neo4jError
        No such dataset, or it holds rows left over from an older push.
    """
    _require_dataset(conn, dataset)
    records = {table: conn.read(load_query(f"pull/{table}"), {"dataset": dataset}) for table in PUSHED_TABLES}
    return dataset_from_records(records, name=dataset)


def committees(conn: Connection, dataset: str) -> list[str]:
    """Ids of the dataset's committee organizations, in table order."""
    return [row["id"] for row in conn.read(load_query("analyses/committees"), {"dataset": dataset})]


def _check_committee(conn: Connection, dataset: str, committee: str | None) -> None:
    if committee is None:
        return
    known = committees(conn, dataset)
    if committee not in known:
        listed = "、".join(known[:10]) or "无"
        raise UnknownIdError(_UNKNOWN_COMMITTEE.format(committee=committee, known=listed))


def run_analysis(
    conn: Connection,
    name: str,
    dataset: str,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
) -> Result:
    """Run one analysis (a name of `pbgraph.analyses.ANALYSES`) on a dataset held in Neo4j: the same tables,
    columns and rows as :func:`pbgraph.analyses.run` on the dataset itself.

    Every table is one query of `cypher/analyses/`; betweenness (`connectors`) is computed here over the
    liaison graph that `analyses/liaison_graph.cypher` returns.
    """
    from pbgraph.analyses import Result

    if name not in ANALYSIS_TABLES:
        raise ValueError(f"unknown analysis {name!r}; choose from {', '.join(ANALYSIS_TABLES)}")
    _require_dataset(conn, dataset)
    _check_committee(conn, dataset, committee)
    if name == "reach" and conn.version is not None and conn.version < SHORTEST_SERVER:
        raise Neo4jError(
            _REACH_TOO_OLD.format(
                needed=".".join(map(str, SHORTEST_SERVER)), version=".".join(map(str, conn.version))
            )
        )
    parameters = {"dataset": dataset, "committee": committee, "max_load": max_load, "max_depth": max_depth}
    tables: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    for table in ANALYSIS_TABLES[name]:
        if table == "connectors":
            tables[table], notes = _connectors(conn, parameters)
        else:
            tables[table] = analysis_frame(table, conn.read(load_query(f"analyses/{table}"), parameters))
    return Result(name, tables, notes)


def _connectors(conn: Connection, parameters: Mapping[str, Any]) -> tuple[pd.DataFrame, list[str]]:
    rows = conn.read(load_query("analyses/connectors"), parameters)
    edges = conn.read(load_query("analyses/liaison_graph"), parameters)
    return connectors_frame(rows, edges)


def league_table(conn: Connection, dataset: str, *, max_load: int = DEFAULT_MAX_LOAD) -> pd.DataFrame:
    """Coverage per committee, worst first, from Neo4j (as :func:`pbgraph.analyses.league_table`)."""
    return sort_league(run_analysis(conn, "coverage", dataset, max_load=max_load).main)


def run_query(
    conn: Connection,
    name_or_path: str,
    parameters: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Run a query of `cypher/` (by name) or a user's Cypher file; the last statement's rows.

    Queries of `cypher/` that load or change data, and every user's file, run in write transactions; the
    others in read transactions.
    """
    query = resolve_query(name_or_path)
    given = dict(parameters or {})
    unknown = sorted(set(given) - set(query.parameters)) if query.parameters is not None else []
    if unknown:
        raise Neo4jError(
            _UNKNOWN_PARAMETER.format(
                query=query.name, names=", ".join(unknown), known=", ".join(query.parameters or ()) or "-"
            )
        )
    write = not query.shipped or not query.name.startswith(("analyses/", "pull/", "queries/"))
    keys, records = conn.run(query, given, write=write)
    return pd.DataFrame([[_plain(r[k]) for k in keys] for r in records], columns=keys)


def _plain(value: Any) -> Any:
    """A value the table, CSV and JSON writers can show (temporal and spatial values as text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
