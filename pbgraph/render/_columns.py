"""Many nodes or edges of a view held as columns: a :class:`Table` reads as a sequence of
:class:`~pbgraph.render._model.ViewNode` (or :class:`~pbgraph.render._model.ViewEdge`) objects, each made only
when it is read, while the page's payload and the view's checks read whole columns at once.

A view of a province holds 40,000 nodes with a tooltip and filter attributes each: built and written column
by column (no object and no dictionary per node), it takes a fraction of the time. The tooltips and filter
attributes are :class:`Records`: per row the keys it has (its schema) and their values, all rows' values in
one flat array.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from itertools import chain
from operator import attrgetter, methodcaller
from typing import Any, Generic, overload

import numpy as np

from pbgraph._errors import InvalidOptionError
from pbgraph.render._model import ViewNode, _Item, instances

__all__ = ["Column", "Records", "Table", "as_table"]

#: a column of records: the key, the value of each row (any value where the row lacks the key), and which
#: rows have the key (None: every row)
Column = tuple[str, "Sequence[Any] | np.ndarray", "np.ndarray | None"]

_VALUES = methodcaller("values")
#: the fields of dictionaries, held as :class:`Records`
_RECORDS: dict[type, tuple[str, ...]] = {ViewNode: ("tooltip", "attrs")}


class Records(Sequence[dict[str, Any]]):
    """Dictionaries (a tooltip, filter attributes per node) as columns: row `i` has the keys
    ``schemas[schema[i]]``, in that order, and their values in ``values[ends[i] - len(keys) : ends[i]]``."""

    def __init__(
        self,
        schemas: list[tuple[str, ...]],
        schema: np.ndarray,
        values: np.ndarray,
        dicts: list[dict[str, Any]] | None = None,
    ) -> None:
        self.schemas, self.schema, self.values = schemas, schema.astype(np.int64, copy=False), values
        widths = np.fromiter(map(len, schemas), dtype=np.int64, count=len(schemas))
        self.lengths = widths[self.schema] if len(self.schema) else np.zeros(0, dtype=np.int64)
        self.ends = np.cumsum(self.lengths)
        # the dictionaries the records were made from, given back as they were
        self._dicts = dicts

    @classmethod
    def from_dicts(cls, dicts: Sequence[dict[str, Any]]) -> Records:
        dicts = list(dicts)
        key_tuples = list(map(tuple, dicts))
        number = {keys: k for k, keys in enumerate(dict.fromkeys(key_tuples))}
        schema = np.fromiter(map(number.__getitem__, key_tuples), dtype=np.int64, count=len(dicts))
        values = _objects(chain.from_iterable(map(_VALUES, dicts)), sum(map(len, key_tuples)))
        return cls(list(number), schema, values, dicts)

    @classmethod
    def from_columns(cls, size: int, columns: Sequence[Column]) -> Records:
        """Rows made of columns ``(key, values, present)``: row `i` has `key` where ``present[i]`` (every row
        where `present` is None), the keys in the order of the columns, as if each row's dictionary were
        filled column by column."""
        keys = [key for key, _, _ in columns]
        present = np.ones((size, len(columns)), dtype=bool)
        for k, (_, _, mask) in enumerate(columns):
            if mask is not None:
                present[:, k] = mask
        if len(set(keys)) < len(keys) or len(keys) > 62:
            # a key given twice keeps its first place and takes its last value: as dictionaries do
            rows: list[dict[str, Any]] = [{} for _ in range(size)]
            for k, (key, given, _) in enumerate(columns):
                for at, value in zip(
                    np.flatnonzero(present[:, k]).tolist(), _at(given, present[:, k]), strict=True
                ):
                    rows[at][key] = value
            return cls.from_dicts(rows)
        bits = present.astype(np.int64) @ (np.int64(1) << np.arange(len(keys), dtype=np.int64))
        distinct, schema = np.unique(bits, return_inverse=True)
        schemas = [
            tuple(key for k, key in enumerate(keys) if int(code) >> k & 1) for code in distinct.tolist()
        ]
        # each value's place: the row's start plus the number of the row's keys before it
        place = np.cumsum(present, axis=1) - 1
        lengths = present.sum(axis=1)
        starts = np.cumsum(lengths) - lengths
        values = np.empty(int(lengths.sum()), dtype=object)
        for k, (_, column, _) in enumerate(columns):
            has = present[:, k]
            values[starts[has] + place[has, k]] = _pick(column, has)
        return cls(schemas, schema.reshape(-1), values)

    @staticmethod
    def concat(parts: Sequence[Records]) -> Records:
        number: dict[tuple[str, ...], int] = {}
        schema = []
        for part in parts:
            renumber = np.array(
                [number.setdefault(keys, len(number)) for keys in part.schemas], dtype=np.int64
            )
            schema.append(renumber[part.schema] if len(part.schema) else np.zeros(0, dtype=np.int64))
        dicts = None
        if all(part._dicts is not None for part in parts):
            dicts = [row for part in parts for row in part._dicts or ()]
        values = np.concatenate([part.values for part in parts]) if parts else np.empty(0, dtype=object)
        return Records(
            list(number), np.concatenate(schema) if schema else np.zeros(0, np.int64), values, dicts
        )

    def take(self, rows: np.ndarray) -> Records:
        """The records at these rows."""
        starts = self.ends - self.lengths
        lengths = self.lengths[rows]
        at = np.repeat(starts[rows] - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        dicts = None if self._dicts is None else [self._dicts[r] for r in rows.tolist()]
        return Records(self.schemas, self.schema[rows], self.values[at], dicts)

    def key_order(self) -> list[str]:
        """The keys in the order a walk through the rows, each row's keys in order, first meets them."""
        distinct, first = np.unique(self.schema, return_index=True)
        return list(dict.fromkeys(chain.from_iterable(self.schemas[s] for s in distinct[np.argsort(first)])))

    def __len__(self) -> int:
        return len(self.schema)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return list(self)[i]
        if self._dicts is not None:
            return self._dicts[i]
        i = range(len(self))[i]
        keys = self.schemas[int(self.schema[i])]
        end = int(self.ends[i])
        return dict(zip(keys, self.values[end - len(keys) : end].tolist(), strict=True))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._dicts is not None:
            return iter(self._dicts)
        values = self.values.tolist()
        keys = [self.schemas[s] for s in self.schema.tolist()]
        ends = self.ends.tolist()
        return (dict(zip(k, values[e - len(k) : e], strict=True)) for k, e in zip(keys, ends, strict=True))


