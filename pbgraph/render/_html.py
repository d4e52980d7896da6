"""Write a graph view as one self-contained, offline, interactive HTML page or fragment.

This is the low-level writer: it knows nothing about committees or members. Higher layers compute
positions, colours and attributes and hand over a :class:`View`; this module turns it into HTML.

API
---
``ViewNode``, ``ViewEdge``, ``LegendItem``, ``View``
    Frozen dataclasses describing what to draw, defined in :mod:`pbgraph.render._model` (positions
    are screen coordinates as in vis-network: ``x`` to the right, ``y`` downwards).
``render_html(view, *, fragment=False, element_id=None, height=640) -> str``
    A full page (``<!DOCTYPE html>`` …) or, with ``fragment=True``, a ``<style>`` + ``<div>`` +
    ``<script>`` block to paste into another page.
``DEFAULT_LABELS_ZH``, ``DEFAULT_LABELS_EN``
    The UI strings; ``View.labels`` overrides them key by key (missing keys fall back to Chinese).
    Filter names are looked up as ``"filter.<attribute key>"`` and fall back to the key itself.

Guarantees
----------
- Offline: the vis-network script and stylesheet shipped inside the pyvis package are inlined; the
  page makes no request (no CDN, no web font, no favicon).
- Safe: data reaches the page only as JSON inside ``<script type="application/json">`` (with ``<``,
  ``>``, ``&``, U+2028 and U+2029 escaped; a whole page whose payload passes :data:`DEFLATE_ABOVE` carries it
  deflated and base64-encoded, which the page inflates with the browser's ``DecompressionStream``) and is
  put on screen with ``textContent``; title, caption, notice and legend are ``html.escape``-d. Colours
  must be ``#rgb``/``#rrggbb``/``#rrggbbaa`` or a CSS colour name, shapes one of :data:`NODE_SHAPES`;
  anything else raises ``ValueError``.
- Deterministic: the same view gives byte-identical output; a fragment's element id is a hash of its
  content unless ``element_id`` is given.
- Responsive: physics is off (on only if ``view.physics`` and the view is small), positions are
  used as given, edges are straight, edges hide while dragging and, for big views, while zooming.

In the browser, each view sets ``data-ready`` on its root element and ``window.__pbgraphReady``
(``performance.now()`` at the first drawn frame), and registers ``window.__pbgraphViews[id]`` with
its ``network``, ``nodes`` and ``edges`` (vis objects) for tests and notebooks.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
import zlib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from pbgraph._errors import InvalidOptionError
from pbgraph._texts.render import DEFAULT_LABELS_EN, DEFAULT_LABELS_ZH
from pbgraph.render._model import (
    EDGE_LEGEND_SHAPES,
    GAP_HALO,
    GAP_HALO_EDGE,
    NODE_SHAPES,
    LegendItem,
    View,
    ViewEdge,
    ViewNode,
    check_view,
    gc_paused,
)
from pbgraph.render._payload import json_for_script, payload

__all__ = [
    "DEFAULT_LABELS_EN",
    "DEFAULT_LABELS_ZH",
    "EDGE_LEGEND_SHAPES",
    "NODE_SHAPES",
    "LegendItem",
    "View",
    "ViewEdge",
    "ViewNode",
    "check_view",
    "render_html",
]

_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_VIS_DIR = "templates/lib/vis-9.1.2"
#: a whole page whose JSON payload is longer than this (in characters) carries it deflated and base64-encoded
DEFLATE_ABOVE = 2_000_000


def render_html(
    view: View, *, fragment: bool = False, element_id: str | None = None, height: int = 640
) -> str:
    """Render ``view`` as a self-contained HTML page, or as a fragment for another page.

    Parameters
    ----------
    view
        What to draw.
    fragment
        Return ``<style>`` + ``<div>`` + ``<script>`` blocks instead of a whole document; several
        fragments (with different ids) can share one page.
    element_id
        Id of the view's root element; by default ``"pbg-"`` plus a hash of the content. Must start
        with a letter and hold only letters, digits, ``-`` and ``_``.
    height
        Height in CSS pixels of a fragment; a full page fills the window.

    Returns
    -------
    str
        The HTML; write it with ``encoding="utf-8"``.

    Examples
    --------
    >>> node = ViewNode("m1", "委员甲", "member", 0.0, 0.0, "#d62728", "dot", 10.0, {"党派": "中共党员"})
    >>> view = View(title="示例", caption="1 个节点", nodes=[node], edges=[])
    >>> page = render_html(view)
    >>> page.startswith("<!DOCTYPE html>"), "委员甲" in page
    (True, True)
    >>> render_html(view, fragment=True, element_id="v1").startswith("<style>")
    True
    """
    check_view(view)
    if element_id is not None and not _ELEMENT_ID.fullmatch(element_id):
        raise InvalidOptionError(
            f"element_id {element_id!r} must start with a letter and hold only letters, digits, '-' "
            "and '_' (at most 64 characters)"
        )
    labels = {**DEFAULT_LABELS_ZH, **view.labels}
    with gc_paused():
        data = json_for_script(payload(view, labels))
    data_type, data_attrs = "application/json", ""
    if not fragment and len(data) > DEFLATE_ABOVE:
        # a third of the bytes to read and decode: the page inflates it with the browser's DecompressionStream
        data = base64.b64encode(zlib.compress(data.encode("utf-8"), 6)).decode("ascii")
        data_type = "application/octet-stream"
        data_attrs = (
            f' data-encoding="deflate-base64" data-old-browser="{html.escape(labels["old_browser"])}"'
        )
    legend = (
        f'<aside class="pbg-legend"><p class="pbg-legend-title">{html.escape(labels["legend"])}</p>'
        f"<ul>{''.join(_legend_item(item) for item in view.legend)}</ul></aside>"
        if view.legend
        else ""
    )
    heading = "h2" if fragment else "h1"
    values = {
        "VIS_CSS": _asset_vis("vis-network.css"),
        "ROOT_CLASS": " pbg-fragment" if fragment else "",
        "LANG": html.escape(labels["lang"]),
        "HEIGHT": f"{int(height)}px" if fragment else "100vh",
        "HEADING": heading,
        "TITLE": html.escape(view.title),
        "CAPTION": html.escape(view.caption),
        "NOTICE": (
            f'<div class="pbg-notice" role="status">{html.escape(view.notice)}</div>' if view.notice else ""
        ),
        "SEARCH_PLACEHOLDER": html.escape(labels["search_placeholder"]),
        "SEARCH_BUTTON": html.escape(labels["search_button"]),
        "RESET": html.escape(labels["reset"]),
        "PATH_FROM": html.escape(labels["path_from"]),
        "PATH_TO": html.escape(labels["path_to"]),
        "PATH_BUTTON": html.escape(labels["path_button"]),
        "CLOSE": html.escape(labels["close"]),
        "HINT": html.escape(labels["hint"]),
        "LEGEND": legend,
        "DATA": data,
        "DATA_TYPE": data_type,
        "DATA_ATTRS": data_attrs,
        "VIS_JS": _asset_vis("vis-network.min.js"),
        "APP_JS": _asset_own("_view.js"),
    }
    if element_id is None:
        # derived from everything the fragment shows, so equal views share an id and different ones don't
        digest = hashlib.sha256()
        for key in ("ROOT_CLASS", "LANG", "HEIGHT", "TITLE", "CAPTION", "NOTICE", "LEGEND", "DATA"):
            digest.update(values[key].encode("utf-8") + b"\0")
        element_id = "pbg-" + digest.hexdigest()[:12]
    values["ID"] = element_id
    values["ID_JSON"] = json.dumps(element_id)
    values["CSS"] = _asset_own("_view.css").replace("#pbg-root", "#" + element_id)
    body = _fill(_asset_own("_fragment.html"), values)
    if fragment:
        return body
    page_values = {"LANG": values["LANG"], "TITLE": values["TITLE"], "FRAGMENT": body}
    return _fill(_asset_own("_page.html"), page_values)


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{{NAME}}`` placeholders in one pass, so inserted text is never scanned again."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _legend_item(item: LegendItem) -> str:
    count = "" if item.count is None else f'<span class="pbg-count">{html.escape(str(item.count))}</span>'
    swatch = _swatch(item.shape, item.color) if item.symbol is None else _gap_swatch(item.symbol, item.color)
    classes = ["pbg-gap-item"] * (item.symbol is not None) + ["pbg-count-word"] * isinstance(item.count, str)
    css = f' class="{" ".join(classes)}"' if classes else ""
    title = f' title="{html.escape(item.full)}"' if item.full else ""
    return f"<li{css}{title}>{swatch}<span>{html.escape(item.label)}</span>{count}</li>"


def symbol_points(symbol: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The polygon of a gap badge of radius `r` centred on (cx, cy), y downwards (as in the page)."""
    if symbol in ("cross", "plus"):
        # a thick plus (turned 45 degrees for the cross): twelve corners
        turn = math.pi / 4 if symbol == "cross" else 0.0
        w = r * 0.38
        corners = [(-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w), (w, r), (-w, r), (-w, w), (-r, w)]
        corners += [(-r, -w), (-w, -w)]
        c, s = math.cos(turn), math.sin(turn)
        points = [(x * c - y * s, x * s + y * c) for x, y in corners]
    elif symbol == "diamond":
        points = [(0, -r), (r, 0), (0, r), (-r, 0)]
    elif symbol == "triangle":
        points = [(0, -r), (r * 0.95, r * 0.75), (-r * 0.95, r * 0.75)]
    elif symbol == "square":
        points = [(-0.8 * r, -0.8 * r), (0.8 * r, -0.8 * r), (0.8 * r, 0.8 * r), (-0.8 * r, 0.8 * r)]
    else:  # star
        points = [
            (
                (r * 0.45 if k % 2 else r * 1.1) * math.cos(-math.pi / 2 + k * math.pi / 5),
                (r * 0.45 if k % 2 else r * 1.1) * math.sin(-math.pi / 2 + k * math.pi / 5),
            )
            for k in range(10)
        ]
    return [(cx + x, cy + y) for x, y in points]


