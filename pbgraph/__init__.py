"""pbgraph: a graph analyzer of the organizational network behind CPPCC party-building (政协党建)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from pbgraph._errors import DatasetError, PbgraphError, UnknownIdError

if TYPE_CHECKING:
    from pbgraph.changes import diff, whatif
    from pbgraph.dataset import Dataset
    from pbgraph.loader import load
    from pbgraph.planning import plan

__all__ = ["Dataset", "DatasetError", "PbgraphError", "UnknownIdError", "diff", "load", "plan", "whatif"]

# the public functions live in modules that import pandas, scipy and the analyses: imported on first use, so
# that `pbgraph --help` (and any command that does not need them) starts without them
_LAZY = {
    "Dataset": "pbgraph.dataset",
    "diff": "pbgraph.changes",
    "load": "pbgraph.loader",
    "plan": "pbgraph.planning",
    "whatif": "pbgraph.changes",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pbgraph' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _version() -> str:
    """One version, pyproject's: what the installed package's metadata says (read on first use: reading the
    metadata imports a mail parser every command would otherwise pay for)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pbgraph")
    except PackageNotFoundError:  # pragma: no cover - imported from a source tree that was never installed
        return "0+unknown"
