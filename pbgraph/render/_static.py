"""Draw a :class:`~pbgraph.render._model.View` as a PNG or SVG picture with matplotlib.

The picture shows what the interactive page shows at its first frame: the same positions, colours,
shapes and sizes, edges with their colours, widths and dashes, the title, caption, notice and legend.
It is meant for Word/PDF reports, so the bytes are reproducible (no dates, no software tag, fixed SVG
ids) and Chinese text uses a CJK font when one is installed (Noto Sans/Serif CJK, Source Han,
WenQuanYi, SimHei, Microsoft YaHei, PingFang). Without one, the text is drawn with the default font and
missing glyphs show as boxes, silently.
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, Literal

import numpy as np
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.transforms import ScaledTranslation

from pbgraph._errors import InvalidOptionError
from pbgraph._texts.render import DEFAULT_LABELS_ZH
from pbgraph.format import text_width
from pbgraph.render._model import GAP_HALO, GAP_HALO_EDGE, LegendItem, View, check_view

__all__ = ["CJK_FONTS", "cjk_font", "render_static"]

#: font family names tried in order for Chinese text.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Noto Sans CJK JP",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Arial Unicode MS",
)

_MARKERS = {
    "dot": "o",
    "ellipse": "o",
    "square": "s",
    "box": "s",
    "diamond": "D",
    "triangle": "^",
    "triangleDown": "v",
    "star": "*",
    "hexagon": "h",
}
# matplotlib draws these markers smaller than a circle of the same size; scale them up to match vis
_MARKER_SCALE = {"D": 0.75, "*": 1.3, "^": 1.1, "v": 1.1, "s": 0.9}
_GAP_MARKERS = {"cross": "X", "diamond": "D", "triangle": "^", "square": "s", "star": "*", "plus": "P"}
_LABEL_LIMIT = 300
#: the colour of text and of the outline the page draws around a selected node
OUTLINE = "#1f2328"
#: the node the view is about: over every other node and gap mark, under the labels
FOCUS_ZORDER = 2.9
_ARROW_LIMIT = 5000
#: the widest line of the notice and of a legend entry, in columns (a CJK character takes two): what fits the
#: picture's width and the legend's column at the default size (the notice is bold, and its “” count as one
#: column each but are drawn as wide as a CJK character: at 170 a Chinese notice reached the right edge)
NOTICE_COLUMNS = 160
LEGEND_COLUMNS = 32


@cache
def cjk_font() -> str | None:
    """The first installed font family from :data:`CJK_FONTS`, or ``None``."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def render_static(
    view: View,
    *,
    fmt: Literal["png", "svg"],
    figsize: tuple[float, float] = (12.0, 8.0),
    dpi: int = 150,
) -> bytes:
    """Draw ``view`` as a picture.

    Parameters
    ----------
    view
        What to draw.
    fmt
        ``"png"`` or ``"svg"`` (text drawn as glyph outlines, so it needs no font to view).
    figsize
        Width and height in inches before trimming to the content.
    dpi
        Resolution of a PNG.

    Returns
    -------
    bytes
        The encoded picture; the same view always gives the same bytes.

    Examples
    --------
    >>> from pbgraph.render._model import ViewNode
    >>> node = ViewNode("m1", "委员甲", "member", 0.0, 0.0, "#d62728", "dot", 10.0)
    >>> render_static(View(title="示例", caption="", nodes=[node], edges=[]), fmt="png")[:4]
    b'\\x89PNG'
    """
    if fmt not in ("png", "svg"):
        raise InvalidOptionError(f"fmt must be 'png' or 'svg', got {fmt!r}")
    check_view(view)
    nodes, edges = view.first_frame()
    view = dataclasses.replace(view, nodes=nodes, edges=edges)
    labels = {**DEFAULT_LABELS_ZH, **view.labels}
    with _drawing_context():
        figure = Figure(figsize=figsize, dpi=dpi, facecolor="white")
        FigureCanvasAgg(figure)
        _draw(figure, view, labels)
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        # no bbox_inches="tight": it draws everything twice, and the layout already fills the figure
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()


@contextmanager
def _drawing_context() -> Iterator[None]:
    """rc settings for one drawing, without touching the caller's global matplotlib state."""
    font = cjk_font()
    rc: dict[str, Any] = {
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "svg.fonttype": "path",
        "svg.hashsalt": "pbgraph",
        "svg.id": "pbgraph",
        # data text is text: "$" or "_" in a name must not turn into mathtext
        "text.parse_math": False,
        "axes.unicode_minus": False,
    }
    with rc_context(rc), warnings.catch_warnings():  # type: ignore[arg-type]
        # a glyph no font has (an emoji in a name) is drawn as a box: not worth a warning per glyph
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        yield


