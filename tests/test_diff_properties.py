"""`pbgraph.diff` and `pbgraph.whatif` on random datasets (hypothesis): a copy with random known mutations,
written and loaded back, gives exactly those mutations; and what `connectors` says a departure would break
is what `whatif` finds when that member leaves."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbgraph import Dataset, load
from pbgraph.analyses import connectors
from pbgraph.changes import diff, whatif
from pbgraph.export import export_csv
from tests.datasets import dataset_tables, load_tables

SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def reloaded(ds: Dataset) -> Dataset:
    """The dataset written as CSV and loaded again: the way a second dataset reaches `diff`."""
    with tempfile.TemporaryDirectory(prefix="pbgraph-test-") as folder:
        export_csv(ds, Path(folder) / "after")
        return load(Path(folder) / "after")


def liaison_keys(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(frame[["source", "kind", "target"]].itertuples(index=False, name=None))


def membership_keys(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(frame[["member", "organization", "role"]].itertuples(index=False, name=None))


@settings(max_examples=25, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(max_members=15), data=st.data())
def test_a_randomly_mutated_copy_lists_exactly_the_mutations(
    tables: dict[str, pd.DataFrame], data: st.DataObject
) -> None:
    old = load_tables(tables)
    members = old.members
    ids = members["id"].tolist()
    gone = set(data.draw(st.sets(st.sampled_from(ids), max_size=3))) if ids else set()
    staying = [m for m in ids if m not in gone]
    switched = set(data.draw(st.sets(st.sampled_from(staying), max_size=3))) if staying else set()
    sector_ids = old.sectors["id"].tolist()
    moved: dict[str, str] = {}
    for member in data.draw(st.sets(st.sampled_from(staying), max_size=2)) if staying else set():
        moved[member] = data.draw(st.sampled_from(["", *sector_ids]))

    # members: some leave, some change party or sector, some join (copies of a staying member's places)
    after = members[~members["id"].isin(gone)].copy()
    flip = after["id"].isin(switched)
    after.loc[flip, "party"] = after.loc[flip, "party"].map(lambda p: "NP" if p == "CPC" else "CPC")
    for member, sector in moved.items():
        after.loc[after["id"] == member, "sector"] = sector
    joined = []
    if staying:
        for i in range(data.draw(st.integers(0, 2))):
            model = after[after["id"] == data.draw(st.sampled_from(staying))].iloc[0]
            joined.append(model.copy())
            joined[-1]["id"], joined[-1]["name"] = f"J{i}", f"新委员{i}"
    if joined:
        after = pd.concat([after, pd.DataFrame(joined)], ignore_index=True)
    after = after.astype({"party_group": bool}).reset_index(drop=True)

    # liaisons: those of the members who left break; some others are dropped (every row of a key), some added
    liaisons = old.liaisons
    touching = liaisons["source"].isin(gone) | liaisons["target"].isin(gone)
    broken = liaison_keys(liaisons[touching])
    kept = liaisons[~touching]
    keys = sorted(liaison_keys(kept))
    dropped = set(data.draw(st.sets(st.sampled_from(keys), max_size=3))) if keys else set()
    kept = kept[
        [k not in dropped for k in kept[["source", "kind", "target"]].itertuples(index=False, name=None)]
    ]
    now = after["id"].tolist()
    added: set[tuple[str, str, str]] = set()
    if len(now) >= 2:
        for _ in range(data.draw(st.integers(0, 3))):
            source, target = data.draw(st.permutations(now))[:2]
            if (source, "member", target) not in liaison_keys(liaisons):
                added.add((source, "member", target))
    new_liaisons = pd.DataFrame(
        [(s, t, k, "", "") for s, k, t in sorted(added)],
        columns=["source", "target", "kind", "since", "note"],
    )
    # memberships: those of the members who left go; a member who joined enters an organization
    memberships = old.memberships
    left_memberships = membership_keys(memberships[memberships["member"].isin(gone)])
    new_memberships = memberships[~memberships["member"].isin(gone)]
    organizations = old.organizations["id"].tolist()
    membership_added: set[tuple[str, str, str]] = set()
    if joined and organizations:
        membership_added.add(("J0", data.draw(st.sampled_from(organizations)), "member"))
        new_memberships = pd.concat(
            [new_memberships, pd.DataFrame(sorted(membership_added), columns=new_memberships.columns)],
            ignore_index=True,
        )
    new = reloaded(
        dataclasses.replace(
            old,
            members=after,
            liaisons=pd.concat([kept, new_liaisons], ignore_index=True),
            memberships=new_memberships,
            warnings=[],
        )
    )

    found = diff(old, new)
    changes = found.members
    assert set(changes.loc[changes["change"] == "left", "id"]) == gone
    assert set(changes.loc[changes["change"] == "joined", "id"]) == {f"J{i}" for i in range(len(joined))}
    changed = changes[changes["change"] == "changed"]
    moved_for_real = {m for m, s in moved.items() if s != members.loc[members["id"] == m, "sector"].iloc[0]}
    assert set(changed[["id", "field"]].itertuples(index=False, name=None)) == {
        *((m, "party") for m in switched),
        *((m, "sector") for m in moved_for_real),
    }
    for member, before, after_party in changed.loc[
        changed["field"] == "party", ["id", "before", "after"]
    ].values:
        assert before == members.loc[members["id"] == member, "party"].iloc[0] and after_party != before

    liaison_changes = found.liaisons
    for change, expected in (("added", added), ("removed", dropped), ("broken", broken)):
        rows = liaison_changes[liaison_changes["change"] == change]
        assert liaison_keys(rows) == expected, change
        assert len(rows) == len(expected)
    membership_changes = found.memberships
    assert membership_keys(membership_changes[membership_changes["change"] == "removed"]) == left_memberships
    assert membership_keys(membership_changes[membership_changes["change"] == "added"]) == membership_added
    assert found.organizations.empty
    assert found.is_empty == (
        not gone and not switched and not moved_for_real and not joined and not dropped and not added
    )


@settings(max_examples=15, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(max_members=10))
def test_connectors_say_what_a_departure_breaks(tables: dict[str, pd.DataFrame]) -> None:
    ds = load_tables(tables)
    listed = connectors(ds).set_index("id")
    sector_ids = set(ds.sectors["id"])
    for member in ds.members["id"]:
        opened = whatif(ds, [member]).gaps
        opened = opened[opened["change"] == "opened"]
        unlinked = (opened["analysis"] == "unlinked").sum()
        sectors = (
            (opened["analysis"] == "sectors")
            & (opened["gap"] == "no_liaison")
            & opened["id"].isin(sector_ids)
        ).sum()
        townships = ((opened["analysis"] == "townships") & (opened["gap"] == "no_township_liaison")).sum()
        if member in listed.index:
            row = listed.loc[member]
            assert (unlinked, sectors, townships) == (
                row["sole_liaison_count"],
                row["sole_sector_count"],
                row["sole_township_count"],
            ), member
        else:
            assert (unlinked, sectors, townships) == (0, 0, 0), member
