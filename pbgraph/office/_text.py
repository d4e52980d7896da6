"""Cell values as offices type them: full-width forms, padding inside names, several names in one cell,
Excel serial dates, numbers that were ids with leading zeros."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

# 、，,；; / and line breaks separate names in one cell (DESIGN 3.1)
_SEPARATORS = re.compile(r"[、，,；;/／\n\r]+")
_SPACE = re.compile(r"\s+")
# a line break typed in a cell (Alt+Enter: \n; \r\n from some writers and CSV files)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")
# whitespace between two CJK characters is padding (张  三 = 张三); between Latin letters it is a space
_CJK = r"[\u3400-\u9fff\uf900-\ufaff·•]"
_CJK_PADDING = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's serial dates (the 1900 date system, with its phantom 29 February 1900)."""


# office files repeat the same few texts (界别, 镇街, 政治面貌 …) on every row
@functools.lru_cache(maxsize=1 << 16)
def clean(value: str) -> str:
    """Half-width forms (（）→(), ：→:, full-width digits and spaces), trimmed, inner whitespace collapsed."""
    text = unicodedata.normalize("NFKC", value)
    text = _CONTROL.sub("", text)
    return _SPACE.sub(" ", text).strip()


def clean_lines(value: str) -> str:
    """`clean` line by line: the cell's line breaks kept as `\\n` (empty lines dropped), for the cells whose
    line breaks separate names; `flat` gives what `clean` gives.

    Examples
    --------
    >>> clean_lines("李红\\r\\n\\n 陈思远　")
    '李红\\n陈思远'
    """
    if not _LINE_BREAKS.search(value):
        return clean(value)
    lines = (clean(line) for line in _LINE_BREAKS.split(value))
    return "\n".join(line for line in lines if line)


def flat(text: str) -> str:
    """A `clean_lines` text on one line, as `clean` gives it: a line break is a space like any other.

    Examples
    --------
    >>> flat("第一段\\n第二段")
    '第一段 第二段'
    """
    return text.replace("\n", " ") if "\n" in text else text


@functools.lru_cache(maxsize=1 << 16)
def name_key(value: str) -> str:
    """The form under which spellings of one name are the same: `张  三`, `张三　`, `张三` give `张三`.

    Examples
    --------
    >>> name_key(" 张  三　")
    '张三'
    >>> name_key("Ａｌｉ  Khan")
    'Ali Khan'
    >>> name_key("中共党员（预备）")
    '中共党员(预备)'
    """
    return _CJK_PADDING.sub("", clean(value))


def split_names(value: str) -> list[str]:
    """The names in one cell, in order, normalized, without repeats.

    Examples
    --------
    >>> split_names("邱雅琴、邓志远，钱 文慧;邱雅琴\\n周敏")
    ['邱雅琴', '邓志远', '钱文慧', '周敏']
    """
    names = (name_key(part) for part in _SEPARATORS.split(value))
    return list(dict.fromkeys(n for n in names if n))


def header_key(value: str) -> str:
    """A header as compared with the known aliases: half-width, no spaces, no required-marks (`*`)."""
    return re.sub(r"[\s*＊]", "", clean(value))


def serial_date(value: float) -> dt.date | None:
    """The date an Excel serial number stands for, or None when it cannot be one (before 1900, after 9999)."""
    if not 1 <= value < 2958466:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


def cell_text(value: Any, number_format: str = "General") -> str:
    """One cell as text: integers without `.0`, zero-padded where the cell's format pads them (`000` shows
    7 as 007), dates as ISO (a month-only date as `YYYY-MM`), line breaks kept (`clean_lines`): whether one
    separates names depends on the column, known only once the header is found."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return value.isoformat(sep=" ")
        value = value.date()
    if isinstance(value, dt.date):
        if value.day == 1 and "d" not in number_format.lower():
            return f"{value.year:04d}-{value.month:02d}"
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        digits = number_format.strip()
        if digits and set(digits) == {"0"}:
            return str(value).zfill(len(digits))
        return str(value)
    return clean_lines(str(value))


_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")


def date_text(text: str) -> str:
    """A date column's text as ISO: a serial number (26000) as its date, `1964.08`/`1964年8月` as `1964-08`;
    anything else unchanged (validation judges it)."""
    match = _MONTH.match(text)
    if match and 1 <= int(match[2]) <= 12:
        return f"{int(match[1]):04d}-{int(match[2]):02d}"
    if re.fullmatch(r"\d{4,5}(\.\d+)?", text) and not re.fullmatch(r"(19|20)\d{2}", text):
        day = serial_date(float(text))
        if day is not None:
            return day.isoformat()
    return text
