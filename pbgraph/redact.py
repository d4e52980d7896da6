"""Redaction (DESIGN 5 `--redact`): a copy of a dataset from which no person can be identified.

- Member and contact names become pseudonyms (委员A017, 群众B0042), and so do their ids (A017, B0042): every
  table that refers to them follows. The numbers are a permutation drawn from the data itself, so they do not
  follow the original ids or the table order, and the same data always gives the same pseudonyms.
- Wherever a name occurs inside other text (an organization named after its member, a role, a warning) it
  is replaced, also when written with spaces inside (张 三), full-width forms or spaces, or as the given name
  alone (三丰 for 张三丰, when at least two characters long).
- Enterprise names become 企业E…, also inside organization names (宏达集团党支部 → 企业E003党支部).
- Notes (of liaisons and activities) are withheld: each one that is not empty becomes 〔已隐去〕. Addresses,
  initials, nicknames and relatives hide in notes in forms no list of names or pattern catches; an empty note
  stays empty. A warning that quotes a note quotes 〔已隐去〕 too.
- The dataset's own name (its folder or file name, which may hold a name) becomes 数据集.

Redacting a redacted dataset gives it back unchanged.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd

from pbgraph._texts import pick
from pbgraph._texts.tables import PSEUDONYMS, REDACTED_DATASET_NAME, REDACTED_NOTE
from pbgraph.dataset import Dataset
from pbgraph.model import MULTI_VALUE_SEPARATOR

ID_PREFIXES = ("A", "B")
"""Pseudonym ids of members and contacts: the letter of their pseudonym name, then its number."""
COMPOUND_SURNAMES = frozenset(
    (
        *("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文"),
        *("司徒", "令狐", "夏侯", "独孤", "端木", "西门", "南宫", "万俟", "闻人", "轩辕", "呼延"),
    )
)
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\u2060\ufeff]")


def pseudonyms(count: int, prefix: str) -> list[str]:
    """`count` pseudonyms numbered from 1, e.g. 委员A001 … 委员A250 (at least three digits).

    Examples
    --------
    >>> pseudonyms(3, "委员A")
    ['委员A001', '委员A002', '委员A003']
    """
    width = max(3, len(str(count)))
    return [f"{prefix}{number:0{width}d}" for number in range(1, count + 1)]


def _numbering(keys: list[str], salt: bytes) -> np.ndarray:
    """A permutation of 0..len(keys)-1 that depends only on the data: position i gets number order[i]."""
    digests = [hashlib.sha256(salt + key.encode("utf-8")).digest() for key in keys]
    order = np.empty(len(keys), dtype=np.int64)
    order[sorted(range(len(keys)), key=digests.__getitem__)] = np.arange(len(keys))
    return order


def _fold(char: str) -> str:
    """One character in the form names are compared in: full-width forms as half-width, case folded."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return folded if len(folded) == 1 else char


def _compact(text: str) -> tuple[str, list[int]]:
    """`text` without spaces of any width, folded, and for each kept character its position in `text`."""
    kept, where = [], []
    for position, char in enumerate(text):
        if not _SPACE.match(char):
            kept.append(_fold(char))
            where.append(position)
    return "".join(kept), where


def given_name(name: str) -> str:
    """The given name of a Chinese full name ("" when it would be shorter than two characters).

    Examples
    --------
    >>> given_name("张三丰"), given_name("欧阳娜娜"), given_name("张三")
    ('三丰', '娜娜', '')
    """
    if not name or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return ""
    rest = name[2:] if name[:2] in COMPOUND_SURNAMES else name[1:]
    return rest if len(rest) >= 2 else ""


