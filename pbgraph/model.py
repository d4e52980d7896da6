"""The vocabulary of the domain: node kinds, party codes, organization kinds, liaison kinds, roles,
the input tables and every Chinese alias (DESIGN sections 2 and 3).

Nothing else in the package spells these strings out; it imports them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NodeKind(StrEnum):
    """Kinds of node in the graph view (also the Neo4j labels, capitalized)."""

    MEMBER = "member"
    SECTOR = "sector"
    TOWNSHIP = "township"
    ORGANIZATION = "organization"
    CONTACT = "contact"


NEO4J_LABELS: dict[NodeKind, str] = {
    NodeKind.MEMBER: "Member",
    NodeKind.SECTOR: "Sector",
    NodeKind.TOWNSHIP: "Township",
    NodeKind.ORGANIZATION: "Organization",
    NodeKind.CONTACT: "Contact",
}

NODE_KIND_ZH: dict[str, str] = {
    NodeKind.MEMBER: "委员",
    NodeKind.SECTOR: "界别",
    NodeKind.TOWNSHIP: "镇街",
    NodeKind.ORGANIZATION: "组织",
    NodeKind.CONTACT: "联系群众",
}


class Party(StrEnum):
    """Political affiliation codes (`members.party`)."""

    CPC = "CPC"
    RCCK = "RCCK"
    CDL = "CDL"
    CNDCA = "CNDCA"
    CAPD = "CAPD"
    CPWDP = "CPWDP"
    CZGP = "CZGP"
    JS = "JS"
    TDSGL = "TDSGL"
    NP = "NP"
    MASSES = "MASSES"
    CYL = "CYL"


PARTY_ZH: dict[str, str] = {
    Party.CPC: "中共党员",
    Party.RCCK: "民革",
    Party.CDL: "民盟",
    Party.CNDCA: "民建",
    Party.CAPD: "民进",
    Party.CPWDP: "农工党",
    Party.CZGP: "致公党",
    Party.JS: "九三学社",
    Party.TDSGL: "台盟",
    Party.NP: "无党派人士",
    Party.MASSES: "群众",
    Party.CYL: "共青团员",
}

PARTY_ALIASES: dict[str, Party] = {
    "中共党员": Party.CPC,
    "中共": Party.CPC,
    "中国共产党党员": Party.CPC,
    "党员": Party.CPC,
    "中共预备党员": Party.CPC,
    "共产党员": Party.CPC,
    "中国共产党": Party.CPC,
    "预备党员": Party.CPC,
    "民革": Party.RCCK,
    "民革党员": Party.RCCK,
    "民盟": Party.CDL,
    "民盟盟员": Party.CDL,
    "民建": Party.CNDCA,
    "民建会员": Party.CNDCA,
    "民进": Party.CAPD,
    "民进会员": Party.CAPD,
    "农工党": Party.CPWDP,
    "农工党党员": Party.CPWDP,
    "致公党": Party.CZGP,
    "致公党党员": Party.CZGP,
    "九三学社": Party.JS,
    "九三学社社员": Party.JS,
    "台盟": Party.TDSGL,
    "台盟盟员": Party.TDSGL,
    "无党派": Party.NP,
    "无党派人士": Party.NP,
    "群众": Party.MASSES,
    # the variants offices write (DESIGN 3.1); full-width brackets as typed, half-width as normalized
    "中共党员（预备）": Party.CPC,
    "中共党员(预备)": Party.CPC,
    "中共预备": Party.CPC,
    "九三": Party.JS,
    "农工": Party.CPWDP,
    "农工民主党": Party.CPWDP,
    "致公": Party.CZGP,
    "民进党员": Party.CAPD,
    "民建党员": Party.CNDCA,
    "共青团员": Party.CYL,
    "团员": Party.CYL,
    "共青团": Party.CYL,
}


class OrgKind(StrEnum):
    """Organization kinds (`organizations.kind`)."""

    COMMITTEE = "committee"
    PARTY_GROUP = "party_group"
    ORGAN_PARTY_GROUP = "organ_party_group"
    PARTY_COMMITTEE = "party_committee"
    SUB_PARTY_GROUP = "sub_party_group"
    PARTY_BRANCH = "party_branch"
    FUNCTIONAL_BRANCH = "functional_branch"
    PARTY_CELL = "party_cell"
    TEMPORARY_BRANCH = "temporary_branch"
    SPECIAL_COMMITTEE = "special_committee"
    SECTOR_GROUP = "sector_group"
    LIAISON_GROUP = "liaison_group"
    STUDY_GROUP = "study_group"
    STUDIO = "studio"
    STATION = "station"


ORG_KIND_ZH: dict[str, str] = {
    OrgKind.COMMITTEE: "政协",
    OrgKind.PARTY_GROUP: "政协党组",
    OrgKind.ORGAN_PARTY_GROUP: "机关党组",
    OrgKind.PARTY_COMMITTEE: "机关党委",
    OrgKind.SUB_PARTY_GROUP: "专委会分党组",
    OrgKind.PARTY_BRANCH: "党支部",
    OrgKind.FUNCTIONAL_BRANCH: "履职党支部",
    OrgKind.PARTY_CELL: "界别党小组",
    OrgKind.TEMPORARY_BRANCH: "临时党支部",
    OrgKind.SPECIAL_COMMITTEE: "专委会",
    OrgKind.SECTOR_GROUP: "界别联组",
    OrgKind.LIAISON_GROUP: "镇街联络组",
    OrgKind.STUDY_GROUP: "学习组",
    OrgKind.STUDIO: "委员工作室",
    OrgKind.STATION: "委员联络站",
}

ORG_KIND_ALIASES: dict[str, OrgKind] = {
    "政协": OrgKind.COMMITTEE,
    "政协委员会": OrgKind.COMMITTEE,
    "党组": OrgKind.PARTY_GROUP,
    "政协党组": OrgKind.PARTY_GROUP,
    "机关党组": OrgKind.ORGAN_PARTY_GROUP,
    "机关党委": OrgKind.PARTY_COMMITTEE,
    "党总支": OrgKind.PARTY_COMMITTEE,
    "分党组": OrgKind.SUB_PARTY_GROUP,
    "专委会分党组": OrgKind.SUB_PARTY_GROUP,
    "党支部": OrgKind.PARTY_BRANCH,
    "机关党支部": OrgKind.PARTY_BRANCH,
    "履职党支部": OrgKind.FUNCTIONAL_BRANCH,
    "功能型党支部": OrgKind.FUNCTIONAL_BRANCH,
    "党员委员履职党支部": OrgKind.FUNCTIONAL_BRANCH,
    "党小组": OrgKind.PARTY_CELL,
    "界别党小组": OrgKind.PARTY_CELL,
    "临时党支部": OrgKind.TEMPORARY_BRANCH,
    "专委会": OrgKind.SPECIAL_COMMITTEE,
    "界别联组": OrgKind.SECTOR_GROUP,
    "界别活动组": OrgKind.SECTOR_GROUP,
    "联络组": OrgKind.LIAISON_GROUP,
    "镇街联络组": OrgKind.LIAISON_GROUP,
    "镇街政协工作联络组": OrgKind.LIAISON_GROUP,
    "学习组": OrgKind.STUDY_GROUP,
    "委员工作室": OrgKind.STUDIO,
    "联络站": OrgKind.STATION,
    "委员联络站": OrgKind.STATION,
    # the variants offices write (DESIGN 3.1)
    "镇（街）政协工作联络组": OrgKind.LIAISON_GROUP,
    "镇(街)政协工作联络组": OrgKind.LIAISON_GROUP,
    "镇（街）联络组": OrgKind.LIAISON_GROUP,
    "镇(街)联络组": OrgKind.LIAISON_GROUP,
    "政协工作联络组": OrgKind.LIAISON_GROUP,
    "政协委员工作站": OrgKind.STATION,
    "委员工作站": OrgKind.STATION,
    "委员活动组": OrgKind.SECTOR_GROUP,
    "界别组": OrgKind.SECTOR_GROUP,
    "政协学习组": OrgKind.STUDY_GROUP,
    "委员学习组": OrgKind.STUDY_GROUP,
    "政协委员工作室": OrgKind.STUDIO,
    "专门委员会": OrgKind.SPECIAL_COMMITTEE,
}

PARTY_ORG_KINDS: frozenset[OrgKind] = frozenset(
    {
        OrgKind.PARTY_GROUP,
        OrgKind.ORGAN_PARTY_GROUP,
        OrgKind.PARTY_COMMITTEE,
        OrgKind.SUB_PARTY_GROUP,
        OrgKind.PARTY_BRANCH,
        OrgKind.FUNCTIONAL_BRANCH,
        OrgKind.PARTY_CELL,
        OrgKind.TEMPORARY_BRANCH,
    }
)
"""Party organizations (DESIGN 3)."""

ORGANIZING_KINDS: frozenset[OrgKind] = PARTY_ORG_KINDS - {OrgKind.TEMPORARY_BRANCH}
"""Party organizations whose membership organizes a CPC member (temporary branches do not)."""

PLATFORM_KINDS: frozenset[OrgKind] = frozenset({OrgKind.STUDY_GROUP, OrgKind.STUDIO, OrgKind.STATION})
"""Grassroots platforms: studios, stations and study groups."""


class LiaisonKind(StrEnum):
    """Liaison kinds (`liaisons.kind`)."""

    SECTOR = "sector"
    MEMBER = "member"
    TOWNSHIP = "township"
    CONTACT = "contact"


LIAISON_KIND_ZH: dict[str, str] = {
    LiaisonKind.SECTOR: "联系界别",
    LiaisonKind.MEMBER: "联系党外委员",
    LiaisonKind.TOWNSHIP: "联系镇街",
    LiaisonKind.CONTACT: "联系群众",
}

LIAISON_KIND_ALIASES: dict[str, LiaisonKind] = {
    "界别": LiaisonKind.SECTOR,
    "联系界别": LiaisonKind.SECTOR,
    "委员": LiaisonKind.MEMBER,
    "联系委员": LiaisonKind.MEMBER,
    "党外委员": LiaisonKind.MEMBER,
    "联系党外委员": LiaisonKind.MEMBER,
    "镇街": LiaisonKind.TOWNSHIP,
    "镇(街)": LiaisonKind.TOWNSHIP,
    "联系镇街": LiaisonKind.TOWNSHIP,
    "群众": LiaisonKind.CONTACT,
    "联系群众": LiaisonKind.CONTACT,
    # the variants offices write (DESIGN 3.1)
    "镇（街）": LiaisonKind.TOWNSHIP,
    "联系镇（街）": LiaisonKind.TOWNSHIP,
    "联系镇(街)": LiaisonKind.TOWNSHIP,
    "联系界别（联组）": LiaisonKind.SECTOR,
    "联系界别(联组)": LiaisonKind.SECTOR,
    "联系党外人士": LiaisonKind.MEMBER,
}


class ActivityKind(StrEnum):
    """Activity kinds (`activities.kind`): liaison activities, then meetings of an organization."""

    TALK = "talk"
    VISIT = "visit"
    CALL = "call"
    EVENT = "event"
    ORG_LIFE = "org_life"
    PARTY_DAY = "party_day"
    STUDY = "study"


ACTIVITY_KIND_ZH: dict[str, str] = {
    ActivityKind.TALK: "谈心谈话",
    ActivityKind.VISIT: "走访",
    ActivityKind.CALL: "电话联系",
    ActivityKind.EVENT: "座谈",
    ActivityKind.ORG_LIFE: "组织生活",
    ActivityKind.PARTY_DAY: "主题党日",
    ActivityKind.STUDY: "集中学习",
}

ACTIVITY_KIND_ALIASES: dict[str, ActivityKind] = {
    "谈心谈话": ActivityKind.TALK,
    "谈心": ActivityKind.TALK,
    "走访": ActivityKind.VISIT,
    "走访慰问": ActivityKind.VISIT,
    "看望": ActivityKind.VISIT,
    "谈话": ActivityKind.TALK,
    "电话联系": ActivityKind.CALL,
    "微信联系": ActivityKind.CALL,
    "电话": ActivityKind.CALL,
    "微信": ActivityKind.CALL,
    "联系": ActivityKind.CALL,
    "座谈": ActivityKind.EVENT,
    "联谊": ActivityKind.EVENT,
    "协商活动": ActivityKind.EVENT,
    "组织生活": ActivityKind.ORG_LIFE,
    "组织生活会": ActivityKind.ORG_LIFE,
    "三会一课": ActivityKind.ORG_LIFE,
    "支部会议": ActivityKind.ORG_LIFE,
    "支部党员大会": ActivityKind.ORG_LIFE,
    "党员大会": ActivityKind.ORG_LIFE,
    "支委会": ActivityKind.ORG_LIFE,
    "党小组会": ActivityKind.ORG_LIFE,
    "党课": ActivityKind.ORG_LIFE,
    "主题党日": ActivityKind.PARTY_DAY,
    "主题党日活动": ActivityKind.PARTY_DAY,
    "集中学习": ActivityKind.STUDY,
    "学习": ActivityKind.STUDY,
}

LIAISON_ACTIVITY_KINDS: frozenset[ActivityKind] = frozenset(
    {ActivityKind.TALK, ActivityKind.VISIT, ActivityKind.CALL, ActivityKind.EVENT}
)
"""Activities that exercise a liaison: they need a `target`, or two or more `members`."""

MEETING_KINDS: frozenset[ActivityKind] = frozenset(
    {ActivityKind.ORG_LIFE, ActivityKind.PARTY_DAY, ActivityKind.STUDY}
)
"""Meetings of an organization: they need an `organization`."""

DUTY_LINE_KINDS: frozenset[OrgKind] = frozenset(
    {OrgKind.FUNCTIONAL_BRANCH, OrgKind.PARTY_CELL, OrgKind.SUB_PARTY_GROUP}
)
"""The committee-side duty line whose meetings are 双重组织生活 (DESIGN 4, `org_life`)."""


class Role(StrEnum):
    """Roles within an organization (`memberships.role`)."""

    MEMBER = "member"
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    COMMITTEE_MEMBER = "committee_member"
    LEADER = "leader"
    FIRST_CONVENER = "first_convener"
    CONVENER = "convener"
    INSTRUCTOR = "instructor"


ROLE_ZH: dict[str, str] = {
    Role.MEMBER: "成员",
    Role.SECRETARY: "书记",
    Role.DEPUTY_SECRETARY: "副书记",
    Role.COMMITTEE_MEMBER: "委员",
    Role.LEADER: "组长",
    Role.FIRST_CONVENER: "第一召集人",
    Role.CONVENER: "召集人",
    Role.INSTRUCTOR: "指导员",
}

ROLE_ALIASES: dict[str, Role] = {zh: Role(role) for role, zh in ROLE_ZH.items()} | {
    "党员": Role.MEMBER,
    # the variants offices write (DESIGN 3.1)
    "组员": Role.MEMBER,
    "联络员": Role.MEMBER,
    "支部书记": Role.SECRETARY,
    "党支部书记": Role.SECRETARY,
    "支部副书记": Role.DEPUTY_SECRETARY,
    "支委": Role.COMMITTEE_MEMBER,
    "支部委员": Role.COMMITTEE_MEMBER,
    # a deputy leader sits in the group's leading body, as a branch committee member does
    "副组长": Role.COMMITTEE_MEMBER,
    "党小组长": Role.LEADER,
}

PARTY_GROUP_ROLES: frozenset[str] = frozenset(
    {"党组书记", "党组副书记", "党组成员", "政协党组书记", "政协党组副书记", "政协党组成员"}
)
"""Entries of `members.roles` that make a member a party-group member (DESIGN 3)."""

TOWNSHIP_KINDS: tuple[str, ...] = ("镇", "街道", "乡")
TOWNSHIP_KIND_ALIASES: dict[str, str] = {
    "镇": "镇",
    "街道": "街道",
    "街": "街道",
    "乡": "乡",
    "town": "镇",
    "subdistrict": "街道",
    "township": "乡",
}

TRUE_VALUES: frozenset[str] = frozenset({"是", "true", "1", "yes", "y", "t", "√"})
FALSE_VALUES: frozenset[str] = frozenset({"否", "false", "0", "no", "n", "f", ""})

MULTI_VALUE_SEPARATOR = ";"
"""Separator inside `members.roles` and `members.committee` (full-width ；、 are accepted too)."""


@dataclass(frozen=True)
class Column:
    """One column of an input table."""

    name: str
    zh: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One input table: its columns, and whether the table itself must be present (only `members`: any other
    table a dataset does not give is not recorded, DESIGN 3)."""

    name: str
    zh: str
    columns: tuple[Column, ...]
    required: bool = False
    node_kind: NodeKind | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, zh: str, *aliases: str, required: bool = False) -> Column:
    return Column(name, zh, required, aliases)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "members",
            "委员",
            (
                _c("id", "编号", "委员编号", "ID", required=True),
                _c("name", "姓名", required=True),
                _c("party", "政治面貌", "党派", required=True),
                _c("committee", "政协", "所属政协"),
                _c("sector", "界别"),
                _c("township", "镇街", "镇(街)", "所在镇街"),
                _c("roles", "职务"),
                _c("party_group", "党组成员"),
                _c("enterprise", "委员企业"),
            ),
            required=True,
            node_kind=NodeKind.MEMBER,
        ),
        Table(
            "sectors",
            "界别",
            (
                _c("id", "编号", "界别编号", "ID", required=True),
                _c("name", "名称", "界别名称", required=True),
                _c("group", "界别联组"),
                _c("committee", "政协", "所属政协"),
            ),
            node_kind=NodeKind.SECTOR,
        ),
        Table(
            "townships",
            "镇街",
            (
                _c("id", "编号", "镇街编号", "ID", required=True),
                _c("name", "名称", "镇街名称", required=True),
                _c("kind", "类型"),
                _c("committee", "政协", "所属政协"),
            ),
            node_kind=NodeKind.TOWNSHIP,
        ),
        Table(
            "organizations",
            "组织",
            (
                _c("id", "编号", "组织编号", "ID", required=True),
                _c("name", "名称", "组织名称", required=True),
                _c("kind", "类型", required=True),
                _c("parent", "上级", "上级组织"),
                _c("township", "镇街", "镇(街)"),
                _c("committee", "政协", "所属政协"),
            ),
            node_kind=NodeKind.ORGANIZATION,
        ),
        Table(
            "memberships",
            "组织成员",
            (
                _c("member", "委员", "成员", required=True),
                _c("organization", "组织", required=True),
                _c("role", "职务"),
            ),
        ),
        Table(
            "liaisons",
            "联系",
            (
                _c("source", "联系人", "发起方", required=True),
                _c("target", "联系对象", required=True),
                _c("kind", "类型", required=True),
                _c("since", "开始日期", "日期"),
                _c("note", "备注"),
            ),
        ),
        Table(
            "contacts",
            "联系群众",
            (
                _c("id", "编号", "ID", required=True),
                _c("name", "姓名"),
                _c("township", "镇街", "镇(街)"),
            ),
            node_kind=NodeKind.CONTACT,
        ),
        Table(
            "activities",
            "活动",
            (
                _c("date", "日期", "活动日期", "时间", required=True),
                _c("kind", "类型", "方式", "活动类型", "联系方式", required=True),
                _c("members", "参加委员", "党员委员", "参加人员", "委员", required=True),
                _c("target", "对象", "联系对象"),
                _c("organization", "组织", "党组织"),
                _c("note", "内容", "备注", "活动内容"),
            ),
        ),
    )
}
"""Every input table in load order (node tables first)."""

NODE_TABLES: tuple[str, ...] = tuple(name for name, t in TABLES.items() if t.node_kind is not None)

TABLE_ALIASES: dict[str, str] = {t.zh: t.name for t in TABLES.values()} | {
    "组织关系": "memberships",
    "联系关系": "liaisons",
    "群众": "contacts",
    "活动记录": "activities",
    "联系记录": "activities",
    "组织生活记录": "activities",
}
"""Chinese file or sheet names accepted for each table."""
