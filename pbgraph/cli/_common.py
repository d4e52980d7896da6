"""What every command shares, defined once: the options (`--lang`, `--format/-o`, `--max-load` …), loading a
dataset or exiting with its problems, turning library errors into one message, and writing tables."""

from __future__ import annotations

import functools
import inspect
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from gettext import gettext as _
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
import pandas as pd
from click.core import ParameterSource

from pbgraph._errors import DatasetError, PbgraphError
from pbgraph._grouped import grouped_lines
from pbgraph._texts import CLI, help_text, say
from pbgraph._texts.cli import OUTPUTS, USAGE
from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.cli import command_lang, examples_last
from pbgraph.dataset import Dataset
from pbgraph.format import Chunk, json_chunks, tables_text, write_xlsx
from pbgraph.loader import load
from pbgraph.problem import Problem

F = TypeVar("F", bound=Callable[..., Any])


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        # not given to the command: that of the whole command line (`pbgraph --lang en info DATA`)
        callback=lambda ctx, param, value: (
            command_lang(ctx) if ctx.get_parameter_source(param.name) == ParameterSource.DEFAULT else value
        ),
        help=help_text("lang"),
    )(func)


class SubcommandGroup(click.Group):
    """A group of subcommands (`pbgraph cache`, `pbgraph neo4j`) that takes `--lang` as `pbgraph` does
    (`pbgraph cache --help --lang en`) and lists its commands in the language of the command line: in
    English by the English paragraph of each one's help (the second; the first is Chinese), as `pbgraph
    --help --lang en` lists the commands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = click.Option(
            ["--lang"], type=click.Choice(["zh", "en"]), expose_value=False, help=help_text("lang")
        )
        self.params.append(lang)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(examples_last(cmd), name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if command_lang(ctx) != "en":
            return super().format_commands(ctx, formatter)
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names), default=0)
        rows = []
        for name in names:
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            paragraphs = inspect.cleandoc(command.help or "").split("\n\n")
            english = paragraphs[1] if len(paragraphs) > 1 else paragraphs[0]
            rows.append((name, click.Command(name, help=english).get_short_help_str(limit)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)
        return None


def max_load_option(func: F) -> F:
    return click.option(
        "--max-load",
        type=click.IntRange(min=0),
        default=DEFAULT_MAX_LOAD,
        show_default=True,
        help=help_text("max_load"),
    )(func)


def max_depth_option(func: F) -> F:
    return click.option(
        "--max-depth",
        type=click.IntRange(min=1),
        default=None,
        help=help_text("max_depth"),
    )(func)


def _date_given(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option as typed, once it is known to be a date: one that is not is a wrong use of the option
    (exit code 2, the option named), said before any dataset is read."""
    if value is not None:
        from pbgraph.cli import command_lang
        from pbgraph.period import BadDateError, parse_date

        try:
            parse_date(value)
        except BadDateError as error:
            raise click.BadParameter(error.message(command_lang(ctx)), ctx, param) from None
    return value


def match_option(func: F) -> F:
    """--match: members of two datasets compared by id or by name (`diff`, `report --compare`); by default
    ("auto") by id when both record their ids, else by name (:func:`pbgraph._diff_reading.matched_by`)."""
    return click.option(
        "--match",
        type=click.Choice(["auto", "id", "name"]),
        default="auto",
        show_default=True,
        help=help_text("match"),
    )(func)


def as_of_option(func: F) -> F:
    """--as-of DATE: the network as it stood that day, on every command that reads a dataset's network."""
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=_date_given,
        help=help_text("as_of"),
    )(func)


