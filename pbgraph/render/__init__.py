"""Interactive and static graph views: `build_view` makes a :class:`View` of a dataset, `write_view` writes it
as an offline HTML page, an embeddable fragment, PNG or SVG, and `show` returns it for a notebook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbgraph._errors import InvalidOptionError
from pbgraph.render._display import ViewDisplay
from pbgraph.render._html import render_html
from pbgraph.render._model import LegendItem, View, ViewEdge, ViewNode
from pbgraph.render.views import COLOR_BY, DEFAULT_NODE_LIMIT, VIEWS, build_view, view_date

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

FORMATS = ("html", "fragment", "png", "svg")


def render_view(view: View, *, fmt: str = "html", element_id: str | None = None) -> bytes:
    """The bytes of a view in one of `FORMATS` (HTML is UTF-8)."""
    if fmt in ("html", "fragment"):
        return render_html(view, fragment=fmt == "fragment", element_id=element_id).encode("utf-8")
    if fmt in ("png", "svg"):
        from pbgraph.render._static import render_static

        return render_static(view, fmt=fmt)  # type: ignore[arg-type]
    raise InvalidOptionError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_view(
    view: View, path: str | Path, *, fmt: str | None = None, element_id: str | None = None
) -> Path:
    """Write a view to a file, all at once (never half-written); the format defaults to the file's suffix."""
    from pbgraph._write import atomic_open

    path = Path(path)
    fmt = fmt or {".png": "png", ".svg": "svg"}.get(path.suffix.lower(), "html")
    data = render_view(view, fmt=fmt, element_id=element_id)
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return path


def show(ds: Dataset, name: str = "network", target: str | None = None, **options: Any) -> ViewDisplay:
    """A view for Jupyter: displays inline when it is the last value of a cell.

    Examples
    --------
    >>> from pbgraph import load
    >>> display = show(load("data/sample"), "gaps")
    >>> display._repr_html_().startswith("<iframe")
    True
    """
    return ViewDisplay(build_view(ds, name, target, **options))


def to_pyvis(view: View) -> Any:
    """The view as a `pyvis.network.Network`, for users who want to customize it with pyvis.

    It holds what the page draws when it opens (no folded or reserve nodes). Nodes and edges go in bulk
    (pyvis's `add_node` scans a list per call: minutes at 50,000 nodes).
    Write it with pbgraph's `write_view`, not pyvis's `write_html`, to stay offline and UTF-8.
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    nodes, edges = view.first_frame()
    net.nodes = [
        {
            "id": n.id,
            "label": n.label,
            "x": n.x,
            "y": n.y,
            "color": n.color,
            "shape": n.shape,
            "size": n.size,
            "title": "\n".join(f"{k}: {v}" for k, v in n.tooltip.items()),
        }
        for n in nodes
    ]
    net.node_ids = [n.id for n in nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.edges = [
        {
            "from": e.source,
            "to": e.target,
            "color": e.color,
            "dashes": e.dashes,
            "width": e.width,
            "title": e.tooltip,
            "arrows": "to" if e.arrows else "",
        }
        for e in edges
    ]
    net.toggle_physics(view.physics)
    return net


__all__ = [
    "COLOR_BY",
    "DEFAULT_NODE_LIMIT",
    "FORMATS",
    "VIEWS",
    "LegendItem",
    "View",
    "ViewDisplay",
    "ViewEdge",
    "ViewNode",
    "build_view",
    "render_view",
    "show",
    "to_pyvis",
    "view_date",
    "write_view",
]