def _draw(figure: Figure, view: View, labels: dict[str, str]) -> None:
    top = 0.985
    figure.text(0.01, top, view.title, fontsize=16, fontweight="bold", va="top")
    top -= 0.05
    if view.caption:
        figure.text(0.01, top, view.caption, fontsize=10, color="#57606a", va="top")
        top -= 0.035
    if view.notice:
        # a long notice (what was folded, what was not recorded) in lines that stay inside the picture
        notice = _wrapped(view.notice, NOTICE_COLUMNS)
        figure.text(
            0.01,
            top - 0.005,
            notice,
            fontsize=10,
            fontweight="bold",
            color="#7a3e00",
            va="top",
            bbox={"boxstyle": "square,pad=0.35", "facecolor": "#fff4e5", "edgecolor": "#d9822b"},
        )
        top -= 0.055 + 0.022 * notice.count("\n")
    has_legend = bool(view.legend)
    axes = figure.add_axes((0.01, 0.01, 0.76 if has_legend else 0.98, top - 0.02))
    axes.set_axis_off()
    if has_legend:
        _legend(figure, view.legend, labels, anchor=(0.78, top - 0.01))
    if not view.nodes:
        return

    index = {node.id: i for i, node in enumerate(view.nodes)}
    xy = np.array([(node.x, -node.y) for node in view.nodes], dtype=float)  # vis y grows downwards
    radius = np.array([node.size for node in view.nodes], dtype=float)
    focus = index.get(view.focus) if view.focus is not None else None
    if focus is not None and len(radius) > 1:
        # the page opens with the node the view is about selected (outlined, its label bold, the rest dimmed);
        # the picture has no selection: the node is drawn at least as big as the median of the others, so
        # that a reach's source among super-nodes ten times its size is not a speck (its edges end on it)
        radius[focus] = max(radius[focus], float(np.median(np.delete(radius, focus))))
    pad = float(radius.max()) * 1.5 + 1.0
    low = xy.min(axis=0) - pad
    high = xy.max(axis=0) + pad
    # limits with the axes box's own aspect ratio: equal scales without matplotlib adjusting anything
    box = axes.get_position()
    box_width, box_height = box.width * figure.get_figwidth(), box.height * figure.get_figheight()
    units_per_inch = max((high[0] - low[0]) / box_width, (high[1] - low[1]) / box_height)
    centre = (low + high) / 2
    axes.set_xlim(centre[0] - box_width * units_per_inch / 2, centre[0] + box_width * units_per_inch / 2)
    axes.set_ylim(centre[1] - box_height * units_per_inch / 2, centre[1] + box_height * units_per_inch / 2)
    points_per_unit = 72 / units_per_inch

    for ring_radius, ring_label in view.rings:
        axes.add_patch(
            Circle((0, 0), ring_radius, fill=False, edgecolor="#c8ced6", linestyle=(0, (4, 3)), zorder=0.5)
        )
        axes.annotate(
            ring_label,
            (0, ring_radius),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color="#57606a",
            zorder=0.6,
        )
    if view.edges:
        _edges(axes, view, index, xy, radius, points_per_unit)
    _nodes(axes, view, xy, radius, points_per_unit, focus)


