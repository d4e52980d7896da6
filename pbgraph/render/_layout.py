"""Deterministic, linear-time positions for graph views.

Force-directed layouts cost seconds to minutes at the sizes analysts have (tens of thousands of nodes) and
move on every run, so views are laid out by structure instead: clusters (a sector, a township, a committee)
on a sunflower spiral, each cluster's members on a sunflower around its centre, contacts on a small ring
around their member; trees in layers; reach in rings by hop, a crowded hop in bands.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))
SPACING = 28.0


def sunflower(count: int, *, spacing: float = SPACING) -> np.ndarray:
    """`count` points spread evenly over a disc (Vogel's spiral), the first at the centre: (count, 2)."""
    k = np.arange(count)
    radius = spacing * np.sqrt(k)
    angle = k * GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def disc_radius(count: int, *, spacing: float = SPACING) -> float:
    """Radius of the sunflower disc of `count` points."""
    return spacing * np.sqrt(max(count, 1))


def clustered(cluster_of: np.ndarray, *, spacing: float = SPACING, gap: float = 2.5) -> np.ndarray:
    """Positions for items grouped in clusters (cluster codes 0..k-1, -1 = no cluster, its own cluster).

    Each cluster is a sunflower of its items; the clusters themselves sit on a larger sunflower, biggest
    first, spaced by their radius so that they do not overlap.
    """
    n = len(cluster_of)
    positions = np.zeros((n, 2))
    if n == 0:
        return positions
    codes = np.where(cluster_of < 0, cluster_of.max(initial=-1) + 1, cluster_of)
    sizes = np.bincount(codes)
    order = np.argsort(-sizes, kind="stable")
    order = order[sizes[order] > 0]
    radii = np.array([disc_radius(int(sizes[c]), spacing=spacing) for c in order])
    centres = sunflower(len(order), spacing=1.0) * (2 * radii.max() + gap * spacing)
    centre_of = np.zeros((codes.max() + 1, 2))
    centre_of[order] = centres
    # the position of each item within its cluster: its rank among the cluster's items
    sort = np.argsort(codes, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)])[codes[sort]]
    rank = np.empty(n, dtype=np.int64)
    rank[sort] = np.arange(n) - starts
    positions = centre_of[codes] + _sunflower_at(rank, spacing)
    return positions


