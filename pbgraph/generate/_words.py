"""Vocabulary of the invented names: surnames, given names, places, sectors, enterprises."""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.generate._arrays import _join, _strings, _take
from pbgraph.model import (
    Party,
)

# ----------------------------------------------------------------------------------------------------
# vocabulary of invented names


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# weights fall off like real surname frequencies: the first few are very common, the tail is long
_SURNAME_WEIGHTS = 1.0 / np.arange(1, len(_SURNAMES) + 1) ** 0.8
# given-name characters as they are used for men and for women (a few are used for both)
_GIVEN_MALE = (
    "伟强磊军洋勇杰涛明超刚建国志文斌波辉宇鹏飞浩博俊峰鑫帆林东亮成荣新鸿德清正永兴福祥宏昌泽润彬翔远思源"
    "立松柏晨宁海华平春云"
)
_GIVEN_FEMALE = "芳娜敏静丽艳娟秀霞桂英玉兰萍红琳雪梅婷慧颖涵欣怡佳晓凤霖倩莉琴丹晶蕾璐薇琪悦妍燕晨宁华平春云"
_FEMALE_SHARE = 0.4
_PLACE_FIRST = "".join(
    dict.fromkeys(
        "青白金石龙凤云松柏桃杨柳梅兰竹东西南北中新安永长太宝丰泰福兴昌盛和平宁康德清明华阳红碧双三"
        "黄绿紫丹玉银铜铁高大小上下前后古仁义礼信顺通广延嘉庆吉祥瑞"
    )
)
_PLACE_SECOND = "".join(
    dict.fromkeys(
        "山河湖江溪泉川源岭峰坪塘湾桥口洲城庄坝关台田园林港浦滩岗坡沟屯集店寨堡营水岩"
        "亭阁门场铺堰坑岛沙井池渡坊头"
    )
)
_INDUSTRIES = _words("建材 食品 酒业 茶业 农业科技 物流 建设 医药 电子 纺织 商贸 旅游")
_NUMERALS = _words("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十")

# sectors: the party sectors first (their column index is the party's index in _PARTIES), then the others
_PARTIES: tuple[Party, ...] = (
    *(Party.CPC, Party.RCCK, Party.CDL, Party.CNDCA, Party.CAPD, Party.CPWDP, Party.CZGP, Party.JS),
    *(Party.TDSGL, Party.NP, Party.MASSES),
)
_PARTY_SECTORS = _words("中共 民革 民盟 民建 民进 农工党 致公党 九三学社 台盟 无党派人士")
_OPEN_SECTORS = _words("""
    共青团 总工会 妇联 青联 工商联 科协 台联 侨联 文化艺术界 科技界 社会科学界 经济界 农业和农村界
    教育界 体育界 新闻出版界 医药卫生界 对外友好界 社会福利和社会保障界 少数民族界 宗教界 特邀人士
    环境资源界 特别邀请人士""")
# how often a committee has each open sector (Efraimidis–Spirakis weights): county staples are near-certain
_OPEN_SECTOR_WEIGHTS = np.array(
    [6, 6, 6, 2, 8, 3, 1, 3, 6, 6, 2, 8, 8, 8, 4, 3, 8, 1, 5, 4, 3, 5, 1, 1], dtype=float
)
_ENTERPRISE_SECTORS = ("工商联", "经济界")
_SPECIAL_COMMITTEES = _words("""
    提案委员会 经济委员会 农业和农村委员会 人口资源环境委员会 教科卫体委员会 社会和法制委员会
    民族宗教委员会 港澳台侨和外事委员会 文化文史和学习委员会 社会法制和民族宗教委员会""")
# non-party composition: RCCK CDL CNDCA CAPD CPWDP CZGP JS TDSGL NP MASSES
_COUNTY_NON_PARTY = (3, 8, 7, 6, 6, 2, 6, 0.5, 25, 30)
_CITY_NON_PARTY = (5, 10, 9, 8, 7, 3, 8, 1, 18, 15)
_PROVINCE_NON_PARTY = (7, 12, 11, 10, 8, 4, 10, 2, 14, 8)
_NATIONAL_NON_PARTY = (9, 13, 12, 11, 9, 5, 11, 4, 12, 4)
# the share of a party's members who sit in that party's own sector, when the committee has it
_OWN_SECTOR_SHARE = np.array([0.35, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 0.0])
_SECOND_LIAISON_SHARE = 0.35
_TOWNSHIP_LIAISON_SHARE = 0.3
_SPECIAL_COMMITTEE_SHARE = 0.4
_STANDING_SHARE = 0.15
_PLATFORM_CELL_SHARE = 0.4


def _person_names(rng: np.random.Generator, count: int) -> pa.Array:
    """Invented names: a surname by frequency, then one or two given-name characters of one gender."""
    sur = _take(
        _strings(_SURNAMES), rng.choice(len(_SURNAMES), count, p=_SURNAME_WEIGHTS / _SURNAME_WEIGHTS.sum())
    )
    female = rng.random(count) < _FEMALE_SHARE
    given = []
    for _ in range(2):
        male_char = _take(_strings(_GIVEN_MALE), rng.integers(0, len(_GIVEN_MALE), count))
        female_char = _take(_strings(_GIVEN_FEMALE), rng.integers(0, len(_GIVEN_FEMALE), count))
        given.append(pc.if_else(pa.array(female), female_char, male_char))
    two_characters = pa.array(rng.random(count) < 0.7)
    return _join(sur, pc.if_else(two_characters, _join(given[0], given[1]), given[0]))


def _place_names(positions: np.ndarray) -> pa.Array:
    """Two-character place names by position in the grid of first x second characters."""
    first = _take(_strings(_PLACE_FIRST), positions // len(_PLACE_SECOND) % len(_PLACE_FIRST))
    second = _take(_strings(_PLACE_SECOND), positions % len(_PLACE_SECOND))
    return _join(first, second)


_PLACES = len(_PLACE_FIRST) * len(_PLACE_SECOND)
# a stride that changes both characters and does not come back within a committee's townships
_PLACE_STRIDE = next(s for s in range(len(_PLACE_SECOND) + 1, _PLACES) if math.gcd(s, _PLACES) == 1)
