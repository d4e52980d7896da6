"""A member on two committees (committee cell `C1;C2`) is a member of each, as the tables count them: a
folded view's committee super-nodes said 华集县政协（202 人） where the league table said 205. The member's
node sits under the first committee only; the other committee's tooltip says how many of its members are
drawn there."""

from __future__ import annotations

import pytest

from pbgraph import Dataset, analyses, load
from pbgraph._texts.render import TOOLTIP, t
from pbgraph.render import build_view


@pytest.fixture(scope="module")
def two_committees(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A city committee C1 with a county committee C2 under it: C1 has M1–M3 and M6, C2 has M4, M5 and M6
    (M6 sits on both, C1 first)."""
    folder = tmp_path_factory.mktemp("two-committees")
    (folder / "organizations.csv").write_text(
        "id,name,kind,parent,township,committee\nC1,甲市政协,政协,,,C1\nC2,乙县政协,政协,C1,,C2\n",
        encoding="utf-8",
    )
    (folder / "sectors.csv").write_text("id,name,committee\nS1,经济界,C1\nS2,教育界,C2\n", encoding="utf-8")
    (folder / "members.csv").write_text(
        "id,name,party,committee,sector\n"
        "M1,赵一,中共党员,C1,S1\nM2,钱二,民盟盟员,C1,S1\nM3,孙三,群众,C1,S1\n"
        "M4,李四,中共党员,C2,S2\nM5,周五,无党派人士,C2,S2\nM6,吴六,民建会员,C1;C2,S1\n",
        encoding="utf-8",
    )
    return load(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_member_of_two_committees_counts_in_both(two_committees: Dataset, lang: str) -> None:
    # what the tables say: the coverage table counts M6 among the members of each committee
    coverage = analyses.coverage(two_committees)
    counted = dict(zip(coverage["committee"], coverage["members"], strict=True))
    assert (counted["C1"], counted["C2"]) == (4, 3)
    # folded (two members above the node limit): one super-node per committee, 4 and 3 members
    view = build_view(two_committees, "network", node_limit=2, lang=lang)
    tops = {node.id: node for node in view.nodes if node.kind == "aggregate" and node.parent is None}
    assert set(tops) == {"agg:0:C1", "agg:0:C2"}
    people = t("people", lang)
    assert tops["agg:0:C1"].label.startswith(people.format(label="甲市政协", count=4))
    assert tops["agg:0:C2"].label.startswith(people.format(label="乙县政协", count=3))
    members, elsewhere = t("members", lang, TOOLTIP), t("elsewhere", lang, TOOLTIP)
    assert (tops["agg:0:C1"].tooltip[members], tops["agg:0:C2"].tooltip[members]) == ("4", "3")
    # C2's tooltip says that one of its members is drawn under C1; C1's says nothing of the kind
    assert tops["agg:0:C2"].tooltip[elsewhere] == "1"
    assert elsewhere not in tops["agg:0:C1"].tooltip
    # the member's node is drawn once, under C1's sector
    assert [node.parent for node in view.nodes if node.id == "M6"] == ["agg:1:C1|S1"]