def _edges(
    axes: Any, view: View, index: dict[str, int], xy: np.ndarray, radius: np.ndarray, points_per_unit: float
) -> None:
    source = np.fromiter((index[edge.source] for edge in view.edges), dtype=np.int64, count=len(view.edges))
    target = np.fromiter((index[edge.target] for edge in view.edges), dtype=np.int64, count=len(view.edges))
    segments = np.stack([xy[source], xy[target]], axis=1)
    colors = _rgba([edge.color for edge in view.edges])
    # vis draws widths in pixels at the fitted zoom; thin them out for crowded views
    scale = 0.75 if len(view.edges) <= 2000 else 0.35
    # one collection per edge style: uniform dashes and widths keep Agg on its fast path
    groups: dict[tuple[str, float, bool], list[int]] = {}
    for i, edge in enumerate(view.edges):
        groups.setdefault((edge.color, edge.width, edge.dashes), []).append(i)
    for (color, width, dashes), members in groups.items():
        axes.add_collection(
            LineCollection(
                list(segments[members]),
                colors=color,
                linewidths=max(0.15, width * scale),
                linestyles=(0, (4.0, 2.5)) if dashes else "solid",
                capstyle="butt",
                zorder=1,
            )
        )

    arrows = np.array([edge.arrows for edge in view.edges], dtype=bool)
    if len(view.edges) > _ARROW_LIMIT or not arrows.any():
        return
    # arrowheads as triangles ending on the target's rim, sized in points like vis (scaleFactor 0.5)
    vector = segments[:, 1] - segments[:, 0]
    length = np.hypot(vector[:, 0], vector[:, 1])
    keep = arrows & (length > radius[target] + 1e-9)
    unit = vector[keep] / length[keep, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    # no bigger than the node they point at, so that they never hide it
    head = np.clip(0.9 * radius[target][keep], 2.0 / points_per_unit, 7.0 / points_per_unit)[:, None]
    tip = segments[keep, 1] - unit * radius[target][keep, None]
    base = tip - unit * head
    triangles = np.stack([tip, base + normal * head * 0.45, base - normal * head * 0.45], axis=1)
    axes.add_collection(
        PolyCollection(list(triangles), facecolors=colors[keep], edgecolors="none", zorder=1.5)
    )


def _nodes(
    axes: Any, view: View, xy: np.ndarray, radius: np.ndarray, points_per_unit: float, focus: int | None
) -> None:
    nodes = view.nodes
    fills = _rgba([node.color for node in nodes])
    flagged = np.array([node.highlight is not None or bool(node.gaps) for node in nodes], dtype=bool)
    diameter = np.maximum(2 * radius * points_per_unit, 1.0)
    # bigger nodes on top of smaller ones, flagged ones on top of all; a stable sort keeps the order
    order = np.lexsort((np.arange(len(nodes)), radius, flagged))
    by_marker: dict[str, list[int]] = {}
    for i in order:
        if i != focus:
            by_marker.setdefault(_MARKERS[nodes[i].shape], []).append(int(i))
    for marker, members in by_marker.items():
        chosen = np.array(members, dtype=np.int64)
        size = (diameter[chosen] * _MARKER_SCALE.get(marker, 1.0)) ** 2
        axes.scatter(
            xy[chosen, 0],
            xy[chosen, 1],
            s=size,
            c=fills[chosen],
            marker=marker,
            edgecolors="white",
            linewidths=0.4 if len(nodes) <= 2000 else 0.0,
            zorder=2,
        )
    if flagged.any():
        _gap_marks(axes, view, xy, diameter, flagged)
    if focus is not None:
        # over every other node and mark, outlined as the page outlines it selected
        marker = _MARKERS[nodes[focus].shape]
        axes.scatter(
            xy[[focus], 0],
            xy[[focus], 1],
            s=(diameter[[focus]] * _MARKER_SCALE.get(marker, 1.0)) ** 2,
            c=fills[[focus]],
            marker=marker,
            edgecolors=OUTLINE,
            linewidths=1.2,
            zorder=FOCUS_ZORDER,
        )
    if len(nodes) <= _LABEL_LIMIT:
        _labels(axes, view, xy, diameter, points_per_unit, focus)


def _gap_marks(axes: Any, view: View, xy: np.ndarray, diameter: np.ndarray, flagged: np.ndarray) -> None:
    """The gap halo around each flagged node and a badge per gap kind beside it, as in the page."""
    rows = np.flatnonzero(flagged)
    halo = np.maximum(3.0, diameter[rows] * 0.3)
    for width, color, grow in ((2.2, GAP_HALO, 1.0), (0.8, GAP_HALO_EDGE, 2.0)):
        axes.scatter(
            xy[rows, 0],
            xy[rows, 1],
            s=(diameter[rows] + grow * halo + width) ** 2,
            facecolors="none",
            edgecolors=color,
            linewidths=width if grow == 2.0 else halo * 0.6,
            marker="o",
            zorder=2.6,
        )
    # badges up and to the right of the halo, one per gap kind, a fixed size in points like the page's
    for i, grow in zip(rows.tolist(), halo.tolist(), strict=True):
        for k, symbol in enumerate(view.nodes[i].gaps):
            dx = diameter[i] / 2 + grow + 3.5 * (1 + 2.2 * k)
            dy = diameter[i] / 2 + grow * 0.5
            axes.plot(
                [xy[i, 0]],
                [xy[i, 1]],
                marker=_GAP_MARKERS[symbol],
                markersize=6.5,
                markerfacecolor=GAP_HALO_EDGE,
                markeredgecolor="white",
                markeredgewidth=0.6,
                linestyle="none",
                transform=axes.transData + ScaledTranslation(dx / 72, dy / 72, axes.figure.dpi_scale_trans),
                zorder=2.8,
            )


def _labels(
    axes: Any, view: View, xy: np.ndarray, diameter: np.ndarray, points_per_unit: float, focus: int | None
) -> None:
    """Node labels below their node, or above, right or left where that overlaps a label already placed
    (bigger nodes first); a label that fits nowhere is left out rather than drawn over another. The node the
    view is about has its label first, bold and bigger as on the page, and no other label covers it."""
    centre = xy * points_per_unit  # in points
    placed: list[tuple[float, float, float, float]] = []
    order = np.lexsort((np.arange(len(view.nodes)), -diameter)).tolist()
    if focus is not None:
        order.remove(focus)
        order.insert(0, focus)
        x, y = centre[focus]
        half = diameter[focus] / 2
        placed.append((x - half, y - half, x + half, y + half))
    for i in order:
        label = view.nodes[i].label
        if not label:
            continue
        fontsize = 8.5 if i == focus else 6.5
        width = fontsize * sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in label)
        height = fontsize * 1.25
        half = diameter[i] / 2 + 1
        x, y = centre[i]
        for dx, dy, ha, va in (
            (0.0, -half, "center", "top"),
            (0.0, half, "center", "bottom"),
            (half + 1, 0.0, "left", "center"),
            (-half - 1, 0.0, "right", "center"),
        ):
            left = x + dx - (width / 2 if ha == "center" else (0 if ha == "left" else width))
            bottom = y + dy - (height if va == "top" else (0 if va == "bottom" else height / 2))
            box = (left, bottom, left + width, bottom + height)
            # a point apart: the widths are estimates, and two names side by side touched
            if all(
                box[2] + 1 <= b[0] or box[0] >= b[2] + 1 or box[3] + 1 <= b[1] or box[1] >= b[3] + 1
                for b in placed
            ):
                placed.append(box)
                axes.annotate(
                    label,
                    (xy[i, 0], xy[i, 1]),
                    xytext=(dx, dy),
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=fontsize,
                    fontweight="bold" if i == focus else "normal",
                    color=OUTLINE,
                    zorder=3,
                )
                break