def _period_in_order(func: F) -> F:
    """--since after --until is a wrong use of the options (exit code 2), said before any dataset is read."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("since") is not None and kwargs.get("until") is not None:
            from pbgraph.period import BadDateError, activity_period_from

            try:
                activity_period_from(None, since=kwargs["since"], until=kwargs["until"])
            except BadDateError as error:
                raise click.UsageError(error.message(kwargs.get("lang", "zh"))) from None
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def period_options(func: F) -> F:
    """--since, --until (the period of the activity analyses) and --as-of (the network on a date)."""
    func = as_of_option(_period_in_order(func))
    func = click.option(
        "--until",
        metavar="DATE",
        callback=_date_given,
        help=help_text("until"),
    )(func)
    return click.option(
        "--since",
        metavar="DATE",
        callback=_date_given,
        help=help_text("since"),
    )(func)


def time_options(func: F) -> F:
    """Everything about time and activities at once: --since/--until/--as-of, --min-meetings, --min-contacts
    (`analyze`, `report`, `export`)."""
    return period_options(activity_options(func))


def as_of_dataset(ds: Dataset, as_of: str | None) -> Dataset:
    """The dataset as it stood on `as_of` (liaisons begun later and later activities left out); `ds` itself
    when no date is given. A date that is not one stops the command with a clear message."""
    if as_of is None:
        return ds
    from pbgraph.period import as_of as network_as_of

    return network_as_of(ds, as_of)


def activity_options(func: F) -> F:
    """--min-meetings (org_life) and --min-contacts (load, "1+10")."""
    func = click.option(
        "--min-contacts",
        type=click.IntRange(min=0),
        default=None,
        help=help_text("min_contacts"),
    )(func)
    return click.option(
        "--min-meetings",
        type=click.IntRange(min=0),
        default=DEFAULT_MIN_MEETINGS,
        show_default=True,
        help=help_text("min_meetings"),
    )(func)


class OutputFile(click.Path):
    """A file to write (`-o`, `--xlsx`, `--view`): a folder there is refused as every writer refuses it, in
    pbgraph's words and the language of the command line, exit code 1 (not click's English, not a usage
    error: the option was used right, the path is wrong)."""

    def __init__(self, *formats: str) -> None:
        super().__init__(dir_okay=False, path_type=Path)
        self.formats = formats

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        lang = command_lang(ctx) if ctx is not None else "zh"
        if isinstance(value, str | os.PathLike) and os.path.isdir(value):
            raise click.ClickException(say(OUTPUTS, "is_folder", lang, target=os.fsdecode(value)))
        path = super().convert(value, param, ctx)
        if self.formats:
            refuse_other_suffix(Path(os.fsdecode(path)), self.formats, lang)
        return path


SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
"""The formats a file's suffix stands for: `-o result.xlsx` is a workbook, never a text table so named."""

WRITTEN_AS: dict[str, tuple[str, ...]] = {
    "table": (".txt",),
    "csv": (".csv", ".txt"),
    "json": (".json", ".txt"),
    "xlsx": (".xlsx",),
    "html": (".html", ".htm"),
    "fragment": (".html", ".htm"),
    "png": (".png",),
    "svg": (".svg",),
    "graphml": (".graphml",),
    "gexf": (".gexf",),
}
"""The suffixes a file of each format may have (or none): `-o cov.docx` would be text Word cannot open."""


def output_options(*formats: str) -> Callable[[F], F]:
    """--format, --lang and -o/--output, shared by every command that prints rows. `-o` with a suffix of
    :data:`SUFFIX_FORMATS` and no `--format` writes that format; a `--format` the suffix contradicts, or a
    suffix whose format the command does not write, is refused (a text table named .xlsx opens as a broken
    workbook)."""

    def decorate(func: F) -> F:
        func = _format_from_suffix(func, formats)
        func = click.option(
            "-o",
            "--output",
            type=OutputFile(),
            help=help_text("output_xlsx" if "xlsx" in formats else "write_output"),
        )(func)
        func = click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default="table",
            show_default=True,
            help=help_text("format"),
        )(func)
        return lang_option(func)

    return decorate


def format_for_output(
    output: Path | None,
    fmt: str,
    formats: Sequence[str],
    *,
    chosen: bool,
    lang: str,
    suffixes: Mapping[str, str] = SUFFIX_FORMATS,
    contradicts: str = "suffix_format",
    written: Mapping[str, Sequence[str]] = WRITTEN_AS,
) -> str:
    """The format to write `output` in: `fmt`, or the one its suffix stands for when `fmt` was not `chosen`.
    A suffix that contradicts a chosen format (text `contradicts` of USAGE), or that is not a suffix `fmt` is
    `written` as (:func:`refuse_other_suffix`), is a usage error (exit code 2), said before anything is read
    or written."""
    if output is None:
        return fmt
    suffix = output.suffix.lower()
    implied = suffixes.get(suffix)
    if implied in formats and implied != fmt and suffix not in written.get(fmt, ()):
        if not chosen:
            return str(implied)
        raise click.UsageError(
            say(USAGE, contradicts, lang, suffix=output.suffix, fmt=fmt, formats="|".join(formats))
        )
    # not chosen, the suffix could have chosen any of the formats: the message lists all their suffixes
    refuse_other_suffix(output, (fmt,) if chosen else formats, lang, named=formats, written=written)
    return fmt


