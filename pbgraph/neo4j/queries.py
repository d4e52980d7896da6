"""The statements of `cypher/`: finding them by name, reading a user's own file, the parameters each
declares and the values sent for them, and the schema the Cypher linter checks them against."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pbgraph._errors import InvalidOptionError, Neo4jError
from pbgraph._texts import both
from pbgraph._texts.neo4j import NEO4J
from pbgraph.model import NODE_TABLES, TABLES
from pbgraph.neo4j.model import (
    DEFAULT_PARAMETERS,
    ENDPOINT_COLUMNS,
    EXTRA_PROPERTIES,
    LABELS,
    RELATIONSHIP_TYPES,
    ROW_NODES,
)

CYPHER_SUFFIX = ".cypher"
_PARAMETERS_LINE = re.compile(r"^//\s*Parameters:(.*)$", re.MULTILINE)


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


def cypher_root() -> Traversable:
    """The shipped statements: the repository's top-level `cypher/` folder, installed as the package data
    `pbgraph.cypher` (read with :mod:`importlib.resources`, so it works from a wheel as from a checkout)."""
    return resources.files("pbgraph.cypher")


def _walk(folder: Traversable, prefix: str = "") -> Iterator[str]:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(CYPHER_SUFFIX):
            yield prefix + entry.name[: -len(CYPHER_SUFFIX)]


def query_names() -> list[str]:
    """Names of every query shipped in `cypher/` (e.g. `analyses/unlinked`), sorted."""
    return sorted(_walk(cypher_root()))


def _shipped_name(name: str) -> str | None:
    names = query_names()
    matches = [n for n in names if n == name] or [n for n in names if n.rsplit("/", 1)[-1] == name]
    return matches[0] if len(matches) == 1 else None


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
        # the ones meant for people: the analyses, the example queries and the schema (`neo4j query schema`)
        listed = matches or [
            n.rsplit("/", 1)[-1] for n in names if n.startswith(("analyses/", "queries/")) or "/" not in n
        ]
        raise Neo4jError(*both(NEO4J, "no_query", name=name, known=", ".join(listed)))
    text = cypher_root().joinpath(*f"{matches[0]}{CYPHER_SUFFIX}".split("/")).read_text(encoding="utf-8")
    return CypherQuery(matches[0], text, declared_parameters(text))


def query_from_file(path: str | os.PathLike[str]) -> CypherQuery:
    """A user's own Cypher file."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return CypherQuery(str(path), text, declared_parameters(text), shipped=False)


def is_query_path(argument: str) -> bool:
    """Whether `pbgraph neo4j query ARGUMENT` names a user's file rather than a shipped query: it ends in
    `.cypher`, or it contains a `/` (or the platform's separator) and is no shipped query's name.

    Examples
    --------
    >>> is_query_path("datasets"), is_query_path("analyses/unlinked"), is_query_path("./datasets")
    (False, False, True)
    >>> is_query_path("mine.cypher"), is_query_path("queries/mine")
    (True, True)
    """
    if argument.endswith(CYPHER_SUFFIX):
        return True
    if _shipped_name(argument) is not None:
        return False
    return "/" in argument or os.sep in argument


def resolve_query(name_or_path: str) -> CypherQuery:
    """A query of `cypher/` by name; a user's file only when the argument is a path (see
    :func:`is_query_path`), so that a file `./datasets` never stands in for the shipped `datasets`.

    Raises
    ------
    Neo4jError
        No shipped query of that name, or no such file.
    """
    if not is_query_path(name_or_path):
        return load_query(name_or_path)
    if not Path(name_or_path).is_file():
        raise Neo4jError(*both(NEO4J, "no_query_file", path=name_or_path))
    return query_from_file(name_or_path)


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
        raise Neo4jError(*both(NEO4J, "missing_parameter", query=query.name, names=", ".join(missing)))
    return {name: given[name] if name in given else DEFAULT_PARAMETERS[name] for name in query.parameters}


def property_keys() -> list[str]:
    """Every property key of the graph model: the columns of the node tables, the non-endpoint columns of the
    relationship tables, and :data:`EXTRA_PROPERTIES`."""
    keys: dict[str, None] = {}
    for table in (*NODE_TABLES, *ROW_NODES):
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
        "labels": list(LABELS),
        "relationshipTypes": list(RELATIONSHIP_TYPES),
        "propertyKeys": property_keys(),
        "parameters": {str(file): list(_declared_in(file)) for file in files},
    }


# ---------------------------------------------------------------------------------------------------------
# parameter values given on the command line

NON_TEXT_PROPERTIES = frozenset(
    {"seq", "party_group", "counts", "committees", "participants", "not_recorded"}
)
"""The properties of the model whose values are not text."""
TEXT_PARAMETERS = frozenset({"dataset", "committee", "member", "since", "until", "as_of"})
"""The shipped queries' parameters that hold text (ids, names and ISO dates)."""
PARAMETER_TYPES: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": None, "json": None}
"""The types `--param NAME:TYPE=VALUE` accepts."""
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def is_text_parameter(name: str) -> bool:
    """Whether a parameter's value is text whatever it looks like: it is named after a text property or column
    of the model (`dataset`, `committee`, `id`, `name`, `sector`, `member` …) or is a shipped query's text
    parameter."""
    if name in NON_TEXT_PROPERTIES:
        return False
    columns = {column for table in TABLES.values() for column in table.column_names}
    return name in TEXT_PARAMETERS or name in columns or name in property_keys()


def parse_parameter(text: str) -> tuple[str, Any]:
    """`NAME=VALUE` or `NAME:TYPE=VALUE` -> (name, value).

    Without a type, a parameter named after a text property (:func:`is_text_parameter`) is the text as given
    (`dataset=2024` is the dataset "2024", not the number); any other value is read as JSON when it is JSON
    (numbers, true/false, null, lists, "quoted strings"), else taken as text. TYPE is one of `str`, `int`,
    `float`, `bool`, `json`.

    Raises
    ------
    ValueError
        Not `NAME=VALUE`, an unknown TYPE, or a value that is not of its TYPE (one line, zh and en).

    Examples
    --------
    >>> parse_parameter("dataset=2024"), parse_parameter("max_load=3"), parse_parameter("committee=101")
    (('dataset', '2024'), ('max_load', 3), ('committee', '101'))
    >>> parse_parameter("limit:int=10"), parse_parameter("code:str=7"), parse_parameter('ids:json=["a"]')
    (('limit', 10), ('code', '7'), ('ids', ['a']))
    """
    head, sep, raw = text.partition("=")
    name, _, kind = head.partition(":")
    name, kind = name.strip(), kind.strip()
    if not sep or not name:
        raise InvalidOptionError(*both(NEO4J, "bad_parameter", text=text))
    if kind and kind not in PARAMETER_TYPES:
        raise InvalidOptionError(
            *both(NEO4J, "bad_parameter_type", text=text, types=", ".join(PARAMETER_TYPES))
        )
    try:
        if kind == "str" or (not kind and is_text_parameter(name)):
            return name, raw
        if kind in ("int", "float"):
            return name, PARAMETER_TYPES[kind](raw)
        if kind == "bool":
            return name, _BOOLEANS[raw.strip().lower()]
        if kind == "json":
            return name, json.loads(raw)
    except (ValueError, KeyError) as error:
        raise InvalidOptionError(*both(NEO4J, "bad_parameter_value", text=text, kind=kind)) from error
    try:
        return name, json.loads(raw)
    except ValueError:
        return name, raw
