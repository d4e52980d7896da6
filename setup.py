"""What pyproject.toml cannot say: the top-level `cypher/` folder is shipped inside the package as
`pbgraph.cypher` (package data read with importlib.resources). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pbgraph", "pbgraph.*"]), "pbgraph.cypher"],
    package_dir={"pbgraph.cypher": "cypher"},
)
