"""The analyses on tiny fixture datasets, against answers worked out by hand (``tests/fixtures/*``).

Every case runs twice: on the real implementation (``pbgraph.analyses``) and on the oracle
(``tests/oracle.py``), so that the hand-written rows check both.

What each fixture is about:

- ``liaisons``: temporary branches do not organize; a non-CPC member's `member` liaison does not link; a
  `member` liaison to a CPC member does not count; duplicate rows count once; idle, overloaded, fragile;
  sole-liaison counts before betweenness in connectors (a tree, betweenness by hand), a sole sector and a
  sole township liaison; reach through a sector to its members.
- ``gaps``: a sector covered through its sector group, or by a liaison to itself; a `sector` liaison from a
  non-party-group member does not count; sector groups with a non-CPC first convener, with none, with a
  CPC and a non-CPC one (a gap too); townships without liaison group, whose group has no CPC member (or
  no member at all), without township liaison; platforms with a child party branch, a child temporary
  branch, a CPC instructor (no gap), a non-CPC instructor, a CPC member who is not instructor, a non-party
  child organization (gaps); connectors who are the only liaison of sectors (through their groups) and
  townships. Chinese headers and aliases throughout.
- ``reach``: a cycle through a sector group (A1 -> G1 -> S1 -> A1), max_depth cut-offs, non-counting
  liaisons that would extend reach, party-group members by membership and by flag.
- ``committees``: six committees, members in two of them ("Y;X" is stored as "X;Y"), empty committees
  (rates None), committee filters, league-table ordering on every key, sole liaisons across committees.
- ``betweenness``: a path and a star, betweenness by hand; non-counting liaisons add no edge.
- ``blank_committee``: one committee, every committee cell left blank (the loader fills them in).
- ``party_group``: party-group members by flag, by a 党组 role and by membership in the party group, all
  three counting for sector liaisons and never idle; a sector group with a CPC and a non-CPC first
  convener (a gap, and a warning); a party group whose chains reach a member of another committee, who is
  not counted in its committee's `reached_members`.
- ``no_committee``: a dataset without committee organization (and with empty sectors and townships
  tables): only the overall coverage row.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pbgraph import Dataset, UnknownIdError, load
from tests import oracle
from tests.oracle import COLUMNS, assert_rows, assert_same_connectors, assert_same_frames

FIXTURES = Path(__file__).parent / "fixtures"
IMPLEMENTATIONS = ("pbgraph", "oracle")


@cache
def fixture(name: str) -> Dataset:
    """A fixture dataset, loaded once."""
    return load(FIXTURES / name)


def analysis(implementation: str, name: str) -> Callable[..., pd.DataFrame]:
    """The function `name` of the real implementation or of the oracle."""
    if implementation == "oracle":
        return oracle.ANALYSES[name]
    fn: Callable[..., pd.DataFrame] = getattr(importlib.import_module("pbgraph.analyses"), name)
    return fn


def cov(committee: str, name: str, *values: Any) -> tuple[Any, ...]:
    """A coverage row."""
    return (committee, name, *values)


# hand-computed answers: (fixture, analysis, keyword arguments, rows) ---------------------------------------

LIAISONS_COVERAGE = (12, 5, 3, 0.6, 7, 6, 6 / 7, 1, 2, 0, 1, 0)
LIAISONS_LOAD = [
    ("C1", "M1", "张一", True, 2, False, False),
    ("C1", "M2", "王二", False, 3, False, False),
    ("C1", "M3", "李三", False, 0, False, True),
    ("C1", "M4", "赵四", False, 3, False, False),
    ("C1", "M5", "陈五", True, 0, False, False),
]
GAPS_COVERAGE = (4, 3, 0, 0.0, 1, 0, 0.0, 1, 3, 8, 6, 3, 0, 2, 0)
REACH_ROWS: dict[int | None, list[tuple[Any, ...]]] = {
    None: [
        ("C1", "A1", "党组甲", "CPC", 4, 1, 3, 1, 1, 1),
        ("C1", "A2", "党员乙", "CPC", 1, 0, 1, 0, 1, 1),
        ("C1", "B1", "党外丙", "NP", 0, 0, 0, 0, 0, 1),
        ("C1", "A3", "党员己", "CPC", 1, 0, 1, 0, 0, 1),
        ("C1", "B4", "党外庚", "CNDCA", 0, 0, 0, 0, 0, 1),
    ],
    1: [
        ("C1", "A1", "党组甲", "CPC", 0, 0, 0, 0, 1, 0),
        ("C1", "A2", "党员乙", "CPC", 1, 0, 1, 0, 1, 0),
        ("C1", "B1", "党外丙", "NP", 0, 0, 0, 0, 0, 1),
        ("C1", "A3", "党员己", "CPC", 1, 0, 1, 0, 0, 0),
        ("C1", "B4", "党外庚", "CNDCA", 0, 0, 0, 0, 0, 1),
    ],
    2: [
        ("C1", "A1", "党组甲", "CPC", 0, 0, 0, 1, 1, 0),
        ("C1", "A2", "党员乙", "CPC", 1, 0, 1, 0, 1, 1),
        ("C1", "B1", "党外丙", "NP", 0, 0, 0, 0, 0, 1),
        ("C1", "A3", "党员己", "CPC", 1, 0, 1, 0, 0, 1),
        ("C1", "B4", "党外庚", "CNDCA", 0, 0, 0, 0, 0, 1),
    ],
    3: [
        ("C1", "A1", "党组甲", "CPC", 3, 1, 2, 1, 1, 0),
        ("C1", "A2", "党员乙", "CPC", 1, 0, 1, 0, 1, 1),
        ("C1", "B1", "党外丙", "NP", 0, 0, 0, 0, 0, 1),
        ("C1", "A3", "党员己", "CPC", 1, 0, 1, 0, 0, 1),
        ("C1", "B4", "党外庚", "CNDCA", 0, 0, 0, 0, 0, 1),
    ],
}
X_ROW = cov("X", "某市政协", 4, 1, 1, 1.0, 3, 2, 2 / 3, 1, 0, 0, 0, 0, 0, 0, 2)
Y_ROW = cov("Y", "甲县政协", 4, 2, 1, 0.5, 2, 2, 1.0, 0, 1, 0, 0, 0, 0, 0, 2)
Z_ROW = cov("Z", "乙县政协", 0, 0, 0, None, 0, 0, None, 0, 0, 0, 0, 0, 0, 0, 0)
W_ROW = cov("W", "丙县政协", 2, 1, 0, 0.0, 1, 1, 1.0, 0, 1, 0, 0, 0, 0, 0, 1)
V_ROW = cov("V", "丁县政协", 0, 0, 0, None, 0, 0, None, 0, 0, 0, 0, 0, 0, 0, 0)
U_ROW = cov("U", "戊县政协", 0, 0, 0, None, 0, 0, None, 0, 0, 1, 2, 0, 0, 0, 0)
ALL_ROW = cov("", "全部", 8, 3, 1, 1 / 3, 5, 4, 0.8, 1, 2, 1, 2, 0, 0, 0, 4)


def overloaded(row: tuple[Any, ...], count: int) -> tuple[Any, ...]:
    """A coverage row with another `overloaded` count."""
    position = COLUMNS["coverage"].index("overloaded")
    return (*row[:position], count, *row[position + 1 :])


CASES: list[tuple[str, str, dict[str, Any], list[tuple[Any, ...]]]] = [
    # liaisons ------------------------------------------------------------------------------------------
    (
        "liaisons",
        "coverage",
        {},
        [
            cov("C1", "甲县政协", *LIAISONS_COVERAGE, 0, 1, 4),
            cov("", "全部", *LIAISONS_COVERAGE, 0, 1, 4),
        ],
    ),
    (
        "liaisons",
        "coverage",
        {"max_load": 2},
        [
            cov("C1", "甲县政协", *LIAISONS_COVERAGE, 2, 1, 4),
            cov("", "全部", *LIAISONS_COVERAGE, 2, 1, 4),
        ],
    ),
    ("liaisons", "coverage", {"committee": "C1"}, [cov("C1", "甲县政协", *LIAISONS_COVERAGE, 0, 1, 4)]),
    ("liaisons", "league_table", {}, [cov("C1", "甲县政协", *LIAISONS_COVERAGE, 0, 1, 4)]),
    ("liaisons", "unlinked", {}, [("C1", "N5", "郑五", "MASSES", "", "")]),
    (
        "liaisons",
        "unorganized",
        {},
        [
            ("C1", "M3", "李三", "S1", "", True),
            ("C1", "M4", "赵四", "", "T1", False),
        ],
    ),
    ("liaisons", "sector_gaps", {}, []),
    ("liaisons", "township_gaps", {}, [("C1", "T1", "城关镇", "no_liaison_group")]),
    ("liaisons", "platform_gaps", {}, []),
    ("liaisons", "liaison_load", {}, LIAISONS_LOAD),
    (
        "liaisons",
        "liaison_load",
        {"max_load": 2},
        [
            LIAISONS_LOAD[0],
            ("C1", "M2", "王二", False, 3, True, False),
            LIAISONS_LOAD[2],
            ("C1", "M4", "赵四", False, 3, True, False),
            LIAISONS_LOAD[4],
        ],
    ),
    (
        "liaisons",
        "fragile",
        {},
        [
            ("C1", "N1", "钱一", "M1"),
            ("C1", "N3", "周三", "M2"),
            ("C1", "N4", "吴四", "M4"),
            ("C1", "N7", "卫七", "M4"),
        ],
    ),
    ("liaisons", "load_distribution", {}, [(0, 2), (1, 0), (2, 1), (3, 2)]),
    # a tree of 11 nodes: betweenness = pairs separated by the node / (10 * 9 / 2)
    (
        "liaisons",
        "connectors",
        {},
        [
            ("C1", "M4", "赵四", 2, 0, 0, 17 / 45),
            ("C1", "M2", "王二", 1, 0, 1, 33 / 45),
            ("C1", "M1", "张一", 1, 1, 0, 17 / 45),
        ],
    ),
    (
        "liaisons",
        "reach",
        {},
        [
            ("C1", "M1", "张一", "CPC", 6, 2, 4, 1, 1, 0),
            ("C1", "M2", "王二", "CPC", 3, 0, 3, 0, 1, 0),
            ("C1", "M4", "赵四", "CPC", 3, 0, 3, 0, 0, 0),
        ],
    ),
    ("liaisons", "party_group_reach", {}, [("C1", "PG", "甲县政协党组", 2, 8, 12, 8 / 12)]),
    ("liaisons", "party_group_reach", {"max_depth": 1}, [("C1", "PG", "甲县政协党组", 2, 4, 12, 4 / 12)]),
    # gaps ----------------------------------------------------------------------------------------------
    (
        "gaps",
        "sector_gaps",
        {},
        [
            ("C1", "S4", "工商联界", "sector", "no_liaison"),
            ("C1", "S5", "社会福利界", "sector", "no_liaison"),
            ("C1", "S6", "无党派界", "sector", "no_liaison"),
            ("C1", "G2", "经济联组", "sector_group", "no_liaison"),
            ("C1", "G2", "经济联组", "sector_group", "first_convener_not_cpc"),
            ("C1", "G3", "社会福利联组", "sector_group", "no_liaison"),
            ("C1", "G3", "社会福利联组", "sector_group", "no_first_convener"),
            # a CPC and a non-CPC first convener: every first convener must be CPC
            ("C1", "G4", "农业联组", "sector_group", "first_convener_not_cpc"),
        ],
    ),
    (
        "gaps",
        "township_gaps",
        {},
        [
            ("C1", "T2", "东街街道", "no_cpc_in_liaison_group"),
            ("C1", "T2", "东街街道", "no_township_liaison"),
            ("C1", "T3", "西乡", "no_liaison_group"),
            ("C1", "T4", "南镇", "no_cpc_in_liaison_group"),
            ("C1", "T5", "北镇", "no_liaison_group"),
            ("C1", "T5", "北镇", "no_township_liaison"),
        ],
    ),
    (
        "gaps",
        "platform_gaps",
        {},
        [
            ("C1", "P3", "界别学习组", "study_group", ""),
            ("C1", "P4", "西乡委员工作室", "studio", "T3"),
            ("C1", "P6", "北镇委员工作室", "studio", "T5"),
        ],
    ),
    (
        "gaps",
        "platform_gaps",
        {"committee": "C1"},
        [
            ("C1", "P3", "界别学习组", "study_group", ""),
            ("C1", "P4", "西乡委员工作室", "studio", "T3"),
            ("C1", "P6", "北镇委员工作室", "studio", "T5"),
        ],
    ),
    (
        "gaps",
        "unorganized",
        {},
        [
            ("C1", "M1", "张一", "S1", "T1", False),
            ("C1", "M2", "王二", "S5", "T1", False),
            ("C1", "M3", "李三", "S3", "T3", False),
        ],
    ),
    ("gaps", "coverage", {}, [cov("C1", "乙区政协", *GAPS_COVERAGE), cov("", "全部", *GAPS_COVERAGE)]),
    (
        "gaps",
        "coverage",
        {"max_load": 0},
        [
            cov("C1", "乙区政协", *GAPS_COVERAGE),
            cov("", "全部", *GAPS_COVERAGE),
        ],
    ),
    ("gaps", "load_distribution", {}, [(0, 3)]),
    # what a departure would break: M1 alone covers S1 and S2 (through G1), S3 and S7 (through G4), and T4;
    # M2 and M3 alone cover T1 and T3. Betweenness: M1 joins its four ends, 6 pairs / (8 * 7 / 2)
    (
        "gaps",
        "connectors",
        {},
        [
            ("C1", "M1", "张一", 0, 4, 1, 6 / 28),
            ("C1", "M2", "王二", 0, 0, 1, 0.0),
            ("C1", "M3", "李三", 0, 0, 1, 0.0),
        ],
    ),
    # reach ---------------------------------------------------------------------------------------------
    ("reach", "reach", {}, REACH_ROWS[None]),
    ("reach", "reach", {"max_depth": 1}, REACH_ROWS[1]),
    ("reach", "reach", {"max_depth": 2}, REACH_ROWS[2]),
    ("reach", "reach", {"max_depth": 3}, REACH_ROWS[3]),
    ("reach", "reach", {"committee": "C1", "max_depth": 3}, REACH_ROWS[3]),
    ("reach", "party_group_reach", {}, [("C1", "PG", "丁县政协党组", 3, 8, 8, 1.0)]),
    ("reach", "party_group_reach", {"max_depth": 1}, [("C1", "PG", "丁县政协党组", 3, 4, 8, 0.5)]),
    ("reach", "party_group_reach", {"max_depth": 2}, [("C1", "PG", "丁县政协党组", 3, 4, 8, 0.5)]),
    ("reach", "party_group_reach", {"max_depth": 3}, [("C1", "PG", "丁县政协党组", 3, 7, 8, 0.875)]),
    (
        "reach",
        "sector_gaps",
        {},
        [
            ("C1", "S2", "无党派界", "sector", "no_liaison"),
            ("C1", "G1", "教育联组", "sector_group", "no_first_convener"),
        ],
    ),
    # committees ----------------------------------------------------------------------------------------
    ("committees", "coverage", {}, [X_ROW, Y_ROW, Z_ROW, W_ROW, V_ROW, U_ROW, ALL_ROW]),
    (
        "committees",
        "coverage",
        {"max_load": 1},
        [
            overloaded(X_ROW, 1),
            overloaded(Y_ROW, 1),
            Z_ROW,
            W_ROW,
            V_ROW,
            U_ROW,
            overloaded(ALL_ROW, 1),
        ],
    ),
    ("committees", "coverage", {"committee": "Y"}, [Y_ROW]),
    ("committees", "coverage", {"committee": "Z"}, [Z_ROW]),
    ("committees", "league_table", {}, [X_ROW, W_ROW, Y_ROW, U_ROW, V_ROW, Z_ROW]),
    ("committees", "unlinked", {"committee": "X"}, [("X", "D7", "市七", "MASSES", "", "")]),
    ("committees", "unlinked", {"committee": "Y"}, []),
    (
        "committees",
        "unorganized",
        {},
        [
            ("Y", "D2", "甲二", "", "", False),
            ("W", "W1", "丙一", "", "", False),
        ],
    ),
    ("committees", "unorganized", {"committee": "Y"}, [("Y", "D2", "甲二", "", "", False)]),
    ("committees", "unorganized", {"committee": "X"}, []),
    (
        "committees",
        "fragile",
        {},
        [
            ("Y", "D3", "甲三", "D1"),
            ("X", "D4", "市四", "D1"),
            ("X;Y", "D5", "双五", "D2"),
            ("W", "W2", "丙二", "W1"),
        ],
    ),
    ("committees", "fragile", {"committee": "X"}, [("X", "D4", "市四", "D1"), ("X;Y", "D5", "双五", "D2")]),
    ("committees", "fragile", {"committee": "Y"}, [("Y", "D3", "甲三", "D1"), ("X;Y", "D5", "双五", "D2")]),
    ("committees", "liaison_load", {"committee": "X"}, [("X;Y", "D1", "双一", False, 2, False, False)]),
    (
        "committees",
        "liaison_load",
        {"committee": "Y", "max_load": 1},
        [
            ("X;Y", "D1", "双一", False, 2, True, False),
            ("Y", "D2", "甲二", True, 1, False, False),
        ],
    ),
    ("committees", "load_distribution", {}, [(0, 0), (1, 2), (2, 1)]),
    ("committees", "load_distribution", {"committee": "Y"}, [(0, 0), (1, 1), (2, 1)]),
    ("committees", "load_distribution", {"committee": "Z"}, []),
    (
        "committees",
        "connectors",
        {},
        [
            ("X;Y", "D1", "双一", 2, 0, 0, 1 / 15),
            ("Y", "D2", "甲二", 1, 0, 0, 0.0),
            ("W", "W1", "丙一", 1, 0, 0, 0.0),
        ],
    ),
    # sole liaisons are counted over the whole dataset; only the rows are filtered
    ("committees", "connectors", {"committee": "X"}, [("X;Y", "D1", "双一", 2, 0, 0, 1 / 15)]),
    (
        "committees",
        "connectors",
        {"committee": "Y"},
        [
            ("X;Y", "D1", "双一", 2, 0, 0, 1 / 15),
            ("Y", "D2", "甲二", 1, 0, 0, 0.0),
        ],
    ),
    ("committees", "connectors", {"committee": "Z"}, []),
    (
        "committees",
        "reach",
        {},
        [
            ("X;Y", "D1", "双一", "CPC", 2, 0, 2, 0, 0, 0),
            ("Y", "D2", "甲二", "CPC", 1, 0, 1, 0, 0, 0),
            ("W", "W1", "丙一", "CPC", 1, 0, 1, 0, 0, 0),
        ],
    ),
    ("committees", "reach", {"committee": "X"}, [("X;Y", "D1", "双一", "CPC", 2, 0, 2, 0, 0, 0)]),
    ("committees", "party_group_reach", {}, [("Y", "PGY", "甲县政协党组", 1, 2, 4, 0.5)]),
    ("committees", "party_group_reach", {"committee": "X"}, []),
    (
        "committees",
        "township_gaps",
        {},
        [
            ("U", "TU", "戊县城关镇", "no_liaison_group"),
            ("U", "TU", "戊县城关镇", "no_township_liaison"),
        ],
    ),
    ("committees", "township_gaps", {"committee": "X"}, []),
    ("committees", "sector_gaps", {}, [("U", "SU", "戊县教育界", "sector", "no_liaison")]),
    ("committees", "sector_gaps", {"committee": "Y"}, []),
    ("committees", "platform_gaps", {}, []),
    # betweenness ---------------------------------------------------------------------------------------
    # path C1M-N1-C2M-N2-K2 and star C3M-{N3,N4,N5,K1}: 10 nodes, pairs / (9 * 8 / 2)
    (
        "betweenness",
        "connectors",
        {},
        [("C1", "C3M", "戊", 3, 0, 0, 6 / 36), ("C1", "C2M", "丙", 1, 0, 0, 4 / 36)],
    ),
    (
        "betweenness",
        "liaison_load",
        {"max_load": 2},
        [
            ("C1", "C1M", "甲", False, 1, False, False),
            ("C1", "C2M", "丙", False, 2, False, False),
            ("C1", "C3M", "戊", False, 3, True, False),
        ],
    ),
    (
        "betweenness",
        "liaison_load",
        {"max_load": 0},
        [
            ("C1", "C1M", "甲", False, 1, True, False),
            ("C1", "C2M", "丙", False, 2, True, False),
            ("C1", "C3M", "戊", False, 3, True, False),
        ],
    ),
    ("betweenness", "load_distribution", {}, [(0, 0), (1, 1), (2, 1), (3, 1)]),
    (
        "betweenness",
        "fragile",
        {},
        [
            ("C1", "N2", "丁", "C2M"),
            ("C1", "N3", "己", "C3M"),
            ("C1", "N4", "庚", "C3M"),
            ("C1", "N5", "辛", "C3M"),
        ],
    ),
    ("betweenness", "unlinked", {}, []),
    (
        "betweenness",
        "reach",
        {},
        [
            ("C1", "C1M", "甲", "CPC", 1, 0, 1, 0, 0, 0),
            ("C1", "C2M", "丙", "CPC", 2, 0, 2, 0, 0, 1),
            ("C1", "N2", "丁", "NP", 0, 0, 0, 0, 0, 1),
            ("C1", "C3M", "戊", "CPC", 3, 0, 3, 0, 0, 1),
        ],
    ),
    # no committee --------------------------------------------------------------------------------------
    ("no_committee", "coverage", {}, [cov("", "全部", 3, 1, 1, 1.0, 2, 1, 0.5, 1, 0, 0, 0, 0, 0, 0, 1)]),
    ("no_committee", "league_table", {}, []),
    ("no_committee", "unlinked", {}, [("", "N2", "孙三", "NP", "", "")]),
    ("no_committee", "fragile", {}, [("", "N1", "钱二", "M1")]),
    # party group ---------------------------------------------------------------------------------------
    # P1 is flagged, P2 has the role 党组副书记, P3 a membership in PG: all three are party-group members
    (
        "party_group",
        "sector_gaps",
        {},
        [
            # S2 (from P2), S3 and G2 (from P3) are covered; G1 has a CPC and a non-CPC first convener
            ("C2", "S9", "乙县经济界", "sector", "no_liaison"),
            ("C1", "G1", "经济联组", "sector_group", "first_convener_not_cpc"),
        ],
    ),
    (
        "party_group",
        "liaison_load",
        {},
        [
            ("C1", "P1", "党组甲", True, 2, False, False),
            ("C1", "P2", "党组乙", True, 0, False, False),
            ("C1", "P3", "党组丙", True, 0, False, False),
            ("C1", "Q1", "党员丁", False, 1, False, False),
            ("C2", "X2", "乙县党员", False, 0, False, True),
        ],
    ),
    # S = P1 P2 P3, N1 X1 (P1's liaisons), Q1 N1 (sector S1 via G1), N2 (S2 via P2, via G2 from P3);
    # X1 is of C2, so 6 of C1's 6 members
    ("party_group", "party_group_reach", {}, [("C1", "PG", "甲县政协党组", 3, 6, 6, 1.0)]),
    # one hop: P1 P2 P3 and N1 (X1 is not C1's)
    ("party_group", "party_group_reach", {"max_depth": 1}, [("C1", "PG", "甲县政协党组", 3, 4, 6, 4 / 6)]),
]


def _case_id(case: tuple[str, str, dict[str, Any], list[tuple[Any, ...]]]) -> str:
    name, fn, kwargs, _ = case
    return "-".join([name, fn, *(f"{k}={v}" for k, v in kwargs.items())])


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_hand_computed_rows(
    case: tuple[str, str, dict[str, Any], list[tuple[Any, ...]]], implementation: str
) -> None:
    name, fn, kwargs, expected = case
    frame = analysis(implementation, fn)(fixture(name), **kwargs)
    assert isinstance(frame, pd.DataFrame)
    assert_rows(frame, COLUMNS[fn], expected, label=f"{implementation} {_case_id(case)}")


def test_party_group_is_folded_at_load() -> None:
    ds = fixture("party_group")
    assert ds.members.set_index("id")["party_group"].to_dict() == {
        "P1": True,
        "P2": True,
        "P3": True,
        "Q1": False,
        "N1": False,
        "N2": False,
        "X1": False,
        "X2": False,
    }
    codes = [(p.code, p.value) for p in ds.warnings]
    # the sector liaisons of P2 and P3 count: no warning about them; G1's second first convener is one
    assert ("sector_liaison_not_party_group", "P2") not in codes
    assert not any(code == "sector_liaison_not_party_group" for code, _ in codes)
    assert [value for code, value in codes if code == "several_first_conveners"] == ["G1"]


def test_every_analysis_has_a_hand_computed_case() -> None:
    assert {fn for _, fn, _, _ in CASES} == set(oracle.ANALYSES)


FILTERED = [name for name in oracle.ANALYSES if name != "league_table"]


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@pytest.mark.parametrize("fn", FILTERED)
@pytest.mark.parametrize(
    ("name", "committee"), [("committees", "NOPE"), ("committees", "PGY"), ("no_committee", "C1")]
)
def test_unknown_committee_raises(fn: str, implementation: str, name: str, committee: str) -> None:
    with pytest.raises(UnknownIdError):
        analysis(implementation, fn)(fixture(name), committee=committee)


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_blank_committee_cells_belong_to_the_only_committee(implementation: str) -> None:
    """SPEC: every committee cell is filled in by the loader; with one committee, blank means that one."""
    ds = fixture("blank_committee")
    assert_rows(
        analysis(implementation, "platform_gaps")(ds, committee="C1"),
        COLUMNS["platform_gaps"],
        [("C1", "P1", "城关委员工作室", "studio", "T1")],
    )
    assert_rows(
        analysis(implementation, "coverage")(ds, committee="C1"),
        COLUMNS["coverage"],
        [cov("C1", "己县政协", 2, 1, 0, 0.0, 1, 1, 1.0, 0, 1, 1, 1, 1, 0, 0, 1)],
    )


def test_empty_sectors_and_townships_tables_load_cleanly() -> None:
    """A dataset whose sectors and townships tables hold only a header loads without a Python warning."""
    ds = load(FIXTURES / "no_committee")
    assert ds.sectors.empty and ds.townships.empty
    assert ds.members["committee"].tolist() == ["", "", ""]


@pytest.mark.parametrize("name", ["liaisons", "betweenness", "committees"])
def test_sampled_betweenness_matches_oracle(name: str) -> None:
    """Above `sample_limit` nodes both sample with networkx, the same node order and seed."""
    ds = fixture(name)
    real = analysis("pbgraph", "connectors")(ds, sample_limit=3, sample_size=3, seed=7)
    expected = oracle.connectors(ds, sample_limit=3, sample_size=3, seed=7)
    assert_same_connectors(real, expected, label=f"{name} sampled")


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_analyses_do_not_change_the_dataset(implementation: str) -> None:
    ds = load(FIXTURES / "committees")
    before = {name: frame.copy() for name, frame in ds.tables.items()}
    for fn in oracle.ANALYSES:
        analysis(implementation, fn)(ds)
    for name, frame in ds.tables.items():
        pd.testing.assert_frame_equal(frame, before[name])


REGISTRY: dict[str, dict[str, str]] = {
    "coverage": {"coverage": "coverage"},
    "unlinked": {"unlinked": "unlinked"},
    "unorganized": {"unorganized": "unorganized"},
    "sectors": {"sectors": "sector_gaps"},
    "townships": {"townships": "township_gaps"},
    "platforms": {"platforms": "platform_gaps"},
    "reach": {"reach": "reach", "party_groups": "party_group_reach"},
    "load": {"load": "liaison_load", "fragile": "fragile", "distribution": "load_distribution"},
    "connectors": {"connectors": "connectors"},
    "dormant": {"dormant": "dormant", "activity_rates": "activity_rates"},
    "org_life": {"org_life": "org_life", "org_meetings": "org_meetings", "org_life_rates": "org_life_rates"},
}
"""SPEC "Registry": the tables each `run` name gives, and the analysis that makes each table."""


@pytest.mark.parametrize(("committee", "max_load", "max_depth"), [(None, 5, None), ("Y", 1, 1)])
def test_run_all_gives_every_table_of_the_registry(
    committee: str | None, max_load: int, max_depth: int | None
) -> None:
    analyses = importlib.import_module("pbgraph.analyses")
    ds = fixture("committees")
    assert tuple(analyses.ANALYSES) == tuple(REGISTRY)
    results = analyses.run_all(ds, committee=committee, max_load=max_load, max_depth=max_depth)
    assert list(results) == list(REGISTRY)
    for name, tables in REGISTRY.items():
        result = results[name]
        assert result.name == name
        assert list(result.tables) == list(tables)
        # the fixture records no activity: the activity analyses say so
        assert result.notes == (["no_table:activities"] if name in ("dormant", "org_life") else [])
        for table, fn in tables.items():
            kwargs: dict[str, Any] = {"committee": committee}
            if fn in ("coverage", "liaison_load", "load_distribution"):
                kwargs["max_load"] = max_load
            if fn in ("reach", "party_group_reach"):
                kwargs["max_depth"] = max_depth
            expected = {**oracle.ANALYSES, **oracle.ACTIVITY_ANALYSES}[fn](ds, **kwargs)
            assert_same_frames(result.tables[table], expected, label=f"{name}.{table}")
