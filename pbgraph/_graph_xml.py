"""GraphML and GEXF of the export graph written a column at a time (Arrow string kernels), not element by
element.

The graph is the one :func:`pbgraph.export.export_graph_data` builds — same nodes, attributes, edges and edge
ids — without building it: at province scale networkx's writer needs minutes and gigabytes for what this
writes in seconds. Text is escaped for XML and stripped of the characters XML cannot hold, so the file is
well-formed whatever the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import text_buffers
from pbgraph.graph import arrow_strings, counting_liaisons, index_of
from pbgraph.model import NODE_TABLES, PARTY_ZH, TABLES, LiaisonKind, NodeKind

if TYPE_CHECKING:
    import pandas as pd

    from pbgraph.dataset import Dataset

_TEXT = pa.large_string()
_NOT_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"
_PARTY_NAMES = {str(code): name for code, name in PARTY_ZH.items()}


@dataclass
class _Attribute:
    name: str
    xml_type: str  # string, boolean, int, double
    values: pa.Array  # the value of each element as GraphML text, "" where absent


def _s(text: str) -> pa.Scalar:
    return pa.scalar(text, _TEXT)


def _text(values: pd.Series | pa.Array | np.ndarray) -> pa.Array:
    array = values if isinstance(values, pa.Array) else arrow_strings(values)
    return array.cast(_TEXT)


def _constant(value: str, count: int) -> pa.Array:
    return pa.array(np.full(count, value, dtype=object), _TEXT)


def _escape(values: pa.Array, *, attribute: bool = False) -> pa.Array:
    values = pc.replace_substring_regex(values, _NOT_XML, "")
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;")):
        values = pc.replace_substring(values, old, new)
    if attribute:
        for old, new in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
            values = pc.replace_substring(values, old, new)
    return values


def _column(series: pd.Series, name: str) -> _Attribute:
    """A table column as networkx's writer types it: bool, int and float stay typed, the rest is text."""
    kind = series.dtype.kind
    if kind == "b":
        return _Attribute(name, "boolean", _text(np.where(series.to_numpy(dtype=bool), "true", "false")))
    if kind in "iu":
        return _Attribute(name, "int", _text(series.to_numpy().astype(str)))
    if kind == "f":
        # a float attribute that is NaN would be written as "" by export_graph_data: leave it out
        values = series.to_numpy(dtype=float)
        texts = np.array([repr(v) for v in values.tolist()], dtype=object)
        texts[np.isnan(values)] = ""
        return _Attribute(name, "double", _text(texts))
    return _Attribute(name, "string", _text(series))


def _node_attributes(ds: Dataset, table: str) -> list[_Attribute]:
    """The attributes export_graph_data gives the nodes of one table, in its order."""
    frame = getattr(ds, table)
    count = len(frame)
    kind = TABLES[table].node_kind
    assert kind is not None
    node_kind = NodeKind.ORGANIZATION.value if table == "organizations" else kind.value
    attributes = [
        _Attribute("kind", "string", _constant(node_kind, count))
        if column == "kind"
        else _column(frame[column], column)
        for column in frame.columns
        if column != "id"
    ]
    if "kind" not in frame.columns:
        attributes.append(_Attribute("kind", "string", _constant(node_kind, count)))
    if table == "organizations":
        attributes.append(_column(frame["kind"], "org_kind"))
    ids = _text(frame["id"])
    names = _text(frame["name"]) if "name" in frame.columns else _constant("", count)
    attributes.append(_Attribute("label", "string", pc.if_else(pc.equal(names, ""), ids, names)))
    empty = _constant("", count)
    party = _text(frame["party"]) if table == "members" else empty
    sector = _text(frame["sector"]) if table == "members" else ids if table == "sectors" else empty
    by_name = {a.name: a for a in attributes}
    for name, values in (
        ("party", party),
        ("party_name", _mapped(party, _PARTY_NAMES.get)),
        ("sector", sector),
        ("sector_name", _mapped(sector, ds.name_of)),
    ):
        if name in by_name:
            by_name[name].xml_type, by_name[name].values = "string", values
        else:
            attributes.append(_Attribute(name, "string", values))
    return attributes


def _mapped(values: pa.Array, lookup: Callable[[str], str | None]) -> pa.Array:
    """Each value through `lookup` (itself where it gives None), looked up once per distinct value."""
    uniques = pc.unique(values)
    mapped = pa.array([lookup(v) or v for v in uniques.to_pylist()], _TEXT)
    return pc.take(mapped, pc.index_in(values, value_set=uniques))


@dataclass
class _Edges:
    source: pa.Array
    target: pa.Array
    attributes: list[_Attribute]