def _sunflower_at(rank: np.ndarray, spacing: float) -> np.ndarray:
    radius = spacing * np.sqrt(rank + 0.5 * (rank > 0))
    angle = rank * GOLDEN_ANGLE
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def nested(
    levels: Sequence[np.ndarray], *, spacing: float = SPACING, gap: float = 1.5
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Positions for items in nested groups (e.g. committee > sector > member), each group a disc of its
    children, so that opening a group's node shows its children where the node was.

    `levels[k]` holds, per item, its group code at level k (0 = top; codes 0..G_k-1 nested: items of one
    group at level k+1 share their group at level k). Returns the centres of the groups at each level, then
    the item positions (``[centres_0, …, centres_last, items]``), and the radius of each group's disc.
    """
    n = len(levels[-1]) if levels else 0
    depth = len(levels)
    counts = [int(codes.max(initial=-1)) + 1 for codes in levels]
    parent_of = [np.zeros(0, dtype=np.int64)] + [
        _first_per_code(levels[k], levels[k - 1], counts[k]) for k in range(1, depth)
    ]
    # items inside the deepest groups: a sunflower each
    deepest = levels[-1]
    sort = np.argsort(deepest, kind="stable")
    sizes = np.bincount(deepest, minlength=counts[-1])
    starts = np.concatenate([[0], np.cumsum(sizes)])[deepest[sort]]
    rank = np.empty(n, dtype=np.int64)
    rank[sort] = np.arange(n) - starts
    item_local = _sunflower_at(rank, spacing)
    radius = [np.zeros(c) for c in counts]
    radius[-1] = spacing * np.sqrt(np.maximum(sizes, 1)) + spacing / 2
    local = [np.zeros((c, 2)) for c in counts]
    # each level's groups arranged inside their parent, biggest first, spaced by the biggest of them
    for k in range(depth - 1, -1, -1):
        parents = parent_of[k] if k else np.zeros(counts[k], dtype=np.int64)
        n_parents = int(parents.max(initial=-1)) + 1
        outer = np.zeros(n_parents)
        order = np.lexsort((np.arange(counts[k]), -radius[k], parents))
        bounds = np.searchsorted(parents[order], np.arange(n_parents + 1))
        for p in range(n_parents):
            kids = order[bounds[p] : bounds[p + 1]]
            if not len(kids):
                continue
            step = 2 * float(radius[k][kids].max()) + gap * spacing
            centres = sunflower(len(kids), spacing=1.0) * step
            local[k][kids] = centres
            outer[p] = float(np.max(np.hypot(centres[:, 0], centres[:, 1]) + radius[k][kids]))
        if k:
            radius[k - 1] = outer + spacing
    placed = [local[0]]
    for k in range(1, depth):
        placed.append(placed[k - 1][parent_of[k]] + local[k])
    return [*placed, placed[-1][deepest] + item_local], radius


def _first_per_code(codes: np.ndarray, above: np.ndarray, count: int) -> np.ndarray:
    """For each code 0..count-1 of one level, the code above it (of its first item)."""
    out = np.zeros(count, dtype=np.int64)
    out[codes[::-1]] = above[::-1]
    return out


def satellites(anchor: np.ndarray, anchor_xy: np.ndarray, *, radius: float = 10.0) -> np.ndarray:
    """Positions of items around their anchor (e.g. contacts around a member): a small ring per anchor.

    `anchor` holds, per item, the row of its anchor in `anchor_xy`.
    """
    n = len(anchor)
    if n == 0:
        return np.zeros((0, 2))
    sort = np.argsort(anchor, kind="stable")
    counts = np.bincount(anchor, minlength=len(anchor_xy))
    starts = np.concatenate([[0], np.cumsum(counts)])[anchor[sort]]
    rank = np.empty(n, dtype=np.int64)
    rank[sort] = np.arange(n) - starts
    total = counts[anchor]
    angle = 2 * np.pi * rank / np.maximum(total, 1) + 0.3
    ring = radius * (1 + rank // 12 * 0.6)
    return anchor_xy[anchor] + np.column_stack([ring * np.cos(angle), ring * np.sin(angle)])


def rings_by_hop(
    hop: np.ndarray, *, gap: float = 170.0, spacing: float = 64.0
) -> tuple[np.ndarray, list[float]]:
    """Positions in rings by hop around the origin, each hop spread around the whole circle, its nodes at
    least `spacing` apart. A hop too crowded for one ring `gap` outside the previous hop lies on concentric
    bands `spacing` apart from there out, as many as it needs (a ring whose radius grew with its count made a
    hop of 200 a circle ten times the first one's, which then shrank to a speck when the view framed both).
    Returns positions and the outer radius of each hop (index = hop): its nodes lie on or inside it, outside
    the previous hop's.
    """
    xy = np.zeros((len(hop), 2))
    radii = [0.0]
    for h in range(1, int(hop.max(initial=0)) + 1):
        rows = np.flatnonzero(hop == h)
        count = len(rows)
        if not count:
            radii.append(radii[-1] + gap)
            continue
        band_radii, band_counts = _bands(count, radii[-1] + gap, spacing)
        radii.append(float(band_radii[-1]))
        # every slot of the hop in turn around the circle, whichever band it lies on (in turns from the top):
        # the outer band half a slot off the top, where the hop's title goes, each band further in turned by
        # another golden fraction of a slot, so that its nodes do not lie straight inward of the outer ones
        outward = len(band_counts) - 1 - np.arange(len(band_counts))
        offset = (0.5 + outward * GOLDEN_ANGLE / (2 * np.pi)) % 1
        turn = np.concatenate([(np.arange(c) + o) / c for c, o in zip(band_counts, offset, strict=True)])
        order = np.argsort(turn, kind="stable")
        angle = 2 * np.pi * turn[order] - np.pi / 2
        radius = np.repeat(band_radii, band_counts)[order]
        # consecutive items (of one kind, with labels alike) spread around the circle by a golden stride
        stride = max(1, round(count * 0.382))
        while count > 1 and np.gcd(stride, count) != 1:
            stride += 1
        slots = (np.arange(count) * stride) % count
        xy[rows] = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])[slots]
    return xy, radii


def _bands(count: int, inner: float, spacing: float) -> tuple[np.ndarray, np.ndarray]:
    """Radii of the bands of a hop of `count` nodes from `inner` out, `spacing` apart, and how many nodes each
    holds (in proportion to its length, its nodes at least `spacing` apart): one band when a single ring no
    wider than the bands would reach holds them all."""

    def holds(radius: np.ndarray) -> np.ndarray:
        # the most points a circle holds with neighbours (chords) at least `spacing` apart
        return np.floor(np.pi / np.arcsin(np.minimum(1.0, spacing / (2 * radius)))).astype(np.int64)

    radii = np.array([inner])
    while holds(radii).sum() < count:
        radii = inner + spacing * np.arange(len(radii) + 1)
    one_ring = max(inner, spacing / (2 * np.sin(np.pi / count)) if count > 1 else inner)
    if one_ring <= radii[-1]:
        return np.array([one_ring]), np.array([count])
    capacity = holds(radii)
    # the nodes shared in proportion to each band's capacity (largest remainders), none over it
    share = capacity * count / capacity.sum()
    counts = np.floor(share).astype(np.int64)
    rest = np.argsort(counts - share, kind="stable")[: count - counts.sum()]
    counts[rest] += 1
    return radii, counts


def layers(depth: Sequence[int], *, width: float = 90.0, height: float = 140.0) -> np.ndarray:
    """Tree or hop layers: row by depth (top to bottom), items of a layer side by side, centred."""
    depth_array = np.asarray(depth, dtype=np.int64)
    n = len(depth_array)
    positions = np.zeros((n, 2))
    for level in np.unique(depth_array):
        members = np.flatnonzero(depth_array == level)
        positions[members, 0] = (np.arange(len(members)) - (len(members) - 1) / 2) * width
        positions[members, 1] = level * height
    return positions


def tree_order(parent: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Depth of each node of a forest (parent -1 = root) and a depth-first order that keeps subtrees together.

    Cycles cannot occur (validation rejects them); a parent outside the list counts as a root.
    """
    n = len(parent)
    children: list[list[int]] = [[] for _ in range(n)]
    roots: list[int] = []
    for node, up in enumerate(parent):
        (children[up] if 0 <= up < n else roots).append(node)
    depth = np.zeros(n, dtype=np.int64)
    order: list[int] = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        node, level = stack.pop()
        depth[node] = level
        order.append(node)
        stack.extend((c, level + 1) for c in reversed(children[node]))
    return depth, np.asarray(order, dtype=np.int64)


def tree(parent: Sequence[int], *, width: float = 90.0, height: float = 150.0) -> np.ndarray:
    """Layered tree positions: leaves left to right in depth-first order, parents over their children."""
    n = len(parent)
    depth, order = tree_order(parent)
    positions = np.zeros((n, 2))
    children: list[list[int]] = [[] for _ in range(n)]
    for node, up in enumerate(parent):
        if 0 <= up < n:
            children[up].append(node)
    next_x = 0.0
    for node in reversed(order):  # children before parents
        if children[node]:
            positions[node, 0] = float(np.mean(positions[children[node], 0]))
        else:
            positions[node, 0] = next_x
            next_x -= width
    positions[:, 0] -= positions[:, 0].mean() if n else 0.0
    positions[:, 0] *= -1
    positions[:, 1] = depth * height
    return positions


#: the most nodes of a view whose page draws every name itself (``OWN_LABELS_UP_TO`` in ``_view.js``): up to
#: it, a view's nodes are moved apart so that no name lies on another node or name when the page opens
OWN_LABELS_UP_TO = 400
#: a name's size on the canvas at the natural zoom, and the least size on the screen (``_view.js``)
LABEL_FONT = 14.0
LABEL_PX = 11.0
#: the drawing area of a view in a 1280×720 window (the legend and the toolbar take the rest), which the page
#: fits the nodes into, never zooming in past the natural size
CANVAS = (1000.0, 480.0)


def label_width(text: str, font: float = LABEL_FONT) -> float:
    """The width of a name as the page draws it (semibold): a CJK character an em, anything else 0.62 em."""
    return font * sum(1.0 if ord(ch) > 0x2E7F else 0.62 for ch in text)


def label_boxes(xy: np.ndarray, size: np.ndarray, widths: np.ndarray, font: float = LABEL_FONT) -> np.ndarray:
    """Per node, the box its shape and its name take: [left, top, right, bottom]. The page draws a name under
    its node, centred, 3 units below the shape, 1.25 × its size high; `widths` are the names' widths at
    `font` (0 for a node without a name)."""
    half = np.maximum(size, widths / 2)
    below = np.where(widths > 0, size + 3 + 1.25 * font, size)
    return np.column_stack([xy[:, 0] - half, xy[:, 1] - size, xy[:, 0] + half, xy[:, 1] + below])


def apart(
    xy: np.ndarray, size: np.ndarray, widths: np.ndarray, *, opening: bool = False, pad: float = 4.0
) -> np.ndarray:
    """Positions moved the least they need so that no node's box (its shape and its name under it, see
    `label_boxes`) meets another's, `pad` apart: names at their natural size (`LABEL_FONT`, as vis draws
    them), or with `opening` at the zoom at which the page opens (it draws every name itself, at least
    `LABEL_PX` on the screen, so that when the drawing is too wide for the window, names grow on the canvas
    and the boxes are measured again, with a tenth to spare). A drawing too big for that (its names would
    need more than four times their natural size), or that does not settle in six rounds, keeps the natural
    size: the page leaves out what would overlap until you zoom in. `widths` are the names' widths at
    `LABEL_FONT`. Deterministic; for views of up to `OWN_LABELS_UP_TO` nodes (pairs found with a k-d tree)."""
    natural = _relaxed(np.array(xy, dtype=float), size, widths, LABEL_FONT, pad)
    xy, font = natural, LABEL_FONT
    for _ in range(6 if opening else 0):
        needed = max(LABEL_FONT, LABEL_PX / opening_scale(xy, size) * 1.1)
        if needed <= font:
            return xy
        if needed > 4 * LABEL_FONT:
            break
        font = needed
        xy = _relaxed(xy, size, widths * font / LABEL_FONT, font, pad)
    return natural if opening and font > LABEL_FONT else xy


def opening_scale(xy: np.ndarray, size: np.ndarray) -> float:
    """The zoom at which the page opens on these nodes in a 1280×720 window: the nodes (their shapes) fit
    into `CANVAS`, never zoomed in past the natural size."""
    if not len(xy):
        return 1.0
    extent = (xy + size[:, None]).max(axis=0) - (xy - size[:, None]).min(axis=0)
    return min(1.0, CANVAS[0] / max(float(extent[0]), 1.0), CANVAS[1] / max(float(extent[1]), 1.0))


def _relaxed(xy: np.ndarray, size: np.ndarray, widths: np.ndarray, font: float, pad: float) -> np.ndarray:
    """Overlapping boxes pushed apart, each pair along the axis it overlaps least, each of the two by the
    whole overlap (pushes from several sides partly cancel: half of it each took three times the rounds),
    until none overlaps (or 400 rounds)."""
    from scipy.spatial import cKDTree

    if len(xy) < 2:
        return xy
    for _ in range(400):
        boxes = label_boxes(xy, size, widths, font)
        centre = (boxes[:, :2] + boxes[:, 2:]) / 2
        half = (boxes[:, 2:] - boxes[:, :2]) / 2 + pad / 2
        reach = 2 * float(np.hypot(half[:, 0], half[:, 1]).max())
        pairs = cKDTree(centre).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        gap = centre[j] - centre[i]
        overlap = half[i] + half[j] - np.abs(gap)
        hit = (overlap > 0).all(axis=1)
        if not hit.any():
            break
        i, j, gap, overlap = i[hit], j[hit], gap[hit], overlap[hit]
        axis = (overlap[:, 1] < overlap[:, 0]).astype(np.int64)
        # the way j goes from i; where they sit at one spot, j (the later) goes right or down
        way = np.sign(gap[np.arange(len(i)), axis])
        way[way == 0] = 1.0
        push = np.zeros((len(i), 2))
        push[np.arange(len(i)), axis] = way * (overlap[np.arange(len(i)), axis] + 1.0)
        move = np.zeros_like(xy)
        np.add.at(move, j, push)
        np.add.at(move, i, -push)
        xy = xy + move
    return xy
