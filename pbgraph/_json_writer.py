"""The JSON writer of :mod:`pbgraph.format`: result tables as JSON text, byte for byte what
`json.dumps(…, ensure_ascii=False, indent=2)` writes of their records, built a column at a time in Arrow and
written a table at a time as pieces of UTF-8 (a national `analyze all` writes some 700 MB).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import text_buffers
from pbgraph._texts import pick
from pbgraph._texts.tables import CELLS, OVERALL_NAME
from pbgraph._threads import in_order


def json_ready(frame: pd.DataFrame, lang: str = "zh") -> list[dict[str, Any]]:
    """Records with plain JSON values (codes, not labels; rates as fractions or null); the overall row's
    name in the reader's language."""
    records = []
    for record in frame.to_dict("records"):
        clean = {}
        for key, value in record.items():
            if isinstance(value, np.generic):
                value = value.item()
            if isinstance(value, float) and math.isnan(value):
                value = None
            if key == "committee_name" and value == OVERALL_NAME:
                value = pick(CELLS["overall"], lang)
            clean[str(key)] = value
        records.append(clean)
    return records


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def json_document(tables: dict[str, pd.DataFrame], lang: str = "zh") -> str:
    """Named tables as JSON: the records of the one table, else an object of them by name.

    Byte for byte what `json.dumps(…, ensure_ascii=False, indent=2)` of :func:`json_ready` writes (the text
    of :func:`json_chunks`, joined).
    """
    return b"".join(json_chunks(tables, lang)).decode()


Chunk: TypeAlias = "bytes | memoryview"
"""A piece of an output's UTF-8 bytes: written as it is, one after the other (a file takes either)."""


def json_chunks(
    tables: Mapping[str, pd.DataFrame] | Iterator[tuple[str, pd.DataFrame]], lang: str = "zh"
) -> Iterator[Chunk]:
    """:func:`json_document` as pieces of UTF-8 to write one after the other, a table at a time: each
    table's text is built a column at a time in Arrow and stays the Arrow buffer it was built in (a national
    `analyze all` writes some 700 MB: never copied, decoded or encoded again, and only one table's text is
    held at once). A table with a column of Python objects goes through orjson instead.

    `tables` may be an iterator of (name, table) that computes them meanwhile
    (:meth:`pbgraph.analyses.backend.Findings.tables_as_done`), written as they come into the same text as
    their mapping: each table is taken when the text before it is written, the second before the first is
    (one table alone is the array of its records, not an object of one)."""
    pairs = iter(tables.items()) if isinstance(tables, Mapping) else tables
    first, second = next(pairs, None), next(pairs, None)
    if first is None:
        yield b"{}"
        return
    if second is None:
        yield from _json_array(_overall_named(first[1], lang), "")
        return
    # each table not held once written, while the next is computed
    yield from _json_member(b"{\n", first, lang)
    del first
    yield from _json_member(b",\n", second, lang)
    del second
    for pair in pairs:
        yield from _json_member(b",\n", pair, lang)
        del pair
    yield b"\n}"


def _json_member(opening: bytes, pair: tuple[str, pd.DataFrame], lang: str) -> Iterator[Chunk]:
    """One table of a JSON object of tables: its name and its records, after `opening`."""
    name, frame = pair
    yield opening + f"  {json.dumps(str(name), ensure_ascii=False)}: ".encode()
    yield from _json_array(_overall_named(frame, lang), "  ")


def _json_array(frame: pd.DataFrame, indent: str) -> Iterator[Chunk]:
    """One table as a JSON array of records, its lines indented by `indent` (the first excepted), built
    `JSON_ROWS` records at a time (a national table's text is some 300 MB: never whole in memory)."""
    if len(frame) == 0:
        yield b"[]"
        return
    try:
        columns = [(json.dumps(str(c), ensure_ascii=False), _json_column_values(frame[c])) for c in frame]
        if not columns:
            raise TypeError("no columns")
    except (TypeError, pa.ArrowException):
        yield _json_records_text(frame).replace("\n", "\n" + indent).encode()
        return
    yield b"[\n"
    # the blocks' texts built side by side, written in order
    block = partial(_json_block, columns, indent, len(frame))
    for text in in_order(block, range(0, len(frame), JSON_ROWS)):
        yield from text
    yield f"\n{indent}]".encode()


def _json_block(
    columns: list[tuple[str, np.ndarray | pa.Array]], indent: str, rows: int, start: int
) -> list[Chunk]:
    """The text of the `JSON_ROWS` records from `start` on (of a table of `rows`)."""
    stop = min(start + JSON_ROWS, rows)
    # each record joined from its columns' texts and the literals between them (its opening, each key,
    # its closing); a column of text without nulls has its quotes in the literals around it
    pieces: list[pa.Array | pa.Scalar] = []
    opening, quote = f"{indent}  {{\n", ""
    for key, column in columns:
        values, quoted = _json_values(column[start:stop])
        quote = '"' if quoted else ""
        pieces += [_large(f"{opening}{indent}    {key}: {quote}"), values]
        opening = f"{quote},\n"
    pieces.append(_large(f"{quote}\n{indent}  }},\n"))
    text: list[Chunk] = list(text_buffers(pc.binary_join_element_wise(*pieces, _EMPTY)))
    if stop == rows:
        # the last record's closing without its comma
        text[-1] = text[-1][:-2]
    return text


