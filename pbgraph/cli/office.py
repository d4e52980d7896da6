"""`pbgraph import` and `pbgraph template`: office files in, a canonical dataset out; an empty office-form
workbook to fill in (DESIGN 3.1)."""

from __future__ import annotations

from pathlib import Path

import click

from pbgraph._errors import DatasetError
from pbgraph._texts import help_text, say
from pbgraph._texts.cli import CLI, USAGE
from pbgraph._texts.help import HELP
from pbgraph.cli._common import (
    OutputFile,
    echo_wrote,
    exit_with_problems,
    lang_option,
    library_errors,
    problem_lines,
    status,
)


@click.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help=help_text("import_output"),
)
@click.option(
    "--map",
    "column_map",
    multiple=True,
    metavar=say(HELP, "map_metavar", "zh"),
    help=help_text("map"),
)
@click.option("--force", is_flag=True, help=help_text("import_force"))
@lang_option
@library_errors
def import_command(
    sources: tuple[Path, ...], out: Path, column_map: tuple[str, ...], force: bool, lang: str
) -> None:
    """把办公室现有的 Excel/CSV（委员名单、联系名单…）转为规范数据集，并写出导入报告。

    Read office files (rosters and liaison lists as kept: .xlsx, .xls, .csv or folders of them)
    and write the canonical dataset plus an import report (导入报告.md/.html/.json) into a folder.
    The folder is written beside and renamed into place; a non-empty folder is refused unless
    --force. Exit code 2 when the files have errors (nothing is written).

    \b
    例 / Example:
      pbgraph import 委员名单.xlsx 联系名单.xls -o out/数据集
      pbgraph import data/sample-office.xlsx -o out/sample --lang en
    """
    from pbgraph.office import import_dataset, parse_column_map
    from pbgraph.office.importer import OutputExistsError

    mapping, problems = parse_column_map(list(column_map))
    if problems:
        raise click.UsageError("\n".join(p.message(lang) for p in problems))
    try:
        result = import_dataset(list(sources), out, column_map=mapping, lang=lang, force=force)
    except OutputExistsError as error:
        raise click.ClickException(say(CLI, "import_target_is_source", lang, out=out)) from error
    except DatasetError as error:
        errors = sum(p.stands_for for p in error.problems if p.is_error)
        exit_with_problems(
            error.problems,
            lang,
            say(CLI, "nothing_written", lang, errors=errors),
        )
    for line in problem_lines(result.dataset.warnings, lang):
        click.echo(line, err=True)
    ds = result.dataset
    status(say(CLI, "imported", lang, members=len(ds.members), liaisons=len(ds.liaisons), out=out))
    if len(ds.activities):
        from pbgraph._texts.office import ACTIVITY_LOGS, IMPORTED_ACTIVITIES
        from pbgraph.model import MEETING_KINDS

        meeting = ds.activities["kind"].isin([str(kind) for kind in MEETING_KINDS])
        logs = [key for key, present in (("liaison", ~meeting), ("meeting", meeting)) if present.any()]
        names = ("、" if lang == "zh" else " and ").join(ACTIVITY_LOGS[key][lang != "zh"] for key in logs)
        status(IMPORTED_ACTIVITIES[lang != "zh"].format(activities=len(ds.activities), logs=names))


@click.command("template")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=OutputFile(),
    help=help_text("template_output"),
)
@click.option("--force", is_flag=True, help=help_text("template_force"))
@lang_option
@library_errors
def template_command(out: Path, force: bool, lang: str) -> None:
    """写出办公室格式的空白模板（委员名单、各联系表、组织、联系记录、组织生活记录…，含填表说明、下拉选项和示例行）。

    加 --lang en 时填表说明为英文，表头和下拉选项仍为中文。

    Write an empty workbook in the office form: 委员名单, the liaison lists, 组织, 组织成员, and the
    activity logs 联系记录 and 组织生活记录, with an instructions sheet (说明), drop-down lists for
    enumerated columns and example rows. Filled in, every command reads it directly. With --lang en the
    form stays Chinese (its sheets, headers, drop-down values) and what explains it is English: the
    Instructions sheet names each column by its header and its meaning, 姓名 (name).

    \b
    例 / Example:
      pbgraph template -o out/模板.xlsx
      pbgraph validate out/模板.xlsx
    """
    from pbgraph.office import write_template

    if out.suffix.lower() != ".xlsx":
        raise click.UsageError(say(USAGE, "template_xlsx", lang))
    if out.exists() and out.is_file() and not force:
        raise click.ClickException(say(CLI, "file_exists", lang, out=out))
    write_template(out, lang=lang)
    echo_wrote(out, lang)
