"""Recognize a sheet by its header row (DESIGN 3.1): which table it is, where the header is, what each column
means, and which rows are records (not titles, totals, notes or blanks)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pbgraph.model import TABLES
from pbgraph.office._grid import Grid
from pbgraph.office._text import flat, header_key

HEADER_SEARCH_ROWS = 10
"""The header row is looked for among the first rows of a sheet (title and subtitle rows above it)."""

IGNORED = "ignore"
PRIVATE = "private"

LIST_FIELDS = frozenset({"targets", "members", "member", "roles", "source_roles", "special_committee"})
"""The fields whose cell may hold several names (DESIGN 3.1): a line break in them separates two names; in
any other cell it is a space, like the rest of the whitespace."""

# one alias table per sheet kind: header as written (normalized by `header_key`) -> field
_ROSTER: dict[str, tuple[str, ...]] = {
    "id": ("编号", "委员编号", "id", "ID", "工号"),
    "name": ("姓名", "委员姓名", "name", "名字"),
    "party": ("政治面貌", "党派", "party", "党派面貌"),
    "committee": ("政协", "所属政协", "committee"),
    "sector": ("界别", "所在界别", "所属界别", "sector"),
    "township": (
        "所在镇(街)",
        "镇街",
        "镇(街)",
        "所在镇街",
        "所属镇街",
        "所属镇(街)",
        "镇(街道)",
        "所在镇(街道)",
        "township",
        "乡镇(街道)",
        "所在乡镇(街道)",
        "联络组",
    ),
    "roles": ("职务", "政协职务", "roles"),
    "party_group": ("党组成员", "是否党组成员", "party_group"),
    "enterprise": ("委员企业", "enterprise"),
    "special_committee": ("专委会", "专门委员会", "所在专委会"),
    "sector_group": ("界别联组", "界别活动组", "所在联组", "联组"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth": ("出生年月", "出生日期", "出生年月日"),
    "unit": ("工作单位及职务", "单位及职务", "工作单位", "单位", "工作单位及职务职称"),
    IGNORED: ("序号", "备注", "届次", "学历", "籍贯", "职称", "照片"),
}

_TOWNSHIP_HEADERS = _ROSTER["township"]

_LIST_SOURCE = ("党员委员", "党员委员姓名", "中共党员委员", "姓名", "委员", "委员姓名", "联系人", "source")
_LIST_COMMON: dict[str, tuple[str, ...]] = {
    "since": ("开始日期", "联系时间", "建立时间", "日期", "since"),
    "note": ("备注", "note"),
    IGNORED: ("序号", "联系方式说明"),
}
_MEMBER_LIST = {
    "source": _LIST_SOURCE,
    "targets": (
        "联系党外委员",
        "联系的党外委员",
        "联系党外委员姓名",
        "联系对象",
        "党外委员",
        "联系委员",
        "联系党外人士",
    ),
    "source_sector": ("界别", "所在界别"),
    "source_party": ("政治面貌",),
    **_LIST_COMMON,
}
_SECTOR_LIST = {
    "source": ("党组成员", "党组成员姓名", "党组领导", "领导", "姓名", "source"),
    "targets": (
        "联系界别",
        "联系界别(联组)",
        "联系界别联组",
        "联系联组",
        "联系界别(界别联组)",
        "界别(联组)",
        "联系界别/联组",
        "联系界别及联组",
    ),
    "source_roles": ("职务", "党组职务"),
    **_LIST_COMMON,
}
_TOWNSHIP_LIST = {
    "source": _LIST_SOURCE,
    "targets": (
        "联系镇街",
        "联系镇(街)",
        "联系镇(街道)",
        "联系乡镇(街道)",
        "联系镇",
        "联系街道",
        "联系镇街道",
    ),
    "source_sector": ("界别", "所在界别"),
    **_LIST_COMMON,
}
_CONTACT_LIST = {
    "source": _LIST_SOURCE,
    "targets": ("联系群众", "联系群众姓名", "联系对象(群众)", "联系的群众", "群众"),
    "source_sector": ("界别", "所在界别"),
    **_LIST_COMMON,
}
_ACTIVITIES = {
    "date": ("日期", "时间", "活动日期", "date"),
    "kind": ("类型", "方式", "活动类型", "联系方式", "kind"),
    "members": ("参加委员", "参加人员", "党员委员", "委员", "members"),
    "target": ("对象", "联系对象", "target"),
    "organization": ("组织", "organization"),
    "note": ("内容", "备注", "note"),
    IGNORED: ("序号",),
}
_MEMBERSHIP_LIST = {
    "organization": ("组织", "组织名称", "所在组织", "organization"),
    "member": ("委员", "成员", "姓名", "委员姓名", "成员姓名", "member"),
    "role": ("职务", "组织职务", "role"),
    IGNORED: ("序号", "备注"),
}


def _canonical(table: str, *extra: tuple[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    aliases = {c.name: (c.name, c.zh, *c.aliases) for c in TABLES[table].columns}
    for name, more in extra:
        aliases[name] = (*aliases.get(name, ()), *more)
    return aliases | {IGNORED: ("序号",)}


@dataclass(frozen=True)
class SheetKind:
    """One kind of sheet: the fields its columns may hold and the fields that identify its header."""

    name: str
    zh: str
    aliases: dict[str, tuple[str, ...]]
    signatures: tuple[frozenset[str], ...]
    table: str
    """The canonical table its records go to."""

    def lookup(self) -> dict[str, str]:
        return {header_key(alias).lower(): f for f, aliases in self.aliases.items() for alias in aliases}


def _kind(name: str, zh: str, aliases: dict[str, tuple[str, ...]], table: str, *sigs: set[str]) -> SheetKind:
    return SheetKind(name, zh, aliases, tuple(frozenset(s) for s in sigs), table)


# in order of precedence when two kinds match a header equally well
SHEET_KINDS: dict[str, SheetKind] = {
    k.name: k
    for k in (
        _kind("liaisons", "联系（规范表）", _canonical("liaisons"), "liaisons", {"source", "target", "kind"}),
        _kind("member_liaisons", "党员委员联系党外委员", _MEMBER_LIST, "liaisons", {"source", "targets"}),
        _kind("sector_liaisons", "党组成员联系界别", _SECTOR_LIST, "liaisons", {"source", "targets"}),
        _kind("township_liaisons", "党员委员联系镇街", _TOWNSHIP_LIST, "liaisons", {"source", "targets"}),
        _kind("contact_liaisons", "委员联系群众", _CONTACT_LIST, "liaisons", {"source", "targets"}),
        _kind("members", "委员名单", _ROSTER, "members", {"name", "party"}),
        _kind("activities", "活动记录", _ACTIVITIES, "activities", {"date", "kind"}),
        _kind("memberships", "组织成员", _MEMBERSHIP_LIST, "memberships", {"organization", "member"}),
        _kind(
            "organizations",
            "组织",
            _canonical(
                "organizations",
                ("kind", ("组织类型",)),
                ("parent", ("上级党组织",)),
                ("township", _TOWNSHIP_HEADERS),
            ),
            "organizations",
            {"name", "kind", "parent"},
        ),
        _kind("sectors", "界别", _canonical("sectors"), "sectors", {"name", "group"}),
        _kind("townships", "镇街", _canonical("townships"), "townships"),
        _kind(
            "contacts",
            "联系群众（名单）",
            _canonical("contacts", ("township", _TOWNSHIP_HEADERS)),
            "contacts",
        ),
    )
}

# sheets that are not data: an instructions sheet, the lists behind drop-downs
NON_DATA_SHEETS = frozenset({"说明", "填表说明", "选项", "instructions", "options"})

# a column that holds what must not be loaded (DESIGN 3.1: dropped at the door, with a notice)
_PRIVATE = re.compile(
    r"手机|电话|身份证|证件|住址|地址|住所|邮箱|e-?mail|微信|qq|银行|邮编|phone|mobile", re.I
)
_TOTAL = re.compile(r"^(合计|小计|总计|共计|总数)")
_NOTE = re.compile(r"^(注[:：\s]|注$|说明|备注[:：]|填表说明|注释|附注)")


@dataclass
class Column:
    """How one column of a sheet was read."""

    position: int
    header: str
    field: str | None
    """The field it holds; IGNORED, PRIVATE, or None when unknown."""


@dataclass
class Sheet:
    """A recognized sheet: its kind, header row and records (each with its Excel row)."""

    grid: Grid
    kind: SheetKind
    header_row: int
    columns: list[Column]
    records: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(first header, later header) of every two columns with the same meaning (the later one is not read)."""

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field and c.field not in (IGNORED, PRIVATE)}

    def header_of(self, name: str) -> str:
        return next((c.header for c in self.columns if c.field == name), name)


