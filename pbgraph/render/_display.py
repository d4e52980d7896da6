"""Views in notebooks: :class:`ViewDisplay` shows a view inline and saves it as HTML, PNG or SVG."""

from __future__ import annotations

import html
import os
from pathlib import Path

from pbgraph._errors import InvalidOptionError
from pbgraph.render._html import render_html
from pbgraph.render._model import View

__all__ = ["ViewDisplay"]


class ViewDisplay:
    """A rendered view for notebooks: shown inline as an ``<iframe srcdoc>``, saved with :meth:`save`.

    Parameters
    ----------
    view
        What to draw.
    height
        Height of the inline frame in CSS pixels.
    """

    def __init__(self, view: View, *, height: int = 640) -> None:
        self.view = view
        self.height = int(height)
        self._html: str | None = None

    @property
    def html(self) -> str:
        """The full page, rendered once."""
        if self._html is None:
            self._html = render_html(self.view)
        return self._html

    def _repr_html_(self) -> str:
        # srcdoc keeps the page inside the notebook (no file to lose); the sandbox still runs its scripts
        style = f"width: 100%; height: {self.height}px; border: 1px solid #d0d7de; box-sizing: border-box;"
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.view.title)}" '
            f'sandbox="allow-scripts" style="{style}"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the view to ``path``: ``.html``/``.htm`` as UTF-8 HTML, ``.png`` or ``.svg`` as a picture.

        Returns
        -------
        Path
            The path written.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in (".html", ".htm"):
            target.write_text(self.html, encoding="utf-8")
        elif suffix in (".png", ".svg"):
            from pbgraph.render._static import render_static

            target.write_bytes(render_static(self.view, fmt="png" if suffix == ".png" else "svg"))
        else:
            raise InvalidOptionError(
                f"cannot save a view as {target.name!r}: use a .html, .png or .svg file name"
            )
        return target

    def __repr__(self) -> str:
        return f"ViewDisplay({self.view.title!r}, nodes={len(self.view.nodes)}, edges={len(self.view.edges)})"
