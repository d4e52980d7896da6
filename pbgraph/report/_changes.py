"""The report's section on what changed since an earlier dataset (`pbgraph report NEW --compare OLD`): the
summary of :func:`pbgraph.diff`, both rates before and after, the gaps opened, closed, worsened and gone
(with the member who left), the members who joined, left or changed, and the liaisons added, removed or
broken by a departure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbgraph._gap_changes import GAP_CHANGES
from pbgraph._texts import say
from pbgraph._texts.changes import CHANGES
from pbgraph._texts.report import SECTIONS, tr
from pbgraph.format import table_title
from pbgraph.report._context import esc
from pbgraph.report._tables import table_html

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pbgraph.changes import Diff
    from pbgraph.dataset import Dataset
    from pbgraph.report._context import Context


def changes_section(
    ctx: Context, old: Dataset, found: Diff, number: int, *, notes: Sequence[str] = ()
) -> tuple[str, str]:
    """(section key, html) of `found`, the comparison of `old` with the report's dataset, with the `notes`
    on how its members were matched (:func:`pbgraph._diff_reading.matched_by`: by name, as ids pbgraph
    assigned cannot be compared; by id, when ids name other people in the two), as `pbgraph diff` says."""
    from pbgraph._diff_reading import readable_parties

    lang = ctx.lang
    counts = {(r["table"], r["change"]): int(r["count"]) for r in found.summary.to_dict("records")}
    finding = say(
        CHANGES,
        "finding",
        lang,
        old=old.name or "—",
        **{change: counts[("members", change)] for change in ("joined", "left", "changed")},
        **{change: counts[("liaisons", change)] for change in ("added", "removed", "broken")},
        **{change: counts[("gaps", change)] for change in GAP_CHANGES},
    )
    body = ""
    for name, frame in (
        ("rates", found.rates),
        ("gap_changes", found.gaps),
        ("member_changes", readable_parties(found.members, lang)),
        ("liaison_changes", found.liaisons),
    ):
        body += f"<h3>{esc(table_title(name, lang))}</h3>"
        body += table_html(frame, ctx, more_from="more_where_compare")
    html = (
        f'<section class="rp-section" id="changes"><h2><span class="rp-num">{number}</span>'
        f"{esc(tr('changes', lang, SECTIONS))}</h2>"
        f'<p class="rp-finding">{esc(finding)}</p>'
        + "".join(f'<p class="rp-note">{esc(note)}</p>' for note in notes)
        + f"{body}</section>"
    )
    return "changes", html