@dataclass
class Unrecognized:
    """A sheet no kind matched: the row taken as the best header guess, and what was expected."""

    grid: Grid
    row: int
    cells: list[str]


def _match(lookup: dict[str, str], header: str, overrides: dict[str, str]) -> str | None:
    key = header_key(header).lower()
    if not key:
        return None
    if key in overrides:
        return overrides[key]
    if key in lookup:
        return lookup[key]
    # `姓名(必填)`, `联系党外委员(2名)`: a trailing remark in brackets
    bare = re.sub(r"\([^()]*\)$", "", key)
    if bare != key and bare in lookup:
        return lookup[bare]
    if _PRIVATE.search(key):
        return PRIVATE
    return None


def _required(table: str) -> set[str]:
    return {c.name for c in TABLES[table].columns if c.required and c.name != "id"}


def recognize(grid: Grid, overrides: dict[str, str], *, hint: str | None = None) -> Sheet | Unrecognized:
    """Find the header row among the first rows and the sheet kind it announces."""
    lookups = {name: kind.lookup() for name, kind in SHEET_KINDS.items()}
    best: tuple[int, int, int, SheetKind] | None = None
    guess_row, guess_count = 0, -1
    for r, row in enumerate(grid.cells[:HEADER_SEARCH_ROWS]):
        filled = [c for c in row if c]
        # a title row merged across the sheet repeats one text in every cell
        if len(set(filled)) < 2 and not (len(filled) == 1 and len(row) == 1):
            continue
        for rank, (name, kind) in enumerate(SHEET_KINDS.items()):
            fields = {
                f for h in row if (f := _match(lookups[name], h, overrides)) not in (None, IGNORED, PRIVATE)
            }
            # a sheet named after a canonical table is that table when its header has the table's required
            # columns (ids aside: offices may leave them out)
            hinted = hint == kind.table and name in TABLES and _required(kind.table) <= fields
            ok = hinted or any(sig <= fields for sig in kind.signatures)
            if len(fields) > guess_count:
                guess_row, guess_count = r, len(fields)
            if not ok:
                continue
            score = len(fields) + (100 if hinted else 0)
            key = (score, -r, -rank)
            if best is None or key > (best[0], -best[1], -best[2]):
                best = (score, r, rank, kind)
    if best is None:
        cells = grid.cells[guess_row] if grid.cells else []
        return Unrecognized(grid, guess_row + 1, [flat(c) for c in cells if c])
    _, r, _, kind = best
    header = grid.cells[r]
    lookup = lookups[kind.name]
    columns: list[Column] = []
    taken: dict[str, str] = {}
    duplicates = []
    for position, text in enumerate(flat(h) for h in header):
        found = _match(lookup, text, overrides)
        if found not in (None, IGNORED, PRIVATE):
            # a second column with the same meaning is not read; the reader says so
            if found in taken:
                duplicates.append((taken[found], text))
                found = None
            else:
                taken[found] = text
        columns.append(Column(position, text, found))
    sheet = Sheet(grid, kind, r + 1, columns, duplicates=duplicates)
    _records(sheet)
    return sheet


