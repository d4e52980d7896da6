"""Generate synthetic committee systems (county, city, province, national) for tests and benchmarks.

A generated system has the shape of DESIGN sections 1 and 6 at every level: each committee has its own
sectors and sector groups, townships with liaison groups, a party group with both lines of party
organizations (office line and duty line), a temporary branch, special committees, platforms (study groups,
studios, stations), liaisons of every kind and, optionally, contacts. Gaps (unlinked non-party members,
unorganized CPC members, uncovered sectors, townships and platforms, overloaded and idle CPC members, a few
liaisons that do not count) are injected at realistic rates set by `gap_rate`; with `gap_rate=0` the system
has no gap at all, which the sample data builds on.

Everything is vectorized over whole columns (numpy for the structure, pyarrow for the strings), so the
national system (≈ 650,000 members, ≈ 6.5 million contacts) is generated in well under a minute.

Examples
--------
>>> tables = generate_tables("county", seed=1)
>>> sorted(tables)
['activities', 'contacts', 'liaisons', 'members', 'memberships', 'organizations', 'sectors', 'townships']
>>> 180 <= len(tables["members"]) <= 320
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from pbgraph._errors import InvalidOptionError, UnknownIdError
from pbgraph._texts import LANGS, say
from pbgraph._texts.cli import ANALYSES, GENERATE
from pbgraph.generate._arrays import Progress
from pbgraph.generate._system import System
from pbgraph.generate.scales import CITY, COUNTY, NATIONAL, PROVINCE, SCALES, Level, Scale
from pbgraph.io import write_csv_tables, write_xlsx_tables

DEFAULT_GAP_RATE = 0.03
"""Base rate of injected gaps (see :func:`generate_tables` for how each kind of gap derives from it)."""

XLSX_MAX_ROWS = 1_048_575
"""Rows an Excel sheet holds below its header."""

__all__ = [
    "CITY",
    "COUNTY",
    "DEFAULT_GAP_RATE",
    "NATIONAL",
    "PROVINCE",
    "SCALES",
    "Level",
    "Scale",
    "generate",
    "generate_tables",
]


def _too_many_rows(tables: list[str], rows: int, limit: int) -> InvalidOptionError:
    names = ", ".join(tables)
    return InvalidOptionError(
        *(say(GENERATE, "too_many_rows", each, tables=names, rows=rows, limit=limit) for each in LANGS)
    )


def generate_tables(
    scale: str | Scale,
    *,
    seed: int = 0,
    contacts: bool = True,
    gap_rate: float = DEFAULT_GAP_RATE,
    progress: Progress | None = None,
    lang: str = "zh",
    max_rows: int | None = None,
    activities: bool = True,
) -> dict[str, pd.DataFrame]:
    """Generate the tables of a whole committee system.

    Parameters
    ----------
    scale
        A key of :data:`SCALES` ("county", "city", "province", "national") or a :class:`Scale`.
    seed
        Seed of the random generator: the same seed gives the same tables.
    contacts
        Whether to generate contacts (≈ 10 per member, each with a `contact` liaison).
    gap_rate
        Base rate of the injected gaps: `gap_rate` of non-party members are unlinked; a third of it of the
        duty CPC members are unorganized, idle or overloaded (4 more non-party members); twice it of the
        sector groups and of the townships lack their liaison; it of the sector groups lack a first
        convener; half of it of the liaison groups have no CPC member; three times it of the platforms have
        neither party organization nor instructor; a tenth of it of the member liaisons come from a
        non-party member (a validation warning). 0 gives a system without any gap.
    progress
        Called with a short status line after each step, in `lang` ("zh" or "en").
    max_rows
        Refuse (before generating more than the committees) a system whose tables would have more rows.
    activities
        Whether to generate a year of activities (see :mod:`pbgraph.generate.activities`).

    Returns
    -------
    The tables by name, in model order, with the canonical English headers; values as a roster writes them
    (Chinese party, organization kind and role names; 是/否).
    """
    if isinstance(scale, str) and scale not in SCALES:
        known = ", ".join(SCALES)
        raise UnknownIdError(
            *(say(ANALYSES, "unknown_scale", lang, scale=scale, known=known) for lang in LANGS)
        )
    spec = SCALES[scale] if isinstance(scale, str) else scale
    if len(spec.children) != len(spec.levels) - 1:
        raise InvalidOptionError("a scale needs one children range per level but the last")
    if not 0 <= gap_rate <= 0.2:
        raise InvalidOptionError("gap_rate must be between 0 and 0.2")
    system = System(spec, np.random.default_rng(seed), gap_rate, progress, lang)
    system.committees()
    if max_rows is not None:
        rows = system.estimated_rows(contacts)
        too_long = [name for name, count in rows.items() if count > max_rows]
        if too_long:
            raise _too_many_rows(too_long, max(rows.values()), max_rows)
    system.sectors()
    system.members()
    system.organizations()
    system.memberships()
    system.liaisons()
    system.gaps()
    tables = system.tables(contacts)
    if activities:
        from pbgraph.generate.activities import generate_activities

        tables["activities"] = generate_activities(tables, seed=seed)
        if progress:
            count = len(tables["activities"])
            progress(say(GENERATE, "activities", lang, n=count))
    return tables


def generate(
    scale: str | Scale,
    out: Path,
    *,
    seed: int = 0,
    contacts: bool = True,
    fmt: Literal["csv", "xlsx"] = "csv",
    gap_rate: float = DEFAULT_GAP_RATE,
    progress: Progress | None = None,
    lang: str = "zh",
    force: bool = False,
) -> list[Path]:
    """Generate a committee system and write it as a dataset.

    Parameters
    ----------
    scale, seed, contacts, gap_rate, lang
        As for :func:`generate_tables`.
    out
        The folder of CSV files (`fmt="csv"`), or the workbook to write (`fmt="xlsx"`). The folder is written
        beside and renamed into place, so it holds exactly one consistent dataset.
    force
        Replace a folder that is not empty (without it, such a folder is refused: it may hold a real roster).
    fmt
        "csv" (UTF-8 with BOM, one file per table) or "xlsx" (one sheet per table; only for systems whose
        tables fit in a sheet: up to the city scale with contacts, the province scale without; a larger
        one is refused before it is generated).
    progress
        Called with a short status line after each step.

    Returns
    -------
    The files written.
    """
    out = Path(out)
    if fmt not in ("csv", "xlsx"):
        raise InvalidOptionError(f"unknown format {fmt!r}: use 'csv' or 'xlsx'")
    tables = generate_tables(
        scale,
        seed=seed,
        contacts=contacts,
        gap_rate=gap_rate,
        progress=progress,
        lang=lang,
        max_rows=XLSX_MAX_ROWS if fmt == "xlsx" else None,
    )
    if fmt == "xlsx":
        # the estimate is of the contacts' expected number: a system just at the limit may still exceed it
        too_long = [name for name, frame in tables.items() if len(frame) > XLSX_MAX_ROWS]
        if too_long:
            rows = max(len(tables[name]) for name in too_long)
            raise _too_many_rows(too_long, rows, XLSX_MAX_ROWS)
        if progress:
            progress(say(GENERATE, "writing", lang, name=out.name))
        return [write_xlsx_tables(tables, out)]
    return write_csv_tables(
        tables,
        out,
        force=force,
        progress=(
            (lambda file: progress(say(GENERATE, "writing_rows", lang, name=file, n=len(tables[file[:-4]]))))
            if progress
            else None
        ),
    )
