"""The interactive graph views embedded in the report (the vis library inlined once, in the first)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pbgraph._texts.report import tr
from pbgraph.report._context import Context, esc

if TYPE_CHECKING:
    from pbgraph.render import View


@cache
def _vis_assets() -> tuple[str, ...]:
    """The inlined vis-network library texts: kept in the first view only (later views reuse it)."""
    try:
        from pbgraph.render._html import _asset_vis

        return ("<style>" + _asset_vis("vis-network.css") + "</style>", _asset_vis("vis-network.min.js"))
    except (ImportError, OSError):  # pragma: no cover - a renderer without these assets
        return ()


def _view_html(ctx: Context, view: View, element_id: str, *, first: bool) -> str:
    from pbgraph.render._html import render_html

    fragment = render_html(view, fragment=True, element_id=element_id)
    if not first:
        for asset in _vis_assets():
            fragment = fragment.replace(asset, "", 1)
    # on paper, in a row that wraps: the full names where the page's legend gives short forms
    legend = "".join(
        f'<li><span class="rp-swatch" style="background: {esc(item.color)}"></span>'
        + esc(item.full or item.label)
        + (tr("counted", ctx.lang, title="", n=item.count) if item.count is not None else "")
        + "</li>"
        for item in view.legend
    )
    printed = (
        f'<div class="rp-print"><p class="rp-print-title">{esc(view.title)}</p>'
        f'<p class="rp-note">{esc(view.caption)}</p>'
        + (f'<p class="rp-note">{esc(view.notice)}</p>' if view.notice else "")
        + f'<ul class="rp-print-legend">{legend}</ul></div>'
    )
    return (
        f'<figure class="rp-view" data-view="{esc(element_id)}">{fragment}{printed}'
        f'<img class="rp-snapshot" alt="{esc(view.title)}">'
        f"<figcaption>{esc(tr('view_caption', ctx.lang))}</figcaption></figure>"
    )


class Views:
    """Builds the embedded views in page order, so that only the first carries the vis library."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.count = 0

    def __call__(
        self,
        name: str,
        target: str | None = None,
        *,
        committee: str | None = None,
        depth: int = 1,
        node_limit: int | None = None,
    ) -> str:
        ctx = self.ctx
        if not ctx.views:
            return ""
        from pbgraph.render import build_view
        from pbgraph.render._model import gc_paused

        self.count += 1
        # the collector paused from building the view to its page (it would otherwise scan the view's
        # objects, a province's 40,000 nodes, once in between) and the view gone before it resumes
        with gc_paused():
            view = build_view(
                ctx.ds,
                name,
                target,
                committee=committee,
                node_limit=node_limit or ctx.node_limit,
                max_load=ctx.max_load,
                depth=depth,
                lang=ctx.lang,
            )
            page = _view_html(ctx, view, f"rp-view-{name}", first=self.count == 1)
            del view
        return page
