"""References by id or by name: one index per kind of entity (members, sectors, townships, organizations,
contacts), and the rule that assigns ids where the files give none.

Ids where the files give none (DESIGN 3.1) are a prefix and a counter (`M001`, `M002` …) handed out in the
order of a canonical sort of the records' *content* (界别, 镇街, 政治面貌, 姓名, then every other column), not
of their position: the same roster gives the same ids however its rows are ordered, whatever title rows or
columns surround them, and an id says nothing about the person (it is neither the name nor the row).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pbgraph.office._text import name_key

_QUALIFIED = re.compile(r"^(.+?)\((.+)\)$")


def qualified_base(text: str) -> str | None:
    """The name of a reference written as 姓名（界别） (its key, see `name_key`), None for any other text.

    Examples
    --------
    >>> qualified_base("王伟（经济界）"), qualified_base("王伟")
    ('王伟', None)
    """
    match = _QUALIFIED.match(name_key(text))
    return match[1].strip() if match else None


def assign_ids(keys: Sequence[tuple[str, ...]], prefix: str, *, taken: set[str] | None = None) -> list[str]:
    """Ids `prefix` + counter for records in the order of their content `keys` (ties: first come first).

    Examples
    --------
    >>> assign_ids([("经济界", "王芳"), ("教育界", "丁一"), ("经济界", "孙立")], "M")
    ['M003', 'M001', 'M002']
    """
    width = max(3, len(str(len(keys))))
    order = sorted(range(len(keys)), key=lambda i: (keys[i], i))
    ids = [""] * len(keys)
    counter = 0
    for position in order:
        counter += 1
        while taken and f"{prefix}{counter:0{width}d}" in taken:
            counter += 1
        ids[position] = f"{prefix}{counter:0{width}d}"
    return ids


def _number(text: str) -> str | None:
    # `007` and `7` are the same 编号 when Excel dropped the zeros of a number
    return text.lstrip("0") or "0" if text.isdigit() else None


@dataclass
class Found:
    """What a reference resolved to: an id (or None), how, and the candidates when ambiguous."""

    id: str | None
    how: str
    """"id", "name", "qualified", "context", "unknown" or "ambiguous"."""
    candidates: list[int] = field(default_factory=list)


@dataclass
class NameIndex:
    """Entities of one kind, findable by id, by name, and by `name(qualifier)`.

    `qualifiers[i]` are the words that tell entity i apart from a namesake (its 界别, 镇街, 编号 …).
    """

    ids: list[str]
    names: list[str]
    rows: list[int]
    qualifiers: list[tuple[str, ...]]
    by_id: dict[str, int] = field(init=False)
    by_number: dict[str, int] = field(init=False)
    by_name: dict[str, list[int]] = field(init=False)
    by_near: dict[str, set[str]] | None = field(init=False, default=None, repr=False)
    """Each name with one character blanked, in every place (built at the first name found nowhere)."""

    def __post_init__(self) -> None:
        self.by_id = {i: p for p, i in reversed(list(enumerate(self.ids))) if i}
        self.by_number = {}
        for p, i in enumerate(self.ids):
            number = _number(i)
            if number is not None:
                self.by_number.setdefault(number, p)
        self.by_name = {}
        for p, n in enumerate(self.names):
            self.by_name.setdefault(name_key(n), []).append(p)

    def find(self, text: str, *, context: str = "") -> Found:
        """Resolve one reference; `context` (e.g. the 界别 on the same row) may tell namesakes apart."""
        if text in self.by_id:
            return Found(text, "id")
        key = name_key(text)
        hits = self.by_name.get(key, [])
        if len(hits) == 1:
            return Found(self.ids[hits[0]], "name")
        if not hits:
            number = _number(key)
            if number is not None and number in self.by_number:
                return Found(self.ids[self.by_number[number]], "id")
            match = _QUALIFIED.match(key)
            if match:
                named = self.by_name.get(match[1].strip(), [])
                picked = self._qualified(named, name_key(match[2]))
                if len(picked) == 1:
                    return Found(self.ids[picked[0]], "qualified")
                if len(picked) > 1 or (named and not picked):
                    return Found(None, "ambiguous", picked or named)
            return Found(None, "unknown")
        if context:
            picked = self._qualified(hits, name_key(context))
            if len(picked) == 1:
                return Found(self.ids[picked[0]], "context")
        return Found(None, "ambiguous", hits)

    def telling(self, position: int) -> str:
        """The first of entity `position`'s qualifiers that `name(qualifier)` resolves to it alone, among all
        its namesakes; its id when none does (two namesakes alike in everything else).

        Examples
        --------
        >>> both = [("M1", "经济界", "西河镇"), ("M2", "经济界", "东关街道")]
        >>> index = NameIndex(["M1", "M2"], ["张伟", "张伟"], [2, 3], both)
        >>> index.telling(0), index.telling(1)
        ('西河镇', '东关街道')
        >>> alike = NameIndex(["M1", "M2"], ["张伟", "张伟"], [2, 3], [("M1", "经济界"), ("M2", "经济界")])
        >>> alike.telling(1)
        'M2'
        """
        name = name_key(self.names[position])
        for qualifier in self.qualifiers[position]:
            if qualifier != self.ids[position] and self.find(f"{name}({qualifier})").id == self.ids[position]:
                return qualifier
        return self.ids[position]

    def near(self, text: str) -> str | None:
        """The one name that `text` (a name found nowhere) would be with one character changed, as a typo
        (钱文惠 for 钱文慧) or a homophone makes it; None when no name or several are so near.

        Examples
        --------
        >>> index = NameIndex(["M1", "M2", "M3"], ["钱文慧", "王  伟", "王炜"], [2, 3, 4], [(), (), ()])
        >>> index.near("钱文惠"), index.near("王玮"), index.near("赵六")
        ('钱文慧', None, None)
        """
        key = name_key(text)
        if len(key) < 2:
            return None
        if self.by_near is None:
            self.by_near = {}
            for name in self.by_name:
                for i in range(len(name)):
                    self.by_near.setdefault(f"{name[:i]}\0{name[i + 1 :]}", set()).add(name)
        found: set[str] = set()
        for i in range(len(key)):
            found |= self.by_near.get(f"{key[:i]}\0{key[i + 1 :]}", set())
        found.discard(key)
        return found.pop() if len(found) == 1 else None

    def spelling(self, position: int) -> str:
        """How to write entity `position` so that it names it alone among its namesakes: `name（qualifier）`,
        the qualifier as :meth:`telling` gives it.

        Examples
        --------
        >>> both = [("M1", "经济界", "西河镇"), ("M2", "经济界", "东关街道")]
        >>> NameIndex(["M1", "M2"], ["张  伟", "张伟"], [2, 3], both).spelling(0)
        '张伟（西河镇）'
        """
        return f"{name_key(self.names[position])}（{self.telling(position)}）"

    def fitting(self, text: str, positions: list[int]) -> list[int]:
        """Of `positions` (namesakes `find(text)` could not tell apart), those that the qualifier of `text`
        fits when it is written `name(qualifier)`; all of them otherwise.

        Examples
        --------
        >>> index = NameIndex(["C1"], ["李四"], [2], [("C1", "西河镇")])
        >>> index.find("李四(教育界)").how, index.fitting("李四(教育界)", [0]), index.fitting("李四", [0])
        ('ambiguous', [], [0])
        """
        key = name_key(text)
        match = _QUALIFIED.match(key)
        if key in self.by_name or not match:
            return positions
        return self._qualified(positions, name_key(match[2]))

    def _qualified(self, positions: list[int], qualifier: str) -> list[int]:
        exact = [p for p in positions if qualifier in self.qualifiers[p]]
        if exact:
            return exact
        return [p for p in positions if any(qualifier and qualifier in q for q in self.qualifiers[p])]
