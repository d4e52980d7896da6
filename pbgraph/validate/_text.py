"""Passes over the bytes and the parts of text columns that let validation skip work on most columns; dates as
written read as ISO dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import in_sorted
from pbgraph.graph import arrow_strings

# The UTF-8 bytes of CONTROL_CHARACTERS: C0 controls but tab, newline and carriage return, DEL; U+FFFE and
# U+FFFF are EF BF BE / EF BF BF.
_CONTROL_BYTES = np.zeros(256, dtype=bool)
_CONTROL_BYTES[[*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]] = True


def text_bytes(values: pd.Series) -> list[np.ndarray] | None:
    """The UTF-8 bytes of an Arrow-backed text column (each chunk's whole data buffer); None when the
    column is not Arrow text."""
    chunked = getattr(values.array, "_pa_array", None)
    if not isinstance(chunked, pa.ChunkedArray) or not (
        pa.types.is_string(chunked.type) or pa.types.is_large_string(chunked.type)
    ):
        return None
    buffers = (chunk.buffers()[2] for chunk in chunked.chunks)
    return [np.frombuffer(data, dtype=np.uint8) for data in buffers if data is not None and data.size]


def may_hold_control(values: pd.Series) -> bool:
    """False when no cell of an Arrow-backed text column can hold a control character: a few passes over
    the column's UTF-8 bytes (the regular expression over every cell is a hundred times slower). True, so
    the cells are searched, when the column is not Arrow text or any byte could belong to one."""
    chunks = text_bytes(values)
    if chunks is None:
        return True
    for raw in chunks:
        # most columns have no byte below the space: the byte table is only consulted for those that do
        if raw.min() < 0x20 and _CONTROL_BYTES[raw].any():
            return True
        if raw.max() < 0x7F:
            continue
        if (raw == 0x7F).any():
            return True
        lead = np.flatnonzero(raw[:-2] == 0xEF)
        if len(lead) and ((raw[lead + 1] == 0xBF) & (raw[lead + 2] >= 0xBE)).any():
            return True
    return False


# the white space beyond ASCII's that arrow's `utf8_trim_whitespace` (pandas' `str.strip`) trims, as the
# numbers their UTF-8 bytes make read in order: two bytes (U+0085, U+00A0) and three (U+1680, U+2000-U+200A,
# U+2028, U+2029, U+202F, U+205F, U+3000)
_WIDE_SPACES = [
    int.from_bytes(chr(c).encode(), "big")
    for c in (0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
]


def may_need_strip(values: pd.Series) -> bool:
    """False when no cell of an Arrow-backed text column starts or ends with white space (names in Chinese,
    ids, codes, dates: most columns), from a few passes over its bytes: only a byte up to the space or the
    first byte of a wider space is looked at closer, whether its character starts or ends a cell. True when
    the column is not Arrow text, or when some cell might need stripping."""
    chunks = _plain_chunks(values)
    if chunks is None:
        return True
    for chunk in chunks:
        data = chunk.buffers()[2] if len(chunk) else None
        if data is None:
            continue
        offsets = _offsets(chunk)
        raw = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
        if not raw.size or (raw.min() > 0x20 and raw.max() < 0xC2):
            continue
        at = np.flatnonzero((raw <= 0x20) | (raw == 0xC2) | ((raw >= 0xE1) & (raw <= 0xE3)))
        lead = raw[at]
        # each such character's width and whether it is white space (a byte up to the space may be)
        width = np.where(lead <= 0x20, 1, np.where(lead == 0xC2, 2, 3))
        code = lead.astype(np.int64)
        for k in (1, 2):
            more = width > k
            code[more] = code[more] << 8 | raw[np.minimum(at[more] + k, len(raw) - 1)]
        space = (lead <= 0x20) | np.isin(code, _WIDE_SPACES)
        at, width = at[space] + offsets[0], width[space]
        # a cell starts at the character, or ends right after it
        if at.size and (in_sorted(at, offsets) | in_sorted(at + width, offsets)).any():
            return True
    return False


def has_role(roles: pd.Series, these: Iterable[str]) -> np.ndarray:
    """Per cell of a `roles` column: whether one of the roles it lists (split at any separator, stripped)
    is one of `these`."""
    lists = pc.split_pattern_regex(arrow_strings(roles), r"[;；、,，]")
    parts = pc.list_flatten(lists)
    owner = np.asarray(pc.list_parent_indices(lists), dtype=np.int64)
    value_set = pa.array(sorted(these), type=pa.string())
    trimmed = pc.utf8_trim_whitespace(parts)
    hit = np.asarray(pc.is_in(trimmed, value_set=value_set).fill_null(False), dtype=bool)
    # a part that holds a role but is not one once arrow trimmed it: what Python's strip says decides
    holds = np.zeros(len(parts), dtype=bool)
    for role in value_set.to_pylist():
        holds |= np.asarray(pc.match_substring(parts, role).fill_null(False), dtype=bool)
    unsure = np.flatnonzero(holds & ~hit)
    if unsure.size:
        wanted = set(value_set.to_pylist())
        texts = parts.take(pa.array(unsure)).to_pylist()
        hit[unsure] = [text.strip() in wanted for text in texts]
    found = np.zeros(len(roles), dtype=bool)
    found[owner[hit]] = True
    return found


def _plain_chunks(values: pd.Series) -> list[pa.Array] | None:
    """The chunks of an Arrow-backed text column without nulls; None for any other column."""
    chunked = getattr(values.array, "_pa_array", None)
    if (
        not isinstance(chunked, pa.ChunkedArray)
        or chunked.null_count
        or not (pa.types.is_string(chunked.type) or pa.types.is_large_string(chunked.type))
    ):
        return None
    return list(chunked.chunks)


def _offsets(chunk: pa.Array) -> np.ndarray:
    """Where each cell of a text chunk starts in its data buffer, and where the last ends."""
    kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    return np.frombuffer(chunk.buffers()[1], dtype=kind)[chunk.offset : chunk.offset + len(chunk) + 1]


def empty_cells(values: pd.Series) -> np.ndarray:
    """Per cell of a text column: whether it is "" (as `values == ""` says), read from the cells' lengths."""
    chunks = _plain_chunks(values)
    if chunks is None:
        return (values == "").to_numpy(dtype=bool)
    parts = [np.diff(_offsets(chunk)) == 0 for chunk in chunks if len(chunk)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?(?:[ T].*)?$")


def iso_date(value: str) -> str | None:
    """`2024-3-1`, `2024/03/01`, `2024年3月1日`, `2024-03` … as ISO; "" stays ""; None if not a date."""
    if value == "":
        return ""
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def missing_day(value: str) -> tuple[int, int, int] | None:
    """For a date written in a known form whose day its month does not have (`2024-02-30`, `2023年2月29日`):
    the year, the month and how many days that month has; None for anything else.

    Examples
    --------
    >>> missing_day("2024-02-30")
    (2024, 2, 29)
    >>> missing_day("2024-13-01") is None, missing_day("2024-02-29") is None
    (True, True)
    """
    match = _DATE.match(value.strip())
    if not match or not match[3] or not 1 <= int(match[2]) <= 12:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if year < dt.MINYEAR:
        return None
    days = calendar.monthrange(year, month)[1]
    return None if 1 <= day <= days else (year, month, days)


def missing_days(values: list[str], at: np.ndarray) -> dict[str, np.ndarray]:
    """For the cells `values[at]`: the year, month and number of days :func:`missing_day` gives, as arrays
    (0 where it gives None), the parameters of a message per row."""
    found = np.array([missing_day(value) or (0, 0, 0) for value in values], dtype=np.int64).reshape(-1, 3)
    return {name: found[at.astype(np.int64), i] for i, name in enumerate(("year", "month", "days"))}


def is_in(values: pa.ChunkedArray, these: list[str]) -> np.ndarray:
    """Per value: whether it is one of `these`."""
    found = pc.is_in(values, value_set=pa.array(these, type=values.type))
    return np.asarray(found.fill_null(False).to_numpy(), dtype=bool)