def _edges(ds: Dataset, *, contacts: bool) -> list[_Edges]:
    """The edges of to_networkx, in the order it adds them, each group with its attributes."""
    liaisons = ds.liaisons
    keep = np.ones(len(liaisons), dtype=bool)
    if not contacts:
        keep = (liaisons["kind"] != LiaisonKind.CONTACT).to_numpy()
    kept = liaisons[keep]
    count = len(kept)
    counts = counting_liaisons(ds)[keep]
    groups = [
        _Edges(
            _text(kept["source"]),
            _text(kept["target"]),
            [
                _Attribute("relation", "string", _constant("liaison", count)),
                _Attribute("kind", "string", _text(kept["kind"])),
                _Attribute("counts", "boolean", _text(np.where(counts, "true", "false"))),
                _Attribute("since", "string", _text(kept["since"])),
                _Attribute("note", "string", _text(kept["note"])),
            ],
        ),
        _Edges(
            _text(ds.memberships["member"]),
            _text(ds.memberships["organization"]),
            [
                _Attribute("relation", "string", _constant("membership", len(ds.memberships))),
                _Attribute("role", "string", _text(ds.memberships["role"])),
            ],
        ),
    ]
    located = [("members", "sector", "in_sector"), ("members", "township", "in_township")]
    located += [("organizations", "township", "in_township")]
    if contacts:
        located.append(("contacts", "township", "in_township"))
    located += [("sectors", "group", "in_group"), ("organizations", "parent", "parent")]
    for table, column, relation in located:
        frame = getattr(ds, table)
        present = (frame[column] != "").to_numpy()
        groups.append(
            _Edges(
                _text(frame["id"][present]),
                _text(frame[column][present]),
                [_Attribute("relation", "string", _constant(relation, int(present.sum())))],
            )
        )
    return groups


def _elements(
    opening: pa.Array, attributes: list[_Attribute], keys: dict[tuple[str, str, str], str], scope: str
) -> pa.Array:
    """One XML element per row: its opening line, a <data> line per non-empty attribute, its closing line."""
    parts = [opening]
    for attribute in attributes:
        key = keys.setdefault((scope, attribute.name, attribute.xml_type), f"d{len(keys)}")
        line = pc.binary_join_element_wise(
            _s(f'      <data key="{key}">'), _escape(attribute.values), _s("</data>\n"), _s("")
        )
        # an empty value is an empty element (networkx reads it back as ""), an absent one no element
        empty = _s(f'      <data key="{key}" />\n')
        parts.append(pc.if_else(pc.equal(attribute.values, _s("")), empty, line))
    closing = "    </node>\n" if scope == "node" else "    </edge>\n"
    parts.append(_constant(closing, len(opening)))
    return pc.binary_join_element_wise(*[p.cast(_TEXT) for p in parts], _s(""))


def _joined(pieces: list[pa.Array]) -> bytes:
    # the concatenated character data of every row is the document part
    return b"".join(text_buffers(pa.chunked_array([p.cast(_TEXT) for p in pieces if len(p)], _TEXT)))


def graphml_bytes(ds: Dataset, *, contacts: bool = True) -> bytes:
    """The export graph (:func:`pbgraph.export.export_graph_data`) as a GraphML document, UTF-8."""
    keys: dict[tuple[str, str, str], str] = {}
    graph_key = keys.setdefault(("graph", "name", "string"), "d0")
    pieces: list[pa.Array] = []
    for table in NODE_TABLES:
        if table == "contacts" and not contacts:
            continue
        ids = _escape(_text(getattr(ds, table)["id"]), attribute=True)
        opening = pc.binary_join_element_wise(_s('    <node id="'), ids, _s('">\n'), _s(""))
        pieces.append(_elements(opening, _node_attributes(ds, table), keys, "node"))
    for group, _, opening in _edge_openings(ds, contacts=contacts, indent="    ", id_prefix="e"):
        pieces.append(_elements(opening, group.attributes, keys, "edge"))
    head = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for (scope, name, xml_type), key in keys.items():
        head.append(f'  <key id="{key}" for="{scope}" attr.name="{name}" attr.type="{xml_type}" />')
    name = str(_escape(pa.array([ds.name], _TEXT))[0].as_py())
    head.append('  <graph edgedefault="directed">')
    if name:
        head.append(f'    <data key="{graph_key}">{name}</data>')
    tail = "  </graph>\n</graphml>\n"
    return ("\n".join(head) + "\n").encode() + _joined(pieces) + tail.encode()


_GEXF_TYPES = {"string": "string", "boolean": "boolean", "int": "long", "double": "double"}