class Table(Sequence[_Item], Generic[_Item]):
    """Items of one dataclass (ViewNode or ViewEdge) as columns, one per field, each of the same length: a
    list of values, or :class:`Records` for a field of dictionaries. Read as a sequence, it makes the items
    once, the first time they are read in full."""

    def __init__(self, cls: type[_Item], columns: dict[str, Any]) -> None:
        names = [f.name for f in fields(cls)]
        if list(columns) != names:
            raise InvalidOptionError(f"a table of {cls.__name__} needs the columns {names}, in order")
        lengths = {len(column) for column in columns.values()}
        if len(lengths) > 1:
            raise InvalidOptionError(
                f"the columns of a table of {cls.__name__} differ in length: {sorted(lengths)}"
            )
        self.cls: type[_Item] = cls
        self.columns = columns
        self._size = lengths.pop() if lengths else 0
        self._items: list[_Item] | None = None

    @classmethod
    def from_items(cls, item_cls: type[_Item], items: Sequence[_Item]) -> Table[_Item]:
        if isinstance(items, Table):
            return items
        columns: dict[str, Any] = {}
        for f in fields(item_cls):
            column = list(map(attrgetter(f.name), items))
            columns[f.name] = Records.from_dicts(column) if f.name in _RECORDS.get(item_cls, ()) else column
        table = cls(item_cls, columns)
        table._items = list(items)
        return table

    @staticmethod
    def concat(item_cls: type[_Item], parts: Sequence[Sequence[_Item]]) -> Table[_Item]:
        tables = [Table.from_items(item_cls, part) for part in parts]
        columns: dict[str, Any] = {}
        for f in fields(item_cls):
            pieces = [table.columns[f.name] for table in tables]
            columns[f.name] = (
                Records.concat(pieces)
                if isinstance(pieces[0], Records)
                else list(chain.from_iterable(pieces))
            )
        return Table(item_cls, columns)

    def column(self, name: str) -> Any:
        """One field of every item (a list, or :class:`Records`)."""
        return self.columns[name]

    def take(self, rows: np.ndarray) -> Table[_Item]:
        """The items at these rows, in this order."""
        picked = rows.tolist()
        columns = {
            name: column.take(rows) if isinstance(column, Records) else [column[r] for r in picked]
            for name, column in self.columns.items()
        }
        return Table(self.cls, columns)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, i: int) -> _Item: ...
    @overload
    def __getitem__(self, i: slice) -> list[_Item]: ...
    def __getitem__(self, i: int | slice) -> _Item | list[_Item]:
        if isinstance(i, slice) or self._items is not None:
            return self.items()[i]
        i = range(self._size)[i]
        return instances(self.cls, [tuple(column[i] for column in self.columns.values())])[0]

    def __iter__(self) -> Iterator[_Item]:
        return iter(self.items())

    def items(self) -> list[_Item]:
        """The items as objects, made once."""
        if self._items is None:
            self._items = instances(self.cls, zip(*self.columns.values(), strict=True))
        return self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return self.items() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Table({self.cls.__name__}, {self._size} rows)"


def as_table(item_cls: type[_Item], items: Sequence[_Item]) -> Table[_Item]:
    """`items` as a table: itself if it is one, else its fields read item by item."""
    return Table.from_items(item_cls, items)


def _at(values: Sequence[Any] | np.ndarray, mask: np.ndarray) -> list[Any]:
    """The values where `mask` holds."""
    if isinstance(values, np.ndarray):
        return values[mask].tolist()
    if mask.all():
        return list(values)
    return [values[i] for i in np.flatnonzero(mask).tolist()]


def _pick(values: Sequence[Any] | np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The values where `mask` holds, as an object array."""
    if not isinstance(values, np.ndarray):
        values = _objects(values, len(values))
    return values[mask] if not mask.all() else values


def _objects(values: Any, count: int) -> np.ndarray:
    """The values in a one-dimensional object array (a tuple stays one item)."""
    return np.fromiter(values, dtype=object, count=count)
