"""Small charts as inline SVG text for the HTML report: no script, no font file, no request; every label
escaped; the same data always gives the same bytes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"WenQuanYi Micro Hei", Arial, sans-serif'
)
INK = "#1f2328"
MUTED = "#57606a"
GRID = "#e4e7eb"
BLUE = "#4e79a7"
RED = "#d62728"
GREY = "#9aa4ae"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing .0 (stable text)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nice_ticks(top: float, count: int = 4, *, whole: bool = False) -> list[float]:
    """Round tick values from 0 to at least `top`; whole numbers only when `whole` (an axis of counts).

    Examples
    --------
    >>> nice_ticks(23)
    [0, 10, 20, 30]
    >>> nice_ticks(0)
    [0, 1]
    >>> nice_ticks(1), nice_ticks(1, whole=True), nice_ticks(6, whole=True)
    ([0, 0.25, 0.5, 0.75, 1], [0, 1], [0, 2, 4, 6])
    """
    if top <= 0:
        return [0, 1]
    raw = max(top / count, 1) if whole else top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = [m * magnitude for m in (1, 2, 2.5, 5, 10)]
    step = next(m for m in steps if m >= raw and not (whole and m != int(m)))
    if step == int(step):
        step = int(step)
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return [int(t) if t == int(t) else t for t in ticks]


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rp-chart" role="img" viewBox="0 0 {_n(width)} '
        f'{_n(height)}" width="{_n(width)}" height="{_n(height)}" font-family="{_e(FONT)}" font-size="12">'
        f"<title>{_e(title)}</title>" + "".join(body) + "</svg>"
    )


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: its label, colour and one value per category (None = nothing to show)."""

    label: str
    color: str
    values: Sequence[float | None]


def hbar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    maximum: float = 1.0,
    percent: bool = True,
    missing: str = "n/a",
    width: int = 760,
) -> str:
    """Horizontal grouped bars, one group per category (e.g. both coverage rates per committee).

    Examples
    --------
    >>> svg = hbar_chart(["甲<政协>"], [Series("工作覆盖率", "#4e79a7", [0.5])], title="覆盖率")
    >>> svg.startswith("<svg") and "甲&lt;政协&gt;" in svg and "50.0%" in svg
    True
    """
    label_width, value_width, top, bar, gap = 170, 64, 34, 13, 10
    plot = width - label_width - value_width - 12
    group = bar * len(series) + gap
    height = top + group * len(categories) + 26
    body = []
    # legend
    x = label_width
    for s in series:
        body.append(f'<rect x="{x}" y="8" width="12" height="12" rx="2" fill="{_e(s.color)}"/>')
        body.append(f'<text x="{x + 17}" y="18" fill="{INK}">{_e(s.label)}</text>')
        x += 30 + 13 * len(s.label) + (0 if not s.label.isascii() else -5 * len(s.label))
    ticks = [0, 0.25, 0.5, 0.75, 1.0] if percent else nice_ticks(maximum)
    scale_top = 1.0 if percent else max(ticks[-1], 1)
    bottom = top + group * len(categories)
    for t in ticks:
        tx = label_width + plot * t / scale_top
        body.append(f'<line x1="{_n(tx)}" y1="{top - 4}" x2="{_n(tx)}" y2="{_n(bottom)}" stroke="{GRID}"/>')
        tick = f"{t * 100:.0f}%" if percent else f"{t:g}"
        body.append(
            f'<text x="{_n(tx)}" y="{_n(bottom + 16)}" fill="{MUTED}" text-anchor="middle">{tick}</text>'
        )
    for i, category in enumerate(categories):
        y0 = top + i * group
        body.append(
            f'<text x="{label_width - 8}" y="{_n(y0 + bar * len(series) / 2 + 4)}" fill="{INK}" '
            f'text-anchor="end"><title>{_e(category)}</title>{_e(_clip(category, 12))}</text>'
        )
        for j, s in enumerate(series):
            value = s.values[i]
            y = y0 + j * bar
            if value is None:
                body.append(
                    f'<text x="{label_width + 4}" y="{_n(y + bar - 3)}" fill="{MUTED}">{_e(missing)}</text>'
                )
                continue
            length = plot * min(max(float(value), 0.0), scale_top) / scale_top
            body.append(
                f'<rect x="{label_width}" y="{_n(y + 1)}" width="{_n(length)}" height="{bar - 2}" '
                f'fill="{_e(s.color)}"/>'
            )
            text = f"{float(value) * 100:.1f}%" if percent else f"{value:g}"
            body.append(
                f'<text x="{_n(label_width + length + 4)}" y="{_n(y + bar - 3)}" fill="{INK}" '
                f'font-size="11">{text}</text>'
            )
    return _svg(width, height, title, body)