def _gap_swatch(symbol: str, color: str) -> str:
    """A legend swatch for a gap kind: a node in its halo, with the kind's badge."""
    badge = " ".join(f"{x:.2f},{y:.2f}" for x, y in symbol_points(symbol, 24.0, 6.0, 4.6))
    return (
        '<svg width="32" height="18" viewBox="0 0 32 18" aria-hidden="true">'
        f'<circle cx="10" cy="9" r="4.2" fill="{html.escape(color)}"/>'
        f'<circle cx="10" cy="9" r="6.3" fill="none" stroke="{GAP_HALO}" stroke-width="3"/>'
        f'<circle cx="10" cy="9" r="8.3" fill="none" stroke="{GAP_HALO_EDGE}" stroke-width="0.9"/>'
        f'<polygon points="{badge}" fill="{GAP_HALO_EDGE}" stroke="#ffffff" stroke-width="0.8"/></svg>'
    )


def _swatch(shape: str, color: str) -> str:
    """A small inline SVG of a legend entry's shape."""
    c = html.escape(color)
    if shape in ("line", "dashed"):
        dash = ' stroke-dasharray="4 3"' if shape == "dashed" else ""
        return (
            '<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">'
            f'<line x1="1" y1="7" x2="21" y2="7" stroke="{c}" stroke-width="2.5"{dash}/></svg>'
        )
    if shape in ("dot", "ellipse"):
        body = f'<circle cx="11" cy="7" r="6" fill="{c}"/>'
    elif shape in ("square", "box"):
        body = f'<rect x="5" y="1" width="12" height="12" rx="{2 if shape == "box" else 0}" fill="{c}"/>'
    else:
        body = f'<polygon points="{_POLYGONS[shape]}" fill="{c}"/>'
    return f'<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">{body}</svg>'


