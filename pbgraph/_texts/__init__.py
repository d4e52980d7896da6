"""Every user-visible word of pbgraph, in Chinese and English, by key: one home, so that `--lang en` is
English everywhere and a new message is written once in both languages.

Each catalog maps a key to `(zh, en)`; the texts are `str.format` templates. The catalogs are by concern:
problems found in a dataset, table headers and titles, the report page, the command line, the graph views,
the Neo4j store, the import report and the office template.
"""

from __future__ import annotations

from typing import Any

from pbgraph._texts.changes import CHANGES
from pbgraph._texts.cli import ANALYSES, CLI, CLICK, ERRORS, GENERATE, GROUPED, OUTPUTS, USAGE
from pbgraph._texts.help import HELP
from pbgraph._texts.import_report import (
    BUILT,
    FIELDS,
    HOW,
    IDS,
    NOT_RECORDED,
    PARTY_GROUP_HOW,
    REASONS,
    WORDS,
)
from pbgraph._texts.neo4j import NEO4J
from pbgraph._texts.office import TARGET_WORDS
from pbgraph._texts.problems import END_NAMES, KIND_NAMES, MESSAGES, ORG_KIND_NAME
from pbgraph._texts.render import DEFAULT_LABELS_EN, DEFAULT_LABELS_ZH, GAP_LABELS, LEGEND_SHORT, TOOLTIP
from pbgraph._texts.render import TEXT as VIEW_TEXT
from pbgraph._texts.report import DEFINITIONS, SECTIONS, TEXT
from pbgraph._texts.tables import (
    CELLS,
    COLUMN_LABELS,
    MASKED,
    PSEUDONYMS,
    REDACTED_DATASET_NAME,
    REDACTED_NOTE,
    TABLE_TITLES,
    VALUE_LABELS,
)
from pbgraph._texts.template import COLUMNS as TEMPLATE_COLUMNS
from pbgraph._texts.template import LISTS as TEMPLATE_LISTS
from pbgraph._texts.template import SHEETS as TEMPLATE_SHEETS
from pbgraph._texts.template import TEMPLATE

LANGS = ("zh", "en")

CATALOGS: dict[str, dict[str, tuple[str, str]]] = {
    "problems": MESSAGES,
    "kinds": KIND_NAMES,
    "ends": END_NAMES,
    "org_kind": {"name": ORG_KIND_NAME},
    "columns": COLUMN_LABELS,
    "values": VALUE_LABELS,
    "titles": TABLE_TITLES,
    "cells": CELLS,
    "pseudonyms": PSEUDONYMS,
    "redacted": {"dataset_name": REDACTED_DATASET_NAME, "note": REDACTED_NOTE},
    "masked": MASKED,
    "report": TEXT,
    "sections": SECTIONS,
    "definitions": DEFINITIONS,
    "cli": CLI,
    "click": CLICK,
    "errors": ERRORS,
    "usage": USAGE,
    "generate": GENERATE,
    "grouped": GROUPED,
    "changes": CHANGES,
    "analyses": ANALYSES,
    "outputs": OUTPUTS,
    "neo4j": NEO4J,
    "help": HELP,
    "import_report": WORDS,
    "import_reasons": REASONS,
    "import_fields": FIELDS,
    "import_names": HOW,
    "import_built": BUILT,
    "import_ids": IDS,
    "import_party_group": PARTY_GROUP_HOW,
    "import_not_recorded": NOT_RECORDED,
    "template": TEMPLATE,
    "template_sheets": TEMPLATE_SHEETS,
    "template_columns": TEMPLATE_COLUMNS,
    "template_lists": TEMPLATE_LISTS,
    "import_target_words": TARGET_WORDS,
    "views": VIEW_TEXT,
    "view_gaps": GAP_LABELS,
    "view_legend": LEGEND_SHORT,
    "view_tooltip": TOOLTIP,
    # the page's labels: one dict per language, paired here so that the test sees both
    "view_page": {
        key: (DEFAULT_LABELS_ZH[key], DEFAULT_LABELS_EN.get(key, ""))
        for key in DEFAULT_LABELS_ZH
        if key not in ("lang", "tooltip_separator")
    },
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The English text of a pair for "en", the Chinese one otherwise."""
    return pair[1] if lang == "en" else pair[0]


def both(catalog: dict[str, tuple[str, str]], key: str, **values: Any) -> tuple[str, str]:
    """The text `key` of `catalog` in Chinese and in English, filled in: what an error carries (the CLI shows
    the one of `--lang`).

    Examples
    --------
    >>> both(CLI, "wrote", path="a.xlsx")
    ('已写入 a.xlsx', 'wrote a.xlsx')
    """
    zh, en = catalog[key]
    return zh.format(**values), en.format(**values)


def say(catalog: dict[str, tuple[str, str]], key: str, lang: str, **values: Any) -> str:
    """The text `key` of `catalog` in `lang`, filled in with `values`.

    Examples
    --------
    >>> say(CLI, "wrote", "en", path="out/a.xlsx"), say(CLI, "wrote", "zh", path="out/a.xlsx")
    ('wrote out/a.xlsx', '已写入 out/a.xlsx')
    """
    return pick(catalog[key], lang).format(**values)


def help_text(key: str, **values: Any) -> str:
    """The help of an option in both languages (click writes it before `--lang` is read).

    Examples
    --------
    >>> help_text("lang")
    '输出语言 / output language.'
    """
    zh, en = (text.format(**values) for text in HELP[key])
    return f"{zh}{'/' if zh.endswith('）') else ' /'} {en}"
