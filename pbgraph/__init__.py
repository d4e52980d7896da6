"""pbgraph: a graph analyzer of the organizational network behind CPPCC party-building (政协党建)."""

from __future__ import annotations

from pbgraph._errors import DatasetError, PbgraphError, UnknownIdError
from pbgraph.dataset import Dataset
from pbgraph.loader import load

__all__ = ["Dataset", "DatasetError", "PbgraphError", "UnknownIdError", "load"]
__version__ = "0.1.0"
