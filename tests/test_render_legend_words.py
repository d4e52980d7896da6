"""A legend names each of its entries once: no two entries of one view read the same, on the page (the label)
or in the picture (the full wording), in either language. The contacts (DESIGN 2: 群众 (联系对象)) and the
contact liaisons to them (委员联系群众) are two entries in two wordings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from pbgraph import Dataset, plan, whatif
from pbgraph.changes import without_members
from pbgraph.render._model import View
from pbgraph.render.views import COLOR_BY, VIEWS, build_view
from pbgraph.render.views.changes import diff_view, plan_view


def _targets(ds: Dataset) -> dict[str, str]:
    """The id each view that needs one is about: the member with the most contacts (also the reach source),
    the sector and township with the most members, the first committee."""
    contact_liaisons = ds.liaisons[ds.liaisons["kind"] == "contact"]
    member = str(contact_liaisons["source"].value_counts().index[0])
    committees = ds.organizations[ds.organizations["kind"] == "committee"]
    return {
        "member": member,
        "reach": member,
        "sector": str(ds.members["sector"].value_counts().index[0]),
        "township": str(ds.members["township"].value_counts().index[0]),
        "committee": str(committees["id"].iloc[0]),
    }


def _views(ds: Dataset, lang: str) -> Iterator[tuple[str, View]]:
    targets = _targets(ds)
    for name in VIEWS:
        for color_by in COLOR_BY:
            yield (
                f"{name} by {color_by}",
                build_view(ds, name, targets.get(name), color_by=color_by, lang=lang),
            )
        # folded into super-nodes
        yield f"{name} folded", build_view(ds, name, targets.get(name), node_limit=40, lang=lang)
    yield "plan", plan_view(ds, plan(ds), lang=lang)
    removed = [targets["member"]]
    yield "whatif", diff_view(ds, without_members(ds, removed), whatif(ds, removed), lang=lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_legend_names_two_entries_alike(sample: Dataset, lang: str) -> None:
    seen = 0
    for name, view in _views(sample, lang):
        for words in (
            [item.label for item in view.legend],
            [item.full or item.label for item in view.legend],
        ):
            twice = [word for word, n in Counter(words).items() if n > 1]
            assert twice == [], f"{name} ({lang}): {twice} in {words}"
        seen += 1
    assert seen == len(VIEWS) * (len(COLOR_BY) + 1) + 2


@pytest.mark.parametrize(
    ("lang", "node", "node_full", "edge"),
    [
        ("zh", "联系对象", "委员联系的群众", "联系群众"),
        ("en", "contact", "contact: a person a member liaises with", "contact liaison"),
    ],
)
def test_the_member_view_tells_contacts_from_the_liaisons_to_them(
    sample: Dataset, lang: str, node: str, node_full: str, edge: str
) -> None:
    member = _targets(sample)["member"]
    contacts = sample.liaisons[(sample.liaisons["kind"] == "contact") & (sample.liaisons["source"] == member)]
    for name in ("member", "township"):
        target = member if name == "member" else str(sample.members.set_index("id").at[member, "township"])
        legend = {item.label: item for item in build_view(sample, name, target, lang=lang).legend}
        # the contact nodes: a dot of their own, the full wording in the tooltip and the picture
        assert legend[node].shape != "line" and legend[node].full == node_full
        # the liaisons to them: a line, named as the liaison kind is everywhere
        assert legend[edge].shape == "line" and legend[edge].full is None
        if name == "member":
            assert legend[node].count == legend[edge].count == len(contacts)
