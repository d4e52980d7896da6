"""`pbgraph plan`, `pbgraph diff` and `pbgraph whatif` (DESIGN 4.1): a thin layer over :mod:`pbgraph.planning`
and :mod:`pbgraph.changes`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import pandas as pd

from pbgraph._diff_reading import diff_tables, matched_by
from pbgraph._notes import not_recorded_notes
from pbgraph._texts import help_text, say
from pbgraph._texts.cli import OUTPUTS, USAGE
from pbgraph._texts.tables import CELLS
from pbgraph.cli._common import (
    OutputFile,
    as_of_dataset,
    as_of_option,
    cache_option,
    committee_id,
    echo_wrote,
    library_errors,
    load_or_exit,
    match_option,
    max_load_option,
    output_options,
    status,
    write_tables,
)

if TYPE_CHECKING:
    from pbgraph.changes import Diff
    from pbgraph.dataset import Dataset

FORMATS = ("table", "json", "csv", "xlsx")
VIEW_FORMATS = ("html", "png", "svg")
"""What --view writes, told by its suffix (as `pbgraph render`)."""
F = TypeVar("F", bound=Callable[..., Any])


def shared_options(func: F) -> F:
    """--max-load, --view, the output options, --no-cache, and library errors as one clear message."""
    func = library_errors(func)
    func = cache_option(func)
    func = output_options(*FORMATS)(func)
    func = click.option(
        "--view",
        "view_to",
        type=OutputFile(*VIEW_FORMATS),
        help=help_text("view"),
    )(func)
    return max_load_option(func)


@click.command()
@click.argument("path", type=click.Path())
@click.option(
    "--fragile",
    is_flag=True,
    help=help_text("fragile"),
)
@click.option("--committee", help=help_text("plan_committee"))
@click.option(
    "--apply",
    "apply_to",
    type=click.Path(path_type=Path),
    help=help_text("apply"),
)
@click.option("--force", is_flag=True, help=help_text("plan_force"))
@click.option(
    "--sheets",
    type=click.Choice(["committee", "member"]),
    default="committee",
    show_default=True,
    help=help_text("sheets"),
)
@as_of_option
@shared_options
def plan(
    path: str,
    fragile: bool,
    max_load: int,
    committee: str | None,
    apply_to: Path | None,
    force: bool,
    sheets: str,
    view_to: Path | None,
    fmt: str,
    lang: str,
    output: Path | None,
    as_of: str | None,
) -> None:
    """安排联系：为未联系的党外委员、无人联系的界别和镇街提出新的联系人（最小费用流，结果最优且可重复）。

    Propose the liaisons that close the coverage gaps: every unlinked non-party member gets a CPC member of
    the same committee (same sector group first, then same township, then lower load), never past
    --max-load; uncovered sectors get a party-group member, townships a CPC member living there. What cannot
    be placed is listed with the reason.

    \b
    例 / Example:
      pbgraph plan data/sample
      pbgraph plan data/sample --fragile --max-load 6 --format xlsx -o out/plan.xlsx
      pbgraph plan data/sample --apply out/sample-planned --view out/plan.html
      pbgraph plan data/sample --as-of 2024-06-30
    """
    from pbgraph.naming import tables_with_names
    from pbgraph.planning import apply_plan
    from pbgraph.planning import plan as make_plan

    if apply_to is not None:
        _check_folder(apply_to, Path(path), force=force, lang=lang)
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    committee = committee_id(ds, committee)
    proposed = make_plan(ds, max_load=max_load, fragile=fragile, committee=committee)
    notes = not_recorded_notes(proposed.not_recorded, lang)
    # a name beside every id (DESIGN 5): the plan names its people and places, the committee's name joins here
    named = tables_with_names(proposed.tables, ds)
    if fmt == "xlsx":
        if output is None:
            raise click.UsageError(say(USAGE, "xlsx_needs_output", lang))
        _write_work_lists(named["plan"], named["unplaced"], output, by=sheets, lang=lang, ds=ds, notes=notes)
        for note in notes:
            status(note)
    else:
        write_tables(named, fmt=fmt, lang=lang, output=output, notes=notes)
    if view_to is not None:
        from pbgraph.render import write_view
        from pbgraph.render.views.changes import plan_view

        view = plan_view(ds, proposed, committee=committee, max_load=max_load, lang=lang)
        echo_wrote(write_view(view, view_to), lang)
    if apply_to is not None:
        _write_dataset(apply_plan(ds, proposed), apply_to)
        echo_wrote(apply_to, lang, key="plan_applied", n=len(proposed.liaisons))


@click.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@match_option
@shared_options
def diff(
    old: str,
    new: str,
    match: str,
    max_load: int,
    view_to: Path | None,
    fmt: str,
    lang: str,
    output: Path | None,
) -> None:
    """比较两个数据集（换届、动态管理）：委员进出和变更、联系增减、组织变化、覆盖率前后、缺口出现、消除和加重。

    Compare two datasets: members who joined, left or changed; liaisons added, removed and broken by a
    departure; organizations and memberships added and removed; both rates before and after per committee;
    gaps opened, closed, worsened, or gone with the member who left, per analysis.

    \b
    例 / Example:
      pbgraph diff data/2023 data/2024
      pbgraph diff 委员名单2023.xlsx 委员名单2024.xlsx --format xlsx -o out/diff.xlsx
      pbgraph diff data/2023 data/2024 --match name
    """
    from pbgraph.changes import diff as compare

    if view_to is not None and match == "name":
        raise click.UsageError(say(USAGE, "view_needs_id", lang))
    before, after = load_or_exit(old, lang), load_or_exit(new, lang)
    # by default by id when both record their ids, else by name; said before the tables
    match, notes = matched_by(before, after, match, lang)
    if view_to is not None and match != "id":
        for note in notes:
            status(note)
        raise click.UsageError(say(USAGE, "view_needs_id", lang))
    found = compare(before, after, match=match, max_load=max_load)
    _write_diff(found, fmt=fmt, lang=lang, output=output, named_by=(after, before), notes=notes, match=match)
    if view_to is not None:
        _write_diff_view(before, after, found, view_to, lang)


@click.command()
@click.argument("path", type=click.Path())
@click.option(
    "--remove",
    "remove",
    multiple=True,
    required=True,
    metavar="ID",
    help=help_text("remove"),
)
@as_of_option
@shared_options
def whatif(
    path: str,
    remove: tuple[str, ...],
    max_load: int,
    view_to: Path | None,
    fmt: str,
    lang: str,
    output: Path | None,
    as_of: str | None,
) -> None:
    """假如这些委员离开：谁变成未联系或仅一人联系，哪些界别、镇街失去唯一联系人，覆盖率会怎样。

    What if these members left: the comparison of `pbgraph diff` between the dataset and the dataset
    without them (who becomes unlinked or fragile, which sectors and townships lose their only liaison, the
    rates after).

    \b
    例 / Example:
      pbgraph whatif data/sample --remove M0007 --view out/whatif.html
      pbgraph whatif data/sample --remove M0007,M0010 --format xlsx -o out/whatif.xlsx
      pbgraph whatif data/sample --remove M0007 --as-of 2024-06-30
    """
    from pbgraph.changes import whatif as without

    ids = [part.strip() for value in remove for part in value.replace("，", ",").split(",") if part.strip()]
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    found = without(ds, ids, max_load=max_load)
    _write_diff(found, fmt=fmt, lang=lang, output=output, named_by=(ds,))
    if view_to is not None:
        from pbgraph.changes import without_members

        _write_diff_view(ds, without_members(ds, ids), found, view_to, lang)


# ---------------------------------------------------------------------------------------------------------
# writing


def _write_diff(
    found: Diff,
    *,
    fmt: str,
    lang: str,
    output: Path | None,
    named_by: tuple[Dataset, ...],
    notes: Sequence[str] = (),
    match: str = "id",
) -> None:
    named = diff_tables(found, named_by, lang, match=match, words=fmt != "json")
    write_tables(named, fmt=fmt, lang=lang, output=output, notes=notes, notes_first=True)


def _write_diff_view(old: Dataset, new: Dataset, found: Diff, target: Path, lang: str) -> None:
    from pbgraph.render import write_view
    from pbgraph.render.views.changes import diff_view

    echo_wrote(write_view(diff_view(old, new, found, lang=lang), target), lang)


def _write_work_lists(
    placed: pd.DataFrame,
    unplaced: pd.DataFrame,
    output: Path,
    *,
    by: str,
    lang: str,
    ds: Dataset,
    notes: Sequence[str] = (),
) -> None:
    """The plan as an xlsx of work lists: a sheet per committee (or per liaison source), then the rows not
    placed, then the `notes` (what the plan could not see)."""
    from pbgraph.format import write_xlsx

    ordered = placed.sort_values(["committee", "source", "kind", "target"], kind="stable")
    key, name_column = ("committee", None) if by == "committee" else ("source", "source_name")
    groups: dict[str, pd.DataFrame] = {}
    for value, rows in ordered.groupby(key, sort=False):
        if name_column is not None:
            title = say(CELLS, "code_named", lang, name=rows[name_column].iloc[0], code=value)
        else:
            # a dataset that names no committee is one committee without an id: its sheet is the plan's
            title = ds.name_of(str(value)) or str(value) or "plan"
        groups[title] = rows.reset_index(drop=True)
    groups["unplaced"] = unplaced
    write_xlsx(groups, output, lang=lang, notes=notes)
    echo_wrote(output, lang)


def _check_folder(target: Path, source: Path, *, force: bool, lang: str) -> None:
    """Refuse a target that is the input, holds it, or (as every folder output does, in the same words) is a
    file or a non-empty folder (unless `force`)."""
    from pbgraph._write import check_folder_target

    target_abs, source_abs = target.resolve(), source.resolve()
    if target_abs == source_abs or target_abs in source_abs.parents or source_abs in target_abs.parents:
        raise click.ClickException(say(OUTPUTS, "apply_inside_input", lang, target=target, source=source))
    check_folder_target(target, force=force)


def _write_dataset(ds: Dataset, target: Path) -> None:
    """Write the dataset as CSVs beside `target`, then move it into place (a killed run leaves the old folder
    or none); errors name `target`, not the folder beside it."""
    from pbgraph.export import export_csv

    export_csv(ds, target, force=True)