#: records of a table turned into JSON text at a time
JSON_ROWS = 1 << 16


def _json_records_text(frame: pd.DataFrame) -> str:
    import orjson

    try:
        return orjson.dumps(_records(frame, exact_floats=True), option=orjson.OPT_INDENT_2).decode()
    except TypeError:
        # what orjson does not write (an integer beyond 64 bits, text that is not Unicode): the slow way
        return json_text(json_ready(frame))


def _overall_named(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with the overall row's name in the reader's language (as :func:`json_ready` gives it)."""
    if "committee_name" not in frame.columns:
        return frame
    names = frame["committee_name"]
    return frame.assign(committee_name=names.where(names != OVERALL_NAME, pick(CELLS["overall"], lang)))


def _json_column_values(series: pd.Series) -> np.ndarray | pa.Array:
    """A column's values as :func:`_json_values` takes them (text as Arrow strings); TypeError for a column
    it does not write (Python objects, dates...)."""
    kind = series.dtype.kind
    if series.dtype == object or (kind not in "biuf" and not pd.api.types.is_string_dtype(series.dtype)):
        raise TypeError(f"no columnar JSON for {series.dtype}")
    if kind == "b":
        return series.to_numpy(dtype=bool)
    if kind in "iu":
        return series.to_numpy()
    if kind == "f":
        return series.to_numpy(dtype=float)
    return pa.array(series, from_pandas=True, type=pa.large_string())


def _json_values(values: np.ndarray | pa.Array) -> tuple[pa.Array, bool]:
    """Each value of (a slice of) a column as JSON text (as the json module writes it), and whether the
    values are text still to be put between quotes (a text column without nulls: the quotes are written
    around it)."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind == "b":
            return pc.if_else(pa.array(values), _large("true"), _large("false")), False
        if values.dtype.kind == "f":
            return pa.array([_json_float(v) for v in values.tolist()], pa.large_string()), False
        return pa.array(values).cast(pa.large_string()), False
    text = values
    # most columns hold nothing to escape: one pass over their bytes to find out
    if _needs_escapes(text):
        text = pc.replace_substring(text, "\\", "\\\\")
        text = pc.replace_substring(text, '"', '\\"')
        for code in range(32):
            text = pc.replace_substring(text, chr(code), _JSON_ESCAPES.get(code, f"\\u{code:04x}"))
    if not text.null_count:
        return text, True
    quote = _large('"')
    return pc.binary_join_element_wise(quote, text, quote, _EMPTY).fill_null(_large("null")), False


def _needs_escapes(text: pa.Array | pa.ChunkedArray) -> bool:
    """Whether any string holds a byte JSON escapes (a quote, a backslash, a control character)."""
    block = 1 << 24
    for view in text_buffers(text):
        raw = np.frombuffer(view, dtype=np.uint8)
        for start in range(0, len(raw), block):
            # three comparisons run faster over the bytes than one table lookup
            part = raw[start : start + block]
            if (part < 32).any() or (part == ord('"')).any() or (part == ord("\\")).any():
                return True
    return False


_JSON_ESCAPES = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}


def _json_float(value: float) -> str:
    if math.isnan(value):
        return "null"
    return repr(value) if math.isfinite(value) else ("Infinity" if value > 0 else "-Infinity")


def _large(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.large_string())


_EMPTY = _large("")


def _records(frame: pd.DataFrame, *, exact_floats: bool) -> list[dict[str, Any]]:
    keys = [str(c) for c in frame.columns]
    columns = [_json_column(frame[c], exact_floats) for c in frame.columns]
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]


def _json_column(series: pd.Series, exact_floats: bool) -> list[Any]:
    if pd.api.types.is_float_dtype(series.dtype):
        values = series.to_numpy(dtype=float)
        out: list[Any] = values.tolist()
        for position in np.flatnonzero(np.isnan(values)):
            out[position] = None
        if exact_floats:
            # orjson writes 1e-05 as 0.00001 and inf as null: those few as Python writes them
            magnitude = np.abs(values)
            odd = ~np.isnan(values) & (((magnitude < 1e-4) & (values != 0)) | ~(magnitude < 1e16))
            for position in np.flatnonzero(odd):
                out[position] = _float_fragment(out[position])
        return out
    if series.dtype == object or series.hasnans:
        return [_json_value(v, exact_floats) for v in series.tolist()]
    return series.tolist()


def _json_value(value: Any, exact_floats: bool) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if exact_floats:
            return _float_fragment(value)
    return value


def _float_fragment(value: float) -> Any:
    import orjson

    text = repr(value) if math.isfinite(value) else ("Infinity" if value > 0 else "-Infinity")
    return orjson.Fragment(text)
