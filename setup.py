"""What pyproject.toml cannot say: the top-level `cypher/` folder is shipped inside the package as
`pbgraph.cypher` (package data read with importlib.resources). Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, find_packages, setup

# cypher/ and its subfolders (data folders, listed as packages so that setuptools ships their files)
CYPHER = ["pbgraph.cypher", *(f"pbgraph.cypher.{name}" for name in find_namespace_packages(where="cypher"))]

setup(
    packages=[*find_packages(include=["pbgraph", "pbgraph.*"]), *CYPHER],
    package_dir={"pbgraph.cypher": "cypher"},
)
