"""The README as a contract with the user: every option it gives a command exists, with the values it names;
its Python snippets run; its links to files of the repository lead somewhere; what it says of the sample
(the counts, the example messages of validation) is what the sample and `pbgraph validate` give."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pbgraph import load
from pbgraph.analyses import ANALYSES
from pbgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCED = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCED.findall(README) if lang == language]


def command_lines() -> list[str]:
    """Every command line the README shows: the `pbgraph …` lines of its shell blocks (comments cut) and of
    its transcripts (`$ pbgraph …`), and its inline code spans, a span's line breaks read as spaces."""
    lines = []
    for lang, body in FENCED.findall(README):
        if lang in ("sh", ""):
            for line in body.splitlines():
                line = line.strip().removeprefix("$ ")
                if line.startswith("pbgraph "):
                    lines.append(line.split("  #")[0])
    prose = FENCED.sub("", README)
    lines += [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]
    # a table cell escapes its bar: `neo4j push\|pull`
    return [line.replace("\\|", "|") for line in lines]


def options_of(command: click.Command) -> dict[str, click.Option]:
    """The options `--help` lists for `command` (none is hidden), by each of their names."""
    shown = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
    return {name: p for p in shown for name in p.opts + p.secondary_opts}


def readme_commands() -> list[tuple[str, click.Command, list[str]]]:
    """(the line, a command it runs, the words after the command's name) for each command line above: a line
    `pbgraph CMD …`, or a span starting with a command's or an analysis's name and an option (`export --to
    xlsx`, `load --min-contacts N`); `neo4j push|pull` names two commands."""
    ctx = click.Context(main)
    found = []
    for line in command_lines():
        words = line.split()
        if not words:
            continue
        if words[0] == "pbgraph":
            words = words[1:]
            # options of `pbgraph` itself, before the command: --lang en, --help, --version
            while words and words[0].startswith("-"):
                assert words[0] in options_of(main) or words[0] in ("-h", "--help"), line
                words = words[2:] if words[0] == "--lang" else words[1:]
        elif len(words) < 2 or not words[1].startswith("-"):
            continue
        elif words[0] in ANALYSES:
            words = ["analyze", *words]
        if not words or words[0] not in main.list_commands(ctx):
            continue
        for name in words[0].split("|"):
            command = main.get_command(ctx, name)
            assert command is not None, line
            rest = words[1:]
            if isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
                for sub in rest[0].split("|"):
                    subcommand = command.get_command(ctx, sub)
                    assert subcommand is not None, f"no command `{name} {sub}`: {line}"
                    found.append((line, subcommand, rest[1:]))
            else:
                found.append((line, command, rest))
    return found


def test_every_option_the_readme_gives_a_command_exists_with_the_values_it_names() -> None:
    wrong = []
    checked = 0
    for line, command, words in readme_commands():
        options = options_of(command)
        for i, word in enumerate(words):
            if not re.match(r"--?[a-z]", word) or word in ("-h", "--help"):
                continue
            name, _, value = word.partition("=")
            checked += 1
            option = options.get(name)
            if option is None:
                wrong.append(f"`{command.name}` has no option {name}: {line}")
                continue
            # a choice written out (`--to xlsx|graphml`, `--scale county`) is one of the option's choices;
            # a placeholder (`--to FORMAT`, `--format …`) is not checked
            value = value or (words[i + 1] if i + 1 < len(words) else "")
            if isinstance(option.type, click.Choice) and re.fullmatch(r"[a-z_]+(\|[a-z_]+)*", value):
                wrong += [
                    f"`{command.name} {name}` has no choice {choice}: {line}"
                    for choice in value.split("|")
                    if choice not in option.type.choices
                ]
    assert not wrong, "\n".join(wrong)
    # the README gives well over a hundred options: a parser that finds few has lost its way
    assert checked > 100


