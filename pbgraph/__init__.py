"""pbgraph: a graph analyzer of the organizational network behind CPPCC party-building (政协党建)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from pbgraph._errors import DatasetError, PbgraphError, UnknownIdError
from pbgraph.changes import diff, whatif
from pbgraph.dataset import Dataset
from pbgraph.loader import load
from pbgraph.planning import plan

__all__ = ["Dataset", "DatasetError", "PbgraphError", "UnknownIdError", "diff", "load", "plan", "whatif"]

try:
    # one version, pyproject's: what the installed package's metadata says
    __version__ = version("pbgraph")
except PackageNotFoundError:  # pragma: no cover - imported from a source tree that was never installed
    __version__ = "0+unknown"
