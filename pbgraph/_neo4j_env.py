"""Where pbgraph finds its Neo4j server: the environment variables and the defaults.

Kept apart from :mod:`pbgraph.neo4j` so that the command line can describe its connection options without
importing the store, the analyses or the driver (see :mod:`pbgraph.neo4j.connection`, which uses them).
"""

from __future__ import annotations

ENV_URI = "NEO4J_URI"
ENV_USERNAME = "NEO4J_USERNAME"
ENV_PASSWORD = "NEO4J_PASSWORD"
ENV_DATABASE = "NEO4J_DATABASE"
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USERNAME = "neo4j"