def test_the_defaults_the_readme_states_are_the_commands_defaults() -> None:
    ctx = click.Context(main)

    def default(command: str, option: str) -> object:
        found = main.get_command(ctx, command)
        assert found is not None
        return options_of(found)[option].default

    # "(> `--max-load`, default 5)", "`--min-meetings` (default 1)"
    assert "`--max-load`, default 5" in README and "`--min-meetings` (default 1)" in README
    assert default("analyze", "--max-load") == default("plan", "--max-load") == 5
    assert default("analyze", "--min-meetings") == 1
    # the views fold "above `--node-limit` (default 3,000)", the report's above 1,500, 50 rows per table
    assert "above `--node-limit` (default 3,000)" in README
    assert "more than 1,500 nodes (`--node-limit`)" in README and "50 rows (`--max-rows`)" in README
    assert default("render", "--node-limit") == 3000
    assert default("report", "--node-limit") == 1500
    assert default("report", "--max-rows") == 50
    # members of two datasets matched "(`--match` default auto)": by id when both record ids, else by name
    assert "(`--match` default auto)" in README and "(`--match`, default auto)" in README
    assert default("diff", "--match") == default("report", "--match") == "auto"


def test_the_readme_python_snippets_run(tmp_path: Path) -> None:
    snippets = blocks("python")
    assert len(snippets) >= 2
    for snippet in snippets:
        # each as pasted into a fresh interpreter started at the repository root
        exec(compile(snippet, "README.md", "exec"), {"__name__": "__readme__"})


def test_the_readme_links_to_files_that_exist() -> None:
    missing = []
    for target in re.findall(r"\]\(([^)\s]+)\)", README):
        if re.match(r"[a-z]+://", target):
            continue
        path, _, anchor = target.partition("#")
        if not (ROOT / path).exists():
            missing.append(target)
        elif anchor:
            headings = re.findall(r"^#+ (.+)$", (ROOT / path).read_text(encoding="utf-8"), re.M)
            if anchor not in {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}:
                missing.append(target)
    # paths of the repository named in the prose (`docs/view_screenshots.py`, `tests/fixtures/plan` …);
    # `pbgraph/cypher/` is where the wheel puts `cypher/`, not a folder of the repository
    top = r"(?:docs|cypher|notebooks|tests|data|benchmarks|pbgraph|\.ci|\.github)/"
    for span in re.findall(r"`(" + top + r"[^`\s]*)`", FENCED.sub("", README)):
        if span != "pbgraph/cypher/" and not (ROOT / span).exists():
            missing.append(span)
    assert not missing


def test_the_sample_is_as_the_readme_describes_it() -> None:
    text = " ".join(README.split("## Sample data and generator")[1].split())
    found = re.search(
        r"\((\d+) members, (\d+) sectors in (\d+) sector groups, (\d+) townships, a party group of (\d+), "
        r"[^)]*?(\d+) contacts\)",
        text,
    )
    assert found, "the sample's description lost its counts"
    members, sectors, groups, townships, party_group, contacts = map(int, found.groups())
    ds = load(ROOT / "data" / "sample")
    assert members == len(ds.members)
    assert sectors == len(ds.sectors)
    assert groups == (ds.organizations["kind"] == "sector_group").sum()
    assert townships == len(ds.townships)
    assert party_group == ds.members["party_group"].sum()
    assert contacts == len(ds.contacts)


def sample_copy(tmp_path: Path, table: str, row: int, changes: dict[str, str]) -> Path:
    """The sample with cells of one row of `table` changed, `row` as Excel numbers it (the header is 1)."""
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "data" / "sample", folder)
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    for column, value in changes.items():
        rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)
    return folder


@pytest.mark.parametrize(
    ("table", "row", "changes", "lang", "start"),
    [
        ("members", 7, {"政治面貌": "共产党"}, "zh", "[错误] members.csv 第 7 行"),
        # a `member` liaison to an id no member has
        ("liaisons", 12, {"kind": "member", "target": "M0999"}, "en", "[error] liaisons.csv, row 12"),
    ],
)
def test_the_readme_example_messages_are_what_validate_prints(
    tmp_path: Path, table: str, row: int, changes: dict[str, str], lang: str, start: str
) -> None:
    (example,) = [line for line in README.splitlines() if line.startswith(start)]
    dataset = sample_copy(tmp_path, table, row, changes)
    result = CliRunner().invoke(main, ["validate", str(dataset), "--lang", lang])
    assert result.exit_code == 2
    (message,) = [line for line in result.output.splitlines() if line.startswith(start)]
    # the example shortens a long list with "…": its other pieces are the message's, in order
    assert re.fullmatch(".*?".join(re.escape(piece) for piece in example.split("…")), message), message