def _records(sheet: Sheet) -> None:
    """Split the rows below the header into records and skipped rows (with the reason)."""
    used = [c for c in sheet.columns if c.field and c.field not in (IGNORED, PRIVATE)]
    header = [header_key(c) for c in sheet.grid.cells[sheet.header_row - 1]]
    key_field = next(iter(sorted(sheet.kind.signatures[0]))) if sheet.kind.signatures else "name"
    key_field = "name" if "name" in sheet.fields else "source" if "source" in sheet.fields else key_field
    for r in range(sheet.header_row, len(sheet.grid.cells)):
        row = sheet.grid.cells[r]
        number = r + 1
        values = {
            str(c.field): (row[c.position] if c.field in LIST_FIELDS else flat(row[c.position]))
            if c.position < len(row)
            else ""
            for c in used
        }
        texts = [
            v for c, v in zip(sheet.columns, row, strict=False) if v and c.field not in (IGNORED, PRIVATE)
        ]
        every = [v for v in row if v]
        if every and any(_TOTAL.match(v) for v in every[:3]):
            sheet.skipped.append((number, "total"))
            continue
        if every and _NOTE.match(every[0]):
            sheet.skipped.append((number, "note"))
            continue
        if not texts:
            # nothing, or only a 序号 numbering an empty row; text in the 序号 column heads a group of rows
            sheet.skipped.append((number, "heading" if any(not v.isdigit() for v in every) else "blank"))
            continue
        if [header_key(c) for c in row] == header:
            sheet.skipped.append((number, "header_repeated"))
            continue
        if all(
            (r, c.position) in sheet.grid.continued
            for c in sheet.columns[: len(row)]
            if row[c.position] and c.field not in (IGNORED, PRIVATE)
        ):
            # a row that only reads merged cells of the rows above: nothing typed in it (DESIGN 3.1)
            sheet.skipped.append((number, "merged"))
            continue
        # a name alone in a list's names column is a liaison without its member, not a heading
        lone = len(set(texts)) == 1 and not values.get(key_field) and not values.get("targets")
        if lone or (len(every) > 1 and len(set(every)) == 1):
            # `一、经济界（12人）`: a heading between groups of rows (alone, or merged across the row)
            sheet.skipped.append((number, "heading"))
            continue
        sheet.records.append((number, values))
