"""Positions of the views laid out by structure: rings by hop."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from pbgraph.render._layout import rings_by_hop

SPACING = 64.0
GAP = 170.0


@pytest.mark.parametrize("counts", [[1], [16], [16, 40], [16, 190], [5, 10, 21, 4], [12, 300, 900]])
def test_rings_by_hop_keep_nodes_apart_and_hops_in_order(counts: list[int]) -> None:
    """Every hop's nodes at least `spacing` apart, on or inside the hop's radius, outside the previous hop's
    nodes; a crowded hop no wider than its nodes need (one ring for a hop of 190 had a radius ten times the
    first ring's, fifteen times the room its nodes need)."""
    hop = np.repeat(np.arange(len(counts) + 1), [1, *counts])
    xy, radii = rings_by_hop(hop, gap=GAP, spacing=SPACING)
    distance = np.hypot(xy[:, 0], xy[:, 1])
    assert (xy[hop == 0] == 0).all() and radii[0] == 0 and len(radii) == len(counts) + 1
    for h, count in enumerate(counts, start=1):
        on_hop = hop == h
        if count > 1:
            assert pdist(xy[on_hop]).min() >= SPACING - 1e-6
        assert distance[on_hop].max() == pytest.approx(radii[h])
        assert distance[on_hop].min() > distance[hop == h - 1].max() + SPACING
        # from `gap` outside the previous hop out, no more room than twice a square of `spacing` a node
        assert np.pi * (radii[h] ** 2 - (radii[h - 1] + GAP) ** 2) <= 2 * count * SPACING**2
    assert radii == sorted(radii)


def test_a_crowded_hop_lies_in_bands_well_inside_the_one_ring_it_would_need() -> None:
    hop = np.repeat([0, 1, 2], [1, 16, 190])
    xy, radii = rings_by_hop(hop, gap=GAP, spacing=SPACING)
    single_ring = 190 * SPACING / (2 * np.pi)
    assert radii[2] < single_ring / 2
    bands = np.unique(np.round(np.hypot(xy[hop == 2, 0], xy[hop == 2, 1]), 6))
    assert len(bands) > 1 and np.diff(bands).min() >= SPACING - 1e-6


def test_a_hop_that_fits_one_ring_keeps_it() -> None:
    """A hop a ring holds lies on one ring, `gap` outside the previous one, its consecutive nodes (alike) far
    apart around it by a golden stride."""
    hop = np.repeat([0, 1, 2], [1, 8, 20])
    xy, radii = rings_by_hop(hop, gap=GAP, spacing=SPACING)
    assert radii == [0.0, 170.0, 340.0]
    second = xy[hop == 2]
    assert np.allclose(np.hypot(second[:, 0], second[:, 1]), 340.0)
    turn = np.arctan2(second[:, 1], second[:, 0])
    apart = np.abs((np.diff(turn) + np.pi) % (2 * np.pi) - np.pi)
    assert apart.min() > 2 * np.pi / 20 * 3


def test_consecutive_nodes_of_a_crowded_hop_spread_around_it() -> None:
    hop = np.repeat([0, 1, 2], [1, 16, 190])
    xy, _ = rings_by_hop(hop, gap=GAP, spacing=SPACING)
    turn = np.arctan2(xy[hop == 2, 1], xy[hop == 2, 0])
    apart = np.abs((np.diff(turn) + np.pi) % (2 * np.pi) - np.pi)
    # ten alike nodes in a row cover the whole circle, not a slice of it
    assert apart.min() > np.pi / 4
    assert len(np.unique(np.floor((turn[:10] + np.pi) / (np.pi / 2)))) == 4