def refuse_other_suffix(
    output: Path,
    formats: Sequence[str],
    lang: str,
    *,
    named: Sequence[str] = (),
    written: Mapping[str, Sequence[str]] = WRITTEN_AS,
) -> None:
    """A usage error (exit code 2) when `output` has a suffix that none of `formats` is written as (a file of
    no suffix may be any; a format not in `written`, any suffix): `-o coverage.docx` would hold text Word
    cannot open. The message lists `named` (the command's formats), or `formats`."""
    suffix = output.suffix.lower()
    if suffix and not any(suffix in written.get(fmt, (suffix,)) for fmt in formats):
        fitting = dict.fromkeys(one for fmt in formats for one in written.get(fmt, ()))
        raise click.UsageError(
            say(
                USAGE,
                "suffix_not_written",
                lang,
                suffix=output.suffix,
                path=output,
                suffixes=say(USAGE, "suffix_separator", lang).join(fitting),
                formats="|".join(named or formats),
            )
        )


def _format_from_suffix(func: F, formats: Sequence[str]) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        source = click.get_current_context().get_parameter_source("fmt")
        kwargs["fmt"] = format_for_output(
            kwargs.get("output"),
            kwargs["fmt"],
            formats,
            chosen=source is not click.core.ParameterSource.DEFAULT,
            lang=kwargs.get("lang", "zh"),
        )
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


FORMATS = ("table", "json", "csv")
EXIT_DATASET = 2


def progress(lang: str) -> Callable[[str], None] | None:
    """A progress line per file read, on a terminal only."""
    if not sys.stderr.isatty():
        return None
    return lambda name: status(say(CLI, "reading", lang, name=name))


def problem_lines(problems: list[Problem], lang: str) -> list[str]:
    """One line per cause (see :func:`pbgraph._grouped.grouped_lines`)."""
    return grouped_lines(problems, lang)


_NO_CACHE = "pbgraph.no_cache"


def cache_option(func: F) -> F:
    """--no-cache, on every command that reads a dataset: read and check its files, leave the cache alone."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta[_NO_CACHE] = True

    return click.option(
        "--no-cache",
        is_flag=True,
        expose_value=False,
        callback=remember,
        help=help_text("no_cache"),
    )(func)


def use_cache() -> bool:
    """Whether this command may read and fill the cache of validated datasets (no `--no-cache`)."""
    ctx = click.get_current_context(silent=True)
    return not (ctx is not None and ctx.meta.get(_NO_CACHE))


def load_dataset(path: str, lang: str) -> Dataset:
    """Load a dataset, from the cache unless `--no-cache`. Read from its files, it makes and drops many large
    arrays: the process keeps them to reuse (`keep_freed_memory`)."""
    from pbgraph._malloc import keep_freed_memory

    return load(
        path,
        progress=progress(lang),
        cache=use_cache(),
        building=functools.partial(keep_freed_memory, large=True),
    )


def load_or_exit(path: str, lang: str) -> Dataset:
    """:func:`load_dataset`; on errors print every problem and exit with 2."""
    try:
        return load_dataset(path, lang)
    except DatasetError as error:
        errors = sum(p.stands_for for p in error.problems if p.is_error)
        exit_with_problems(error.problems, lang, say(CLI, "not_loaded", lang, errors=errors))


def committee_id(ds: Dataset, committee: str | None) -> str | None:
    """`--committee` as an id: it may name the committee (示例区政协) instead; an unknown one is left for the
    analyses to report with the committees there are."""
    return ds.id_for("committees", committee) if committee else None


def exit_with_problems(problems: list[Problem], lang: str, summary: str) -> NoReturn:
    """Print every problem (one line per cause) and a summary, then exit with code 2."""
    for line in problem_lines(problems, lang):
        click.echo(line, err=True)
    click.echo(summary, err=True)
    sys.exit(EXIT_DATASET)


def library_errors(func: F) -> F:
    """Turn pbgraph's own errors into a one-line message (in the command's `--lang`) and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PbgraphError as error:
            raise click.ClickException(error.message(kwargs.get("lang", "zh"))) from error

    return wrapper  # type: ignore[return-value]