class NameScrubber:
    """Replaces every occurrence of a known name inside free text by its pseudonym (longest name first).

    Matching ignores spaces of any width inside the text and the name, and full-width/half-width forms.
    Names shorter than two characters are left alone (they would match inside ordinary words), and names
    written in ASCII only match as whole words.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.replacements: dict[str, str] = {}
        for name, pseudonym in names:
            key = _compact(name)[0]
            if len(key) >= 2 and key != _compact(pseudonym)[0]:
                self.replacements.setdefault(key, pseudonym)
        self.lengths = sorted({len(name) for name in self.replacements}, reverse=True)
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not self.replacements or not text:
            return text
        if text in self._cache:
            return self._cache[text]
        compact, where = _compact(text)
        out: list[str] = []
        i, n, copied = 0, len(compact), 0
        while i < n:
            for length in self.lengths:
                candidate = compact[i : i + length]
                if len(candidate) == length and candidate in self.replacements:
                    start, end = where[i], where[i + length - 1] + 1
                    if self._whole(text, start, end):
                        out.append(text[copied:start])
                        out.append(self.replacements[candidate])
                        copied = end
                        i += length
                        break
            else:
                i += 1
        out.append(text[copied:])
        result = "".join(out)
        if len(self._cache) < 100_000:
            self._cache[text] = result
        return result

    @staticmethod
    def _whole(text: str, start: int, end: int) -> bool:
        if not text[start:end].isascii():
            return True
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        return not (before.isalnum() and before.isascii()) and not (after.isalnum() and after.isascii())

    def column(self, values: pd.Series) -> pd.Series:
        # only distinct values are scanned: org names, notes and roles repeat a lot
        unique = pd.unique(values.to_numpy(dtype=object))
        mapping = {value: self(value) for value in unique}
        return pd.Series(
            [mapping[v] for v in values.to_numpy(dtype=object)], index=values.index, dtype=values.dtype
        )


def _salt(ds: Dataset) -> bytes:
    digest = hashlib.sha256()
    for frame in (ds.members[["id", "name"]], ds.contacts[["id", "name"]]):
        for column in frame.columns:
            digest.update("\x1f".join(frame[column].astype("str").tolist()).encode("utf-8"))
            digest.update(b"\x1e")
    return digest.digest()


def _unused(candidates: list[str], taken: set[str]) -> list[str]:
    """Pseudonym ids that clash with an id kept as it is get a trailing "_" until they do not."""
    out = []
    for candidate in candidates:
        while candidate in taken:
            candidate += "_"
        out.append(candidate)
    return out


def redact(ds: Dataset, *, lang: str = "zh") -> Dataset:
    """A copy of the dataset in which no person can be identified: for sharing outside the office.

    Every analysis gives the same rows on it, with pseudonyms in place of names and ids.

    Parameters
    ----------
    ds
        The dataset.
    lang
        Language of the pseudonyms: "zh" (委员A017) or "en" (Member A017).

    Returns
    -------
    A new dataset (`ds` itself when it is already redacted); `ds` is not changed.

    Examples
    --------
    >>> from pbgraph import load
    >>> ds = load("data/sample")
    >>> safe = redact(ds)
    >>> safe.name, safe.members["name"].str.fullmatch(r"委员A\\d{3}").all()
    ('数据集', np.True_)
    >>> bool(safe.members["id"].isin(ds.members["id"]).any())
    False
    >>> redact(ds).equals(safe) and redact(safe) is safe
    True
    """
    if ds.redacted:
        return ds
    member_prefix, contact_prefix, enterprise_prefix = (
        pick(PSEUDONYMS[kind], lang) for kind in ("member", "contact", "enterprise")
    )
    salt = _salt(ds)
    members, contacts = ds.members.copy(), ds.contacts.copy()
    member_numbers = _numbering(ds.members["id"].tolist(), salt + b"members")
    contact_numbers = _numbering(ds.contacts["id"].tolist(), salt + b"contacts")
    member_names = np.asarray(pseudonyms(len(members), member_prefix), dtype=object)[member_numbers]
    contact_names = np.asarray(pseudonyms(len(contacts), contact_prefix), dtype=object)[contact_numbers]
    kept_ids = {
        *ds.sectors["id"].tolist(),
        *ds.townships["id"].tolist(),
        *ds.organizations["id"].tolist(),
    }
    member_ids = _unused([ID_PREFIXES[0] + n for n in pseudonyms(len(members), "")], kept_ids)
    contact_ids = _unused([ID_PREFIXES[1] + n for n in pseudonyms(len(contacts), "")], kept_ids)
    new_member_id = dict(
        zip(ds.members["id"].tolist(), np.asarray(member_ids, dtype=object)[member_numbers], strict=True)
    )
    new_contact_id = dict(
        zip(ds.contacts["id"].tolist(), np.asarray(contact_ids, dtype=object)[contact_numbers], strict=True)
    )
    person_id = new_member_id | new_contact_id

    # enterprises: numbered in the members' pseudonym order, one pseudonym per distinct enterprise
    enterprise = ds.members["enterprise"].to_numpy(dtype=object)
    distinct = [e for e in pd.unique(enterprise[np.argsort(member_numbers, kind="stable")]) if e]
    enterprise_names = dict(zip(distinct, pseudonyms(len(distinct), enterprise_prefix), strict=True))

    pairs: list[tuple[str, str]] = []
    for names, fakes in ((ds.members["name"], member_names), (ds.contacts["name"], contact_names)):
        for name, fake in zip(names.tolist(), fakes.tolist(), strict=True):
            pairs.append((name, fake))
            given = given_name(_compact(name)[0])
            if given:
                pairs.append((given, fake))
    pairs.extend(enterprise_names.items())
    pairs.extend((old, new) for old, new in person_id.items())
    dataset_name = pick(REDACTED_DATASET_NAME, lang)
    if ds.name:
        pairs.append((ds.name, dataset_name))
    # full names first: a given name that is also someone's full name keeps that person's pseudonym
    scrub = NameScrubber(pairs)

    members["id"] = pd.Series(
        ds.members["id"].map(new_member_id), index=members.index, dtype=ds.members["id"].dtype
    )
    members["name"] = pd.Series(member_names, index=members.index, dtype=ds.members["name"].dtype)
    members["enterprise"] = pd.Series(
        [enterprise_names.get(e, "") for e in enterprise],
        index=members.index,
        dtype=ds.members["enterprise"].dtype,
    )
    members["roles"] = scrub.column(members["roles"])
    contacts["id"] = pd.Series(
        ds.contacts["id"].map(new_contact_id), index=contacts.index, dtype=ds.contacts["id"].dtype
    )
    has_contact_name = ds.contacts["name"].to_numpy(dtype=object) != ""
    contacts["name"] = pd.Series(
        np.where(has_contact_name, contact_names, ""), index=contacts.index, dtype=ds.contacts["name"].dtype
    )
    tables: dict[str, pd.DataFrame] = {"members": members, "contacts": contacts}
    for table, columns in (
        ("sectors", ["name"]),
        ("townships", ["name"]),
        ("organizations", ["name"]),
    ):
        frame = getattr(ds, table).copy()
        for column in columns:
            frame[column] = scrub.column(frame[column])
        tables[table] = frame
    memberships = ds.memberships.copy()
    memberships["member"] = _mapped(memberships["member"], person_id)
    liaisons = ds.liaisons.copy()
    for column in ("source", "target"):
        liaisons[column] = _mapped(liaisons[column], person_id)
    withheld = pick(REDACTED_NOTE, lang)
    notes = {*ds.liaisons["note"].tolist(), *ds.activities["note"].tolist()} - {""}
    liaisons["note"] = _withheld(liaisons["note"], withheld)
    activities = ds.activities.copy()
    activities["members"] = pd.Series(
        [
            MULTI_VALUE_SEPARATOR.join(
                person_id.get(part, part) for part in cell.split(MULTI_VALUE_SEPARATOR)
            )
            for cell in activities["members"].to_numpy(dtype=object)
        ],
        index=activities.index,
        dtype=activities["members"].dtype,
    )
    activities["target"] = _mapped(activities["target"], person_id)
    activities["note"] = _withheld(activities["note"], withheld)
    # where a warning lies names no one either: the workbook is the dataset (its file name, 数据集), a
    # sheet or file may be named after a person
    warnings = [
        replace(
            p,
            file=scrub(p.file) if p.file else p.file,
            sheet=scrub(p.sheet) if p.sheet else p.sheet,
            value=withheld if p.value in notes else scrub(p.value) if p.value else p.value,
            value_words=(scrub(p.value_words[0]), scrub(p.value_words[1])) if p.value_words else None,
            params={k: scrub(v) if isinstance(v, str) else v for k, v in p.params.items()},
        )
        for p in ds.warnings
    ]
    safe = Dataset(
        members=tables["members"],
        sectors=tables["sectors"],
        townships=tables["townships"],
        organizations=tables["organizations"],
        memberships=memberships,
        liaisons=liaisons,
        contacts=tables["contacts"],
        activities=activities,
        name=dataset_name,
        warnings=warnings,
        # what the source did not record stays not recorded (not an empty table: 0 % organized)
        not_recorded=ds.not_recorded,
    )
    safe.derived("redacted", lambda _: True)
    return safe


def _withheld(notes: pd.Series, word: str) -> pd.Series:
    """Every note that is not empty as `word`: what a note says is not shared."""
    written = (notes.astype("str") != "").to_numpy(dtype=bool)
    return pd.Series(np.where(written, word, ""), index=notes.index, dtype=notes.dtype)


def _mapped(values: pd.Series, mapping: dict[str, str]) -> pd.Series:
    return pd.Series(
        [mapping.get(v, v) for v in values.to_numpy(dtype=object)], index=values.index, dtype=values.dtype
    )


def person_names(ds: Dataset) -> list[str]:
    """Every distinct non-empty name of a member or contact (what :func:`redact` hides)."""
    names = pd.concat([ds.members["name"], ds.contacts["name"]], ignore_index=True)
    return [n for n in pd.unique(names.to_numpy(dtype=object)).tolist() if n]


__all__ = ["NameScrubber", "given_name", "person_names", "pseudonyms", "redact"]
