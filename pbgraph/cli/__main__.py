"""`python -m pbgraph.cli`: the same as the `pbgraph` command."""

from pbgraph.cli import run

run()