def status(line: str) -> None:
    """A status line (what was written, a note, progress) on stderr, whatever the command: stdout carries only
    the rows a command was asked to print, so that `-o FILE > log` or a pipe stays clean and `2>` catches
    every message."""
    click.echo(line, err=True)


def echo_wrote(path: Path, lang: str, *, key: str = "wrote", **fields: object) -> None:
    """已写入 PATH (text `key` of CLI, with `fields`): a status line, on stderr."""
    status(say(CLI, key, lang, path=path, **fields))


def asked(names: Sequence[str], *, by_committee: bool) -> tuple[str, ...]:
    """The analyses `pbgraph analyze` runs for `names`: no coverage table besides the league table for
    `coverage --by-committee` (the league table is the coverage by committee)."""
    return () if by_committee and list(names) == ["coverage"] else tuple(names)


def write_tables(
    tables: Mapping[str, pd.DataFrame] | Iterator[tuple[str, pd.DataFrame]],
    *,
    fmt: str,
    lang: str,
    output: Path | None,
    notes: Sequence[str] | Callable[[], Sequence[str]] = (),
    notes_first: bool = False,
) -> None:
    """Write named tables in the chosen format, to the screen or a file, through the one table writer
    (:mod:`pbgraph.format`): `analyze`, `info`, `validate` and `neo4j query` all print with it.

    `tables` may come as they are computed, as (name, table) pairs: JSON to a file is written as each comes
    (the file lands whole or not at all), any other output takes them all first. `notes` are lines for the
    reader after the rows (on the terminal when the rows are machine-readable), or what gives them once the
    tables are written (e.g. what the analyses that computed them noted). With `notes_first`, the notes go
    to the terminal before anything is written (how a diff matched its members: read before its rows), and
    a workbook keeps them too."""
    from pbgraph._write import atomic_open

    def noted() -> Sequence[str]:
        return notes() if callable(notes) else notes

    if notes_first:
        for note in noted():
            status(note)
    # what the terminal gets once the tables are written
    later: Callable[[], Sequence[str]] = (lambda: ()) if notes_first else noted

    if fmt == "json":
        # as the pieces it was built in (hundreds of MB at national scale: never joined into one text); to a
        # file, each table as it comes
        chunks: Iterable[Chunk] = itertools.chain(
            json_chunks(tables if output is not None else dict(tables), lang), [b"\n"]
        )
    else:
        whole = dict(tables)
        if fmt == "xlsx":
            if output is None:
                raise click.UsageError(say(USAGE, "xlsx_needs_output", lang))
            write_xlsx(whole, output, lang=lang, notes=noted())
            _echo_notes(later, fmt)
            echo_wrote(output, lang)
            return
        text = tables_text(whole, fmt=fmt, lang=lang)
        if fmt == "table":
            text += "".join(note + "\n" for note in later())
        if output is None:
            click.echo(text, nl=False)
            _echo_notes(later, fmt)
            return
        chunks = [(("\ufeff" if fmt == "csv" else "") + text).encode()]
    if output is None:
        try:
            sys.stdout.flush()
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            # the reader stopped early (`| head`), as it may: nothing more to write, nothing to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        _echo_notes(later, fmt)
        return
    with atomic_open(output, "wb", seeks=False) as handle:
        for chunk in chunks:
            handle.write(chunk)
    _echo_notes(later, fmt)
    echo_wrote(output, lang)


def _echo_notes(notes: Callable[[], Sequence[str]], fmt: str) -> None:
    """Notes are not rows: machine-readable output keeps to rows, the notes go to the terminal after them (a
    table's are among its lines)."""
    if fmt != "table":
        for note in notes():
            status(note)
