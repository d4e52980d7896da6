"""pbgraph: a graph analyzer of the organizational network behind CPPCC party-building (政协党建)."""

from __future__ import annotations

from pbgraph._errors import DatasetError, PbgraphError, UnknownIdError
from pbgraph.changes import diff, whatif
from pbgraph.dataset import Dataset
from pbgraph.loader import load
from pbgraph.planning import plan

__all__ = ["Dataset", "DatasetError", "PbgraphError", "UnknownIdError", "diff", "load", "plan", "whatif"]
__version__ = "0.1.0"
