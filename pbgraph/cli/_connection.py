"""The Neo4j connection options (`--uri`, `--username`, `--database`) and `analyze --backend`: declared
without importing :mod:`pbgraph.neo4j`, so that `pbgraph analyze` on the embedded backend never loads it."""

from __future__ import annotations

import click

from pbgraph._neo4j_env import DEFAULT_URI, ENV_DATABASE, ENV_PASSWORD, ENV_URI, ENV_USERNAME
from pbgraph._texts import help_text
from pbgraph.cli._common import F

BACKENDS = ("embedded", "neo4j")


def connection_options(func: F) -> F:
    """--uri, --username and --database (the password comes from NEO4J_PASSWORD only)."""
    func = click.option(
        "--database",
        metavar="NAME",
        help=help_text("neo4j_database", env=ENV_DATABASE),
    )(func)
    func = click.option(
        "--username",
        metavar="USER",
        help=help_text("neo4j_username", env=ENV_USERNAME, password=ENV_PASSWORD),
    )(func)
    return click.option(
        "--uri",
        metavar="URI",
        help=help_text("neo4j_uri", env=ENV_URI, default=DEFAULT_URI),
    )(func)


def backend_options(func: F) -> F:
    """--backend, --dataset and the connection options, for `pbgraph analyze`."""
    func = connection_options(func)
    func = click.option(
        "--dataset",
        metavar="NAME",
        help=help_text("neo4j_analyze_dataset"),
    )(func)
    return click.option(
        "--backend",
        type=click.Choice(BACKENDS),
        default="embedded",
        show_default=True,
        help=help_text("backend"),
    )(func)
