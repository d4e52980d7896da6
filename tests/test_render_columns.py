"""Views held as columns (issue 12): a view's nodes and edges are built column by column, and its page is
written from the columns. What the columns say must be what the objects say: the same page whether the
payload reads the columns or the objects made from them, and tooltips filled as dictionaries would be."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from pbgraph import Dataset
from pbgraph._texts.render import DEFAULT_LABELS_ZH
from pbgraph.render import build_view
from pbgraph.render._columns import Column, Records, Table
from pbgraph.render._payload import json_for_script, payload

# views of every family, drawn whole and folded (a node limit of 30 aggregates the sample's members)
CASES = [
    ("network", None, {}),
    ("gaps", None, {}),
    ("gaps", None, {"node_limit": 30}),
    ("org", None, {}),
    ("member", "M0205", {"depth": 2}),
    ("member", "M0205", {"depth": 2, "node_limit": 20}),
    ("reach", "M0001", {}),
    ("township", "T005", {}),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("name", "target", "options"), CASES)
def test_the_page_is_the_same_from_the_columns_and_from_the_objects(
    sample: Dataset, lang: str, name: str, target: str | None, options: dict[str, int]
) -> None:
    view = build_view(sample, name, target, lang=lang, **options)  # type: ignore[arg-type]
    if name != "org":  # the org chart rewrites its nodes and edges one by one
        assert isinstance(view.nodes, Table) and isinstance(view.edges, Table)
    # the same view as plain objects, each field read from the object (a fresh copy of each)
    plain = dataclasses.replace(
        view,
        nodes=[dataclasses.replace(node) for node in view.nodes],
        edges=[dataclasses.replace(edge) for edge in view.edges],
    )
    labels = {**DEFAULT_LABELS_ZH, **view.labels}
    assert json_for_script(payload(view, labels)) == json_for_script(payload(plain, labels))


def test_records_fill_each_row_as_a_dictionary_filled_column_by_column() -> None:
    rng = np.random.default_rng(12)
    size = 200
    keys = ["name", "id", "party", "gap", "roles", "party"]  # "party" twice: first place, last value
    columns: list[Column] = []
    for k, key in enumerate(keys):
        values = [f"{key}-{int(v)}" for v in rng.integers(0, 7, size)]
        mask = None if k < 2 else rng.random(size) < 0.6
        columns.append((key, values if k % 2 else np.array(values, dtype=object), mask))
    for chosen in (columns, columns[:5]):  # with the key given twice, and without
        wanted: list[dict[str, str]] = [{} for _ in range(size)]
        for key, values, mask in chosen:
            for row in range(size):
                if mask is None or mask[row]:
                    wanted[row][key] = values[row]
        records = Records.from_columns(size, chosen)
        # the same keys in the same order, and the same values, read in full, one by one or some rows
        assert [list(row.items()) for row in records] == [list(row.items()) for row in wanted]
        assert [list(records[i].items()) for i in (0, -1)] == [list(wanted[i].items()) for i in (0, -1)]
        rows = np.array([5, 0, size - 1, 5])
        assert list(records.take(rows)) == [wanted[i] for i in rows.tolist()]