def histogram(
    counts: Sequence[tuple[int, int]],
    *,
    title: str,
    x_label: str,
    y_label: str,
    threshold: int | None = None,
    threshold_label: str = "",
    width: int = 760,
    height: int = 280,
) -> str:
    """Vertical bars of (value, count) pairs, e.g. CPC members per number of non-party members they liaise
    with; bars above `threshold` red, the bar at 0 grey, a dashed line just after `threshold`.

    Examples
    --------
    >>> svg = histogram([(0, 3), (1, 5), (6, 1)], title="负担", x_label="x", y_label="y", threshold=5)
    >>> svg.count("<rect")
    3
    """
    left, right, top, bottom = 56, 16, 26, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for v, _ in counts]
    lo, hi = (min(values), max(values)) if values else (0, 0)
    if threshold is not None:
        hi = max(hi, threshold + 1)
    slots = hi - lo + 1
    slot = plot_w / slots
    ticks = nice_ticks(max((c for _, c in counts), default=0), whole=True)
    y_top = ticks[-1]
    body = []
    for t in ticks:
        ty = top + plot_h - plot_h * t / y_top
        body.append(f'<line x1="{left}" y1="{_n(ty)}" x2="{left + plot_w}" y2="{_n(ty)}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{_n(ty + 4)}" fill="{MUTED}" text-anchor="end">{t:g}</text>')
    label_every = max(1, math.ceil(slots / 30))
    for value, count in counts:
        x = left + (value - lo) * slot
        h = plot_h * count / y_top
        color = GREY if value == 0 else (RED if threshold is not None and value > threshold else BLUE)
        body.append(
            f'<rect x="{_n(x + slot * 0.12)}" y="{_n(top + plot_h - h)}" width="{_n(slot * 0.76)}" '
            f'height="{_n(h)}" fill="{color}"><title>{value}: {count}</title></rect>'
        )
        if count and slots <= 40:
            body.append(
                f'<text x="{_n(x + slot / 2)}" y="{_n(top + plot_h - h - 4)}" fill="{INK}" '
                f'text-anchor="middle" font-size="11">{count}</text>'
            )
    for value in range(lo, hi + 1, label_every):
        x = left + (value - lo) * slot + slot / 2
        body.append(
            f'<text x="{_n(x)}" y="{top + plot_h + 16}" fill="{MUTED}" text-anchor="middle">{value}</text>'
        )
    if threshold is not None and lo <= threshold <= hi:
        tx = left + (threshold - lo + 1) * slot
        body.append(
            f'<line x1="{_n(tx)}" y1="{top - 6}" x2="{_n(tx)}" y2="{top + plot_h}" stroke="{RED}" '
            'stroke-dasharray="5 4" stroke-width="1.5"/>'
        )
        body.append(f'<text x="{_n(tx + 4)}" y="{top + 4}" fill="{RED}">{_e(threshold_label)}</text>')
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{MUTED}"/>'
    )
    body.append(
        f'<text x="{_n(left + plot_w / 2)}" y="{height - 8}" fill="{INK}" text-anchor="middle">'
        f"{_e(x_label)}</text>"
    )
    body.append(
        f'<text x="14" y="{_n(top + plot_h / 2)}" fill="{INK}" text-anchor="middle" '
        f'transform="rotate(-90 14 {_n(top + plot_h / 2)})">{_e(y_label)}</text>'
    )
    return _svg(width, height, title, body)


def stacked_bars(
    categories: Sequence[str],
    parts: Sequence[Series],
    *,
    title: str,
    width: int = 760,
) -> str:
    """Horizontal stacked bars of counts, one per category (e.g. linked and unlinked non-party members per
    township); the total is written at the end of each bar.

    Examples
    --------
    >>> svg = stacked_bars(["甲镇"], [Series("已联系", "#4e79a7", [9]), Series("未联系", "#d62728", [1])],
    ...                    title="t")
    >>> ">10<" in svg
    True
    """
    label_width, top, bar, gap = 120, 34, 16, 6
    plot = width - label_width - 56
    totals = [sum(float(p.values[i] or 0) for p in parts) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0), whole=True)
    scale = ticks[-1]
    height = top + (bar + gap) * len(categories) + 26
    bottom = top + (bar + gap) * len(categories)
    body = []
    x = label_width
    for p in parts:
        body.append(f'<rect x="{x}" y="8" width="12" height="12" rx="2" fill="{_e(p.color)}"/>')
        body.append(f'<text x="{x + 17}" y="18" fill="{INK}">{_e(p.label)}</text>')
        x += 30 + 13 * len(p.label) + (0 if not p.label.isascii() else -5 * len(p.label))
    for t in ticks:
        tx = label_width + plot * t / scale
        body.append(f'<line x1="{_n(tx)}" y1="{top - 4}" x2="{_n(tx)}" y2="{_n(bottom)}" stroke="{GRID}"/>')
        body.append(
            f'<text x="{_n(tx)}" y="{_n(bottom + 16)}" fill="{MUTED}" text-anchor="middle">{t:g}</text>'
        )
    for i, category in enumerate(categories):
        y = top + i * (bar + gap)
        body.append(
            f'<text x="{label_width - 8}" y="{_n(y + bar - 4)}" fill="{INK}" text-anchor="end">'
            f"<title>{_e(category)}</title>{_e(_clip(category, 9))}</text>"
        )
        x0 = float(label_width)
        for p in parts:
            value = float(p.values[i] or 0)
            if value <= 0:
                continue
            length = plot * value / scale
            body.append(
                f'<rect x="{_n(x0)}" y="{_n(y)}" width="{_n(length)}" height="{bar}" '
                f'fill="{_e(p.color)}"><title>{_e(p.label)}: {value:g}</title></rect>'
            )
            x0 += length
        body.append(
            f'<text x="{_n(x0 + 4)}" y="{_n(y + bar - 4)}" fill="{INK}" font-size="11">{totals[i]:g}</text>'
        )
    return _svg(width, height, title, body)


__all__ = ["Series", "hbar_chart", "histogram", "nice_ticks", "stacked_bars"]
