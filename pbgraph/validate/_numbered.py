"""Ids numbered in order (`M000001`, `M000002` …): looked up by reading their number, without hashing.

Most datasets number each table's ids this way. When every node table does, and no id can belong to two
tables, the registry position of an id is its table's first position plus its number less the first number:
the millions of references of a national dataset are resolved by arithmetic over their bytes rather than by
probing a hash table of millions of ids. The answers are those of the hash lookup, exactly: a reference is
found only when its bytes are one table's prefix and digits of that table's width, and every such id of
the table's range is in the table.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.lib.stride_tricks import sliding_window_view

# more digits than this may not fit an int64
MAX_DIGITS = 18
_ZERO, _NINE = ord("0"), ord("9")


@dataclass(frozen=True)
class NumberedTable:
    """A node table whose ids are `prefix` and digits, `width` bytes in all, numbered from `first` on."""

    prefix: bytes
    width: int
    first: int
    count: int
    start: int


def numbered_tables(tables: list[list[pa.Array]]) -> list[NumberedTable] | None:
    """How each node table (given as the chunks of its id column, in registry order) numbers its ids, when
    every table numbers them consecutively in order and no id could be read as one of two tables; else None.

    Examples
    --------
    >>> ids = [[pa.array(["M01", "M02"], pa.large_string())], [pa.array(["S7"], pa.large_string())]]
    >>> [(t.prefix, t.width, t.first, t.count, t.start) for t in numbered_tables(ids)]
    [(b'M', 3, 1, 2, 0), (b'S', 2, 7, 1, 2)]
    >>> numbered_tables([[pa.array(["M01", "M03"], pa.large_string())]]) is None
    True
    """
    found: list[NumberedTable] = []
    start = 0
    for chunks in tables:
        count = sum(len(chunk) for chunk in chunks)
        if count == 0:
            continue
        if any(chunk.null_count or chunk.type != pa.large_string() for chunk in chunks):
            return None
        # the first id says the prefix, the width and the first number; every id must then be the next
        offsets, data = _offsets_and_data(next(chunk for chunk in chunks if len(chunk)))
        cell = data[offsets[0] : offsets[1]]
        width = len(cell)
        digits_at = width - _trailing_digits(cell)
        if digits_at == width or width - digits_at > MAX_DIGITS:
            return None
        table = NumberedTable(cell[:digits_at].tobytes(), width, int(cell[digits_at:].tobytes()), count, 0)
        # (read as that table's, each id's position is its own place in the column: it is the next number)
        at = 0
        for chunk in chunks:
            if not np.array_equal(numbered_positions([table], chunk), np.arange(at, at + len(chunk))):
                return None
            at += len(chunk)
        found.append(dataclasses.replace(table, start=start))
        start += count
    # an id is read as one table's only when no two tables of one width have prefixes one of the other
    for i, one in enumerate(found):
        for other in found[i + 1 :]:
            if one.width == other.width and (
                one.prefix.startswith(other.prefix) or other.prefix.startswith(one.prefix)
            ):
                return None
    return found


# ids read a block at a time: temporaries of a few megabytes are reused, where those of a whole national
# column would each be fresh memory (the system's time to hand it over outweighs the arithmetic)
BLOCK = 1 << 18


def numbered_positions(
    tables: list[NumberedTable], chunk: pa.Array, out: np.ndarray | None = None
) -> np.ndarray:
    """Registry position of each id of a text chunk (-1 where it is none of the tables' ids); written into
    `out` when given (as long as the chunk)."""
    found = np.full(len(chunk), -1, dtype=np.int64) if out is None else out
    if out is not None:
        found.fill(-1)
    for start in range(0, len(chunk), BLOCK):
        _block_positions(tables, chunk.slice(start, BLOCK), found[start : start + BLOCK])
    return found


def _block_positions(tables: list[NumberedTable], chunk: pa.Array, found: np.ndarray) -> None:
    """Write into `found` (all -1) the registry position of each id of `chunk` that is one."""
    offsets, data = _offsets_and_data(chunk)
    lengths = np.diff(offsets)
    shortest, longest = int(lengths.min()), int(lengths.max())
    for width in sorted({table.width for table in tables}):
        if not shortest <= width <= longest or len(data) < width:
            continue
        # the rows of this width; None for every row, when all have it (as most columns): read in place
        rows: np.ndarray | None = None
        if shortest != longest:
            rows = np.flatnonzero(lengths == width)
            if not rows.size:
                continue
        starts = offsets[:-1] if rows is None else offsets[rows]
        mine = [table for table in tables if table.width == width]
        if width > _WORD:
            _long_ids(found, rows, sliding_window_view(data, width)[starts], mine)
            continue
        # each id of this width as one number (its bytes, big-endian), its digits read once for every table
        cells = _words_at(data, starts, width if rows is None else None)
        if width < _WORD:
            cells >>= np.uint64(8 * (_WORD - width))
        for digits in sorted({width - len(table.prefix) for table in mine}):
            number, ok = _read_digits(cells, digits)
            for table in mine:
                if width - len(table.prefix) != digits:
                    continue
                hit = ok.copy()
                if table.prefix:
                    prefix = np.uint64(int.from_bytes(table.prefix, "big"))
                    hit &= (cells >> np.uint64(8 * digits)) == prefix
                # the number less the first, unsigned: below `count` only from the first on
                at = number - np.uint64(table.first)
                hit &= at < np.uint64(table.count)
                position = at.view(np.int64) + table.start
                if rows is None:
                    np.copyto(found, position, where=hit)
                else:
                    found[rows[hit]] = position[hit]


def _long_ids(
    found: np.ndarray, rows: np.ndarray | None, matrix: np.ndarray, tables: list[NumberedTable]
) -> None:
    """Write into `found` the positions of ids wider than a word (the `rows`, or every row when None),
    given their bytes as the rows of `matrix`."""
    for table in tables:
        at = len(table.prefix)
        ok = (matrix[:, :at] == np.frombuffer(table.prefix, dtype=np.uint8)).all(axis=1)
        digits = matrix[:, at:]
        ok &= ((digits >= _ZERO) & (digits <= _NINE)).all(axis=1)
        number = _numbers(digits) - table.first
        ok &= (number >= 0) & (number < table.count)
        if rows is None:
            np.copyto(found, table.start + number, where=ok)
        else:
            found[rows[ok]] = table.start + number[ok]


_WORD = 8
_HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0
_LOW_NIBBLES = 0x0F0F0F0F0F0F0F0F
_THREES = 0x3030303030303030
_SIXES = 0x0606060606060606


def _words_at(data: np.ndarray, starts: np.ndarray, stride: int | None = None) -> np.ndarray:
    """The 8 bytes of `data` from each start on, as big-endian integers (zero bytes past its end): read in
    place, only the last few starts from a padded copy of the end. `stride` says the starts are that far
    apart (one strided view of the data, no gather)."""
    words = np.empty(len(starts), dtype=np.uint64)
    # the starts ascend: those with 8 bytes after them come first
    inside = int(np.searchsorted(starts, len(data) - _WORD, side="right")) if len(data) >= _WORD else 0
    if inside:
        if stride is not None:
            view = np.ndarray(
                shape=(inside,), dtype=">u8", buffer=data, offset=int(starts[0]), strides=(stride,)
            )
            words[:inside] = view
        else:
            view = np.ndarray(shape=(len(data) - _WORD + 1,), dtype=">u8", buffer=data, strides=(1,))
            words[:inside] = view[starts[:inside]]
    if inside < len(starts):
        begin = max(len(data) - _WORD, 0)
        tail = np.concatenate([data[begin:], np.zeros(_WORD, dtype=np.uint8)])
        view = np.ndarray(shape=(len(tail) - _WORD + 1,), dtype=">u8", buffer=tail, strides=(1,))
        words[inside:] = view[starts[inside:] - begin]
    return words


def _read_digits(cells: np.ndarray, digits: int) -> tuple[np.ndarray, np.ndarray]:
    """For ids each given as one number of its bytes (big-endian): the number their last `digits` bytes
    write (read eight at once), and whether those bytes are all digits."""
    mask = (1 << (8 * digits)) - 1
    high = np.uint64(_HIGH_NIBBLES & mask)
    threes = np.uint64(_THREES & mask)
    # each digit byte is 0x30 to 0x39: high nibble 3, and still 3 after adding 6 (a byte that is not 0x3?
    # fails the first test, whatever it carries into the next byte up)
    ok = (cells & high) == threes
    value = cells + np.uint64(_SIXES & mask)
    value &= high
    ok &= value == threes
    # the digits to a number, two lanes at a time: bytes to pairs, pairs to fours, fours to eight
    number = cells & np.uint64(_LOW_NIBBLES & mask)
    for shift, scale, lanes, width in (
        (8, 10, 0x00FF00FF00FF00FF, 1),
        (16, 100, 0x0000FFFF0000FFFF, 2),
        (32, 10000, 0x00000000FFFFFFFF, 4),
    ):
        if digits <= width:
            break
        value = number >> np.uint64(shift)
        value *= np.uint64(scale)
        number += value
        number &= np.uint64(lanes)
    return number, ok


def _offsets_and_data(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A large-string chunk's offsets (into its data) and data bytes."""
    buffers = chunk.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    return offsets, data


def _trailing_digits(cell: np.ndarray) -> int:
    count = 0
    for byte in cell[::-1]:
        if not _ZERO <= byte <= _NINE:
            break
        count += 1
    return count


def _numbers(digits: np.ndarray) -> np.ndarray:
    """The number each row of digit bytes writes."""
    number = np.zeros(len(digits), dtype=np.int64)
    for column in range(digits.shape[1]):
        number = number * 10 + (digits[:, column].astype(np.int64) - _ZERO)
    return number
