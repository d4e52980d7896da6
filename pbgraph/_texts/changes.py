"""The words of comparisons (`pbgraph diff`, `whatif`, `plan --view`, the report's "与上次比较"): the
report's finding and the change views' titles and legend."""

from __future__ import annotations

CHANGES: dict[str, tuple[str, str]] = {
    "finding": (
        "与 {old} 相比：{joined} 名委员新增，{left} 名退出，{changed} 项委员信息变更；{added} 条联系新增，"
        "{removed} 条删除，{broken} 条因委员退出而中断；{opened} 个缺口新出现，{closed} 个已消除，"
        "{worsened} 个加重，{gone} 个对象已不在。",
        "Compared with {old}: {joined} members joined, {left} left, {changed} member changes; {added} "
        "liaisons added, {removed} removed, {broken} broken by a departure; {opened} gaps opened, {closed} "
        "closed, {worsened} worsened, {gone} gone with their subject.",
    ),
    "plan_title": ("联系安排", "Plan"),
    "planned": ("拟建联系", "proposed liaison"),
    "diff_title": ("变化", "Changes"),
    "added": ("新增联系", "liaison added"),
    "removed": ("删除的联系", "liaison removed"),
    "broken": ("因委员退出而中断的联系", "liaison broken by a departure"),
    "joined": ("新增委员", "member joined"),
    "left": ("退出的委员", "member left"),
    "titled": ("{title}：{scope}", "{title}: {scope}"),
    "changes_only": (
        "超过 {limit} 个节点：只画出有变化的委员和联系，及与其有联系的节点（{shown} 个，共 {total} 个）。",
        "More than {limit} nodes: only the members and liaisons that changed are drawn, with what they liaise"
        " with ({shown} of {total} nodes).",
    ),
    "noted": ("{text}（{note}）", "{text} ({note})"),
}
"""Keys of the views' legend are the change codes (`added`, `removed`, `broken`, `joined`, `left`)."""
