"""The notebooks run top to bottom on the venv's own Python, and are committed without outputs.

`province.ipynb` generates a whole province (about half a minute); here its `SCALE` parameter cell is set to
"city" so that the suite stays fast — the notebook says so in its text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = ["walkthrough", "province"]
PARAMETERS = {"province": 'SCALE = "city"\nSEED = 1'}
KERNEL = "pbgraph-test"


def read(name: str) -> dict:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))


def test_every_notebook_is_tested() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name: str) -> None:
    for cell in read(name)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{name}: a code cell has outputs; clear them before committing"
            assert cell["execution_count"] is None, f"{name}: a code cell has an execution count"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec that runs this very interpreter (the venv's, with pbgraph installed), found first."""
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "pbgraph tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(folder))
        # opt in to the new jupyter paths; the old ones warn (and warnings are errors here)
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        yield KERNEL


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_runs_top_to_bottom(name: str, kernel: str) -> None:
    import nbformat
    from nbclient import NotebookClient

    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    if name in PARAMETERS:
        cell = next(c for c in book.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = PARAMETERS[name]
    client = NotebookClient(
        book, kernel_name=kernel, timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    errors = [
        output
        for cell in book.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    shown = [
        output
        for cell in book.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type in ("display_data", "execute_result")
    ]
    # the inline views render as an iframe holding the whole offline page
    assert any("<iframe srcdoc=" in output.get("data", {}).get("text/html", "") for output in shown)
