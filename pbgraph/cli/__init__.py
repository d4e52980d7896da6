"""The `pbgraph` command line: a thin layer that parses options, calls one library function and writes the
result. Library errors become one clear message and a non-zero exit code (2 for dataset errors). Click's own
errors, and the words it puts around ours ("Usage:", "Try … for help.", "Error:"), speak the language of
`--lang`, read from the raw arguments so that an error in parsing them (a missing argument, an unknown
option) speaks it too."""

from __future__ import annotations

import atexit
import difflib
import inspect
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from gettext import gettext as _
from importlib import import_module
from typing import IO, Any
from unicodedata import east_asian_width

import click

from pbgraph._texts import help_text, say
from pbgraph._texts.cli import CLICK, EXAMPLES
from pbgraph._texts.help import SUMMARIES

# each command's module, imported when that command runs: a command pays only for what it uses, e.g. `pbgraph
# analyze` never imports the Neo4j store or the views; `pbgraph --help` lists them from their summaries
# (`pbgraph._texts.help.SUMMARIES`) and imports none
COMMANDS = {
    "import": "pbgraph.cli.office:import_command",
    "template": "pbgraph.cli.office:template_command",
    "validate": "pbgraph.cli.dataset:validate",
    "info": "pbgraph.cli.dataset:info",
    "generate": "pbgraph.cli.generate:generate",
    "analyze": "pbgraph.cli.analyze:analyze",
    "plan": "pbgraph.cli.plan:plan",
    "diff": "pbgraph.cli.plan:diff",
    "whatif": "pbgraph.cli.plan:whatif",
    "render": "pbgraph.cli.render:render",
    "report": "pbgraph.cli.report:report",
    "export": "pbgraph.cli.export:export",
    "neo4j": "pbgraph.cli.neo4j:neo4j_group",
    "cache": "pbgraph.cli.cache:cache_group",
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name from :data:`COMMANDS`, in the order listed there. Click's
    errors, in parsing or from a command, are shown in the language of `--lang`
    (:func:`errors_in_lang`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        remember_lang(ctx, args)
        with errors_in_lang(ctx):
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with errors_in_lang(ctx):
            return super().invoke(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where.split(":")
        command: click.Command = getattr(import_module(module), name)
        return examples_last(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # as click lists them (the limit, the shortening), from the summaries rather than the commands
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        english = command_lang(ctx) == "en"
        rows = [
            (name, click.Command(name, help=SUMMARIES[name][english]).get_short_help_str(limit))
            for name in COMMANDS
        ]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110}
)
@click.version_option(package_name="pbgraph")
# `pbgraph --help --lang en` lists the commands in English; `pbgraph --lang en COMMAND …` is COMMAND's --lang
@click.option("--lang", type=click.Choice(["zh", "en"]), expose_value=False, help=help_text("lang"))
def main() -> None:
    """pbgraph：政协党建“一网三联”组织网络分析工具 / CPPCC party-building network analyzer.

    \b
    例 / Example:
      pbgraph validate data/sample
      pbgraph analyze all data/sample
    """
    from pbgraph._write import forget_reads

    # a new command: nothing read yet (matters when one process runs several, as the tests do)
    forget_reads()


def examples_last(command: click.Command) -> click.Command:
    """`command` with the examples of its help (from 例 / Example: on) moved to its end, after the options
    (click's epilog): a command's help ends with an example. Once; a command without them is left as it is."""
    text = inspect.cleandoc(command.help or "")
    at = text.find(EXAMPLES)
    if at < 0 or command.epilog:
        return command
    head = text[:at].rstrip()
    # the \b that kept the examples' lines as written, now before nothing
    command.help = head.removesuffix("\b").rstrip()
    command.epilog = "\b\n" + text[at:]
    return command


examples_last(main)


def run(args: list[str] | None = None) -> None:
    """The `pbgraph` command (the console script, `python -m pbgraph.cli`): :func:`main`, then the process
    ends at once, its output flushed and its exit handlers run, without tearing the interpreter down: freeing
    the objects of every module pandas, pyarrow and scipy bring took 0.2-0.3 s after each command, a tenth of
    a cached province `analyze`, for memory the system takes back anyway. The usual exit instead (it waits,
    it reports) when a thread of the command is still running or the output cannot be flushed."""
    try:
        main(args)
    except SystemExit as end:
        code = end.code
    else:
        code = 0  # not reached: standalone, click ends with SystemExit
    if not isinstance(code, int | None) or threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()  # e.g. logging's, as the interpreter would
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # e.g. a closed pipe: reported as the interpreter does
        raise SystemExit(code) from None
    os._exit(code or 0)


# click's errors in the language of the command line -------------------------------------------------------

_LANG = "pbgraph.lang"

# the errors click shows with its own frame; others (the help shown for a group run without a command) show
# themselves and are left as they are
_FRAMED_BY_CLICK = (click.ClickException.show, click.UsageError.show)


def asked_lang(args: Sequence[str]) -> str:
    """The language `args` ask for: "en" when the last `--lang` says so (the one click takes), else "zh".

    Examples
    --------
    >>> asked_lang(["info", "data", "--lang", "en"]), asked_lang(["info", "--lang=en", "--lang", "zh"])
    ('en', 'zh')
    >>> asked_lang(["info", "--", "--lang", "en"])
    'zh'
    """
    lang = "zh"
    for at, arg in enumerate(args):
        if arg == "--":  # what follows is arguments, not options
            break
        if arg == "--lang" and at + 1 < len(args):
            lang = "en" if args[at + 1] == "en" else "zh"
        elif arg.startswith("--lang="):
            lang = "en" if arg.partition("=")[2] == "en" else "zh"
    return lang


def command_lang(ctx: click.Context) -> str:
    """The language of the command line `ctx` belongs to (noted by :func:`remember_lang`), for what an
    option's callback says before the command has its `--lang`."""
    return str(ctx.meta.get(_LANG, "zh"))


def remember_lang(ctx: click.Context, args: Sequence[str]) -> None:
    """Note the language of the whole command line (the first arguments seen) for the errors of `ctx` and the
    contexts below it."""
    ctx.meta.setdefault(_LANG, asked_lang(args))


@contextmanager
def errors_in_lang(ctx: click.Context) -> Iterator[None]:
    """Click's errors raised inside, shown in the language noted by :func:`remember_lang`, with the same exit
    code (2 for a usage error, 1 otherwise)."""
    try:
        yield
    except click.ClickException as error:
        if type(error).show not in _FRAMED_BY_CLICK:
            raise
        lang = ctx.meta.get(_LANG, "zh")
        if isinstance(error, click.UsageError):
            if error.ctx is None:
                # click's option parser raises without the command's context: the usage is the command's
                error.ctx = _command_context(ctx)
            raise UsageErrorInLang(error, lang) from error
        if error.exit_code != click.ClickException.exit_code:
            raise
        raise ErrorInLang(error, lang) from error


class ErrorInLang(click.ClickException):
    """An error (exit code 1) shown as `错误：…` or `Error: …`."""

    def __init__(self, error: click.ClickException, lang: str) -> None:
        super().__init__(_message(error, lang))
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(say(CLICK, "error", self.lang, message=self.format_message()), file=file, err=True)


class UsageErrorInLang(click.UsageError):
    """A usage error (exit code 2): the command's usage, where to find its help, then the error."""

    def __init__(self, error: click.UsageError, lang: str) -> None:
        super().__init__(_message(error, lang), error.ctx)
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        ctx, lang = self.ctx, self.lang
        color = ctx.color if ctx is not None else None
        if ctx is not None:
            usage = _usage(ctx, say(CLICK, "usage", lang))
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                help_option = max(ctx.command.get_help_option_names(ctx), key=len)
                hint = say(CLICK, "try_help", lang, command=ctx.command_path, option=help_option) + "\n"
            click.echo(f"{usage}\n{hint}", file=file, err=True, color=color)
        click.echo(say(CLICK, "error", lang, message=self.format_message()), file=file, err=True, color=color)


def _usage(ctx: click.Context, prefix: str) -> str:
    """The usage line of `ctx`'s command after `prefix`, wrapped as click wraps it. Click counts characters; a
    Chinese one takes two columns, so the line is wrapped after blanks as wide as the prefix."""
    width = sum(2 if east_asian_width(char) in "WF" else 1 for char in prefix)
    formatter = ctx.make_formatter()
    formatter.write_usage(
        ctx.command_path, " ".join(ctx.command.collect_usage_pieces(ctx)), prefix=" " * width
    )
    return prefix + formatter.getvalue().rstrip()[width:]


def _message(error: click.ClickException, lang: str) -> str:
    """The message of `error` in `lang`: click's common ones in our words, any other as it is (ours already
    speak `--lang`)."""
    if isinstance(error, click.MissingParameter) and not error.message:
        param_type = error.param_type or (error.param.param_type_name if error.param is not None else None)
        kind = "missing_option" if param_type == "option" else "missing_argument"
        text = say(CLICK, kind, lang, hint=_hint(error))
        if error.param is not None and isinstance(error.param.type, click.Choice):
            text += say(CLICK, "choose_from", lang, choices=_choices(error.param.type, lang))
        return text
    if (
        isinstance(error, click.BadParameter)
        and not isinstance(error, click.MissingParameter)
        and _hint(error)
    ):
        return say(CLICK, "bad_value", lang, hint=_hint(error), message=_bad_value(error, lang))
    if isinstance(error, click.NoSuchOption):
        return _with_guesses(say(CLICK, "no_such_option", lang, name=repr(error.option_name)), error, lang)
    # click 8.4 and later tell an unknown command apart
    command = getattr(error, "command_name", None)
    if isinstance(error, click.UsageError) and isinstance(command, str):
        return _with_guesses(say(CLICK, "no_such_command", lang, name=repr(command)), error, lang)
    # two of the parser's messages, told by their words (the error carries no more)
    if isinstance(error, click.BadOptionUsage) and error.message.endswith("requires an argument."):
        return say(CLICK, "needs_value", lang, name=repr(error.option_name))
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", error.message)
    if isinstance(error, click.UsageError) and extra:
        return say(CLICK, "extra_arguments", lang, args=extra.group(1))
    return error.format_message()


def _bad_value(error: click.BadParameter, lang: str) -> str:
    """What is wrong with a value: a choice not among the choices in our words, the choices listed and the
    nearest named (`coverge` → coverage); any other as click says it."""
    param = error.param
    not_one = re.fullmatch(r"(?s)('.*') is not (?:one of )?.*", error.message)
    if param is None or not isinstance(param.type, click.Choice) or not_one is None:
        return error.message
    text = say(CLICK, "not_a_choice", lang, value=not_one.group(1), choices=_choices(param.type, lang))
    typed = not_one.group(1)[1:-1]
    near = difflib.get_close_matches(typed, [str(c) for c in param.type.choices], n=3)
    if near:
        text += say(CLICK, "did_you_mean", lang, names=say(CLICK, "separator", lang).join(map(repr, near)))
    return text


def _command_context(ctx: click.Context) -> click.Context | None:
    """A context of the command `ctx` (the group's) was invoking, for its usage; None before one was named."""
    name = ctx.invoked_subcommand
    command = ctx.command.get_command(ctx, name) if name and isinstance(ctx.command, click.Group) else None
    return None if command is None else click.Context(command, info_name=name, parent=ctx)


def _hint(error: click.BadParameter) -> str:
    """The parameter an error is about, as click names it (`'--format'`, `'PATH'`)."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)
    if hint is None or isinstance(hint, str):
        return hint or ""
    return " / ".join(repr(part) for part in hint)


def _choices(choice: click.Choice, lang: str) -> str:
    return say(CLICK, "separator", lang).join(str(value) for value in choice.choices)


def _with_guesses(text: str, error: click.UsageError, lang: str) -> str:
    """`text`, then the names click found close to what was typed, if any."""
    guesses = getattr(error, "possibilities", None)
    if not guesses:
        return text
    names = say(CLICK, "separator", lang).join(repr(name) for name in sorted(guesses))
    return text + say(CLICK, "did_you_mean", lang, names=names)