def _legend(
    figure: Figure, items: Sequence[LegendItem], labels: dict[str, str], *, anchor: tuple[float, float]
) -> None:
    handles = []
    texts = []
    for item in items:
        if item.symbol is not None:
            handle = Line2D(
                [],
                [],
                linestyle="none",
                marker=_GAP_MARKERS[item.symbol],
                markersize=8,
                markerfacecolor=GAP_HALO_EDGE,
                markeredgecolor=GAP_HALO,
                markeredgewidth=1.5,
            )
        elif item.shape in ("line", "dashed"):
            handle = Line2D(
                [], [], color=item.color, linewidth=2, linestyle="--" if item.shape == "dashed" else "-"
            )
        else:
            handle = Line2D(
                [],
                [],
                linestyle="none",
                marker=_MARKERS[item.shape],
                # as big as a circle, as the nodes are drawn (a star of size 8 was a speck)
                markersize=8 * _MARKER_SCALE.get(_MARKERS[item.shape], 1.0),
                markerfacecolor=item.color,
                markeredgecolor="white",
            )
        handles.append(handle)
        # the full name where the page's legend gives a short form (the picture has no tooltip), wrapped
        label = item.full or item.label
        texts.append(
            _wrapped(
                label if item.count is None else labels["legend_count"].format(label=label, count=item.count),
                LEGEND_COLUMNS,
            )
        )
    figure.legend(
        handles,
        texts,
        loc="upper left",
        bbox_to_anchor=anchor,
        frameon=False,
        title=labels["legend"],
        alignment="left",
        fontsize=9,
        title_fontsize=10,
        handlelength=1.8,
    )


def _wrapped(text: str, columns: int) -> str:
    """`text` in lines of at most `columns` (a wide CJK character takes two), broken at the last space of a
    line where it has one, else between two characters.

    Examples
    --------
    >>> print(_wrapped("unorganized CPC member (not recorded)", 30))
    unorganized CPC member (not
    recorded)
    >>> print(_wrapped("未组织的党员委员（未提供）", 16))
    未组织的党员委员
    （未提供）
    """
    lines: list[str] = []
    line = ""
    for char in text:
        line += char
        if text_width(line) > columns:
            cut = line.rfind(" ")
            if cut > 0:
                lines.append(line[:cut])
                line = line[cut + 1 :]
            else:
                lines.append(line[:-1])
                line = char
    return "\n".join([*lines, line])


def _rgba(colors: Sequence[str]) -> np.ndarray:
    """An (n, 4) array of colours, converting each distinct colour once."""
    distinct = list(dict.fromkeys(colors))
    table = to_rgba_array(distinct) if distinct else np.zeros((0, 4))
    lookup = {color: i for i, color in enumerate(distinct)}
    return table[[lookup[color] for color in colors]] if colors else np.zeros((0, 4))
