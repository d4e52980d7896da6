"""The Cypher statements of pbgraph (`*.cypher`), installed as the package data `pbgraph.cypher`.

This folder stays at the top of the repository; `setup.py` maps it into the package, and `pbgraph.neo4j`
reads it with `importlib.resources`. This file only makes it importable (also from an editable install).
"""