def _gexf_elements(
    opening: pa.Array,
    attributes: list[_Attribute],
    ids: dict[tuple[str, str, str], int],
    scope: str,
) -> pa.Array:
    """One GEXF node or edge per row: opening line, an <attvalue> per attribute, closing lines."""
    parts = [opening, _constant("        <attvalues>\n", len(opening))]
    for attribute in attributes:
        number = ids.setdefault((scope, attribute.name, _GEXF_TYPES[attribute.xml_type]), len(ids))
        parts.append(
            pc.binary_join_element_wise(
                _s(f'          <attvalue for="{number}" value="'),
                _escape(attribute.values, attribute=True),
                _s('" />\n'),
                _s(""),
            )
        )
    closing = (
        "        </attvalues>\n      </node>\n"
        if scope == "node"
        else "        </attvalues>\n      </edge>\n"
    )
    parts.append(_constant(closing, len(opening)))
    return pc.binary_join_element_wise(*[p.cast(_TEXT) for p in parts], _s(""))


def gexf_bytes(ds: Dataset, *, contacts: bool = True, date: str) -> bytes:
    """The export graph as a GEXF 1.2 document (as networkx writes it), UTF-8, last modified on `date`."""
    ids: dict[tuple[str, str, str], int] = {}
    nodes: list[pa.Array] = []
    for table in NODE_TABLES:
        if table == "contacts" and not contacts:
            continue
        attributes = _node_attributes(ds, table)
        label = next(a for a in attributes if a.name == "label")
        opening = pc.binary_join_element_wise(
            _s('      <node id="'),
            _escape(_text(getattr(ds, table)["id"]), attribute=True),
            _s('" label="'),
            _escape(label.values, attribute=True),
            _s('">\n'),
            _s(""),
        )
        nodes.append(_gexf_elements(opening, [a for a in attributes if a.name != "label"], ids, "node"))
    edges: list[pa.Array] = []
    for group, numbers, opening in _edge_openings(ds, contacts=contacts, indent="      ", id_prefix=""):
        key = _Attribute("networkx_key", "string", _text(np.char.add("e", numbers).astype(object)))
        edges.append(_gexf_elements(opening, [*group.attributes, key], ids, "edge"))
    name = str(_escape(pa.array([ds.name], _TEXT), attribute=True)[0].as_py())
    head = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<gexf xmlns="http://www.gexf.net/1.2draft" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
        'version="1.2">',
        f'  <meta lastmodifieddate="{date}">',
        "    <creator>pbgraph</creator>",
        "  </meta>",
        f'  <graph defaultedgetype="directed" mode="static" name="{name}">',
    ]
    for scope in ("edge", "node"):
        declared = [(n, t, i) for (c, n, t), i in ids.items() if c == scope]
        if declared:
            head.append(f'    <attributes mode="static" class="{scope}">')
            head += [f'      <attribute id="{i}" title="{n}" type="{t}" />' for n, t, i in declared]
            head.append("    </attributes>")
    head.append("    <nodes>")
    middle = "    </nodes>\n    <edges>\n"
    tail = "    </edges>\n  </graph>\n</gexf>\n"
    return (
        ("\n".join(head) + "\n").encode() + _joined(nodes) + middle.encode() + _joined(edges) + tail.encode()
    )


def _edge_openings(
    ds: Dataset, *, contacts: bool, indent: str, id_prefix: str
) -> Iterator[tuple[_Edges, np.ndarray, pa.Array]]:
    """Each group of edges, their numbers in networkx's edge order, and their opening tags."""
    groups = _edges(ds, contacts=contacts)
    order = _edge_order(ds, groups)
    start = 0
    for group in groups:
        numbers = order[start : start + len(group.source)].astype(str)
        start += len(group.source)
        opening = pc.binary_join_element_wise(
            _s(f'{indent}<edge source="'),
            _escape(group.source, attribute=True),
            _s('" target="'),
            _escape(group.target, attribute=True),
            _s('" id="'),
            _text(np.char.add(id_prefix, numbers).astype(object)),
            _s('">\n'),
            _s(""),
        )
        yield group, numbers, opening


def _edge_order(ds: Dataset, groups: list[_Edges]) -> np.ndarray:
    """Each edge's place in networkx's edge order (by source node, then by the first edge to each target).

    export_graph_data numbers the edges e0, e1 … in that order; the same numbers keep the same ids.
    """
    index = index_of(ds)
    source = np.concatenate([index.lookup(g.source) for g in groups]) if groups else np.zeros(0, np.int64)
    target = np.concatenate([index.lookup(g.target) for g in groups]) if groups else np.zeros(0, np.int64)
    pair = source * max(index.size, 1) + target
    # the neighbours of a node are ordered by the first edge to each of them
    _, first_position, inverse = np.unique(pair, return_index=True, return_inverse=True)
    position = np.arange(len(pair))
    sorted_positions = np.lexsort((position, first_position[inverse], source))
    order = np.empty(len(pair), dtype=np.int64)
    order[sorted_positions] = np.arange(len(pair))
    return order