def _star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.pi / 2 + k * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy - radius * math.sin(angle):.2f}")
    return " ".join(points)


_POLYGONS = {
    "diamond": "11,0.5 17.5,7 11,13.5 4.5,7",
    "triangle": "11,1 17.5,13 4.5,13",
    "triangleDown": "4.5,1 17.5,1 11,13",
    "hexagon": "7.5,1 14.5,1 18,7 14.5,13 7.5,13 4,7",
    "star": _star_points(11, 7.5, 7, 2.9),
}


@cache
def _asset_own(name: str) -> str:
    return resources.files("pbgraph.render").joinpath(name).read_text(encoding="utf-8")


@cache
def _asset_vis(name: str) -> str:
    """A vis-network file from the pyvis package, made safe to inline in a ``<style>``/``<script>``."""
    # found without importing pyvis (that imports jinja2 and networkx: a third of a second)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis, which carries the vis-network library, is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / _VIS_DIR / name).read_text(encoding="utf-8")
    # the source-map comment would make devtools fetch a file that is not there
    text = re.sub(r"^[ \t]*//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    # an inline script or style ends at the first "</script" or "</style" and "<!--" changes how the
    # parser reads on; none occurs in 9.1.2, and the escaped forms mean the same inside JS strings
    text = text.replace("<!--", "<\\!--")
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)
