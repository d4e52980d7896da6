"""The Neo4j backend of :func:`pbgraph.analyses.backend.analyze`: every analysis as the Cypher queries of
`cypher/analyses/` on a dataset pushed to Neo4j (through the public functions of :mod:`pbgraph.neo4j`),
its rows in the embedded backend's order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pbgraph import neo4j as store
from pbgraph.analyses.connectors import sort_connectors
from pbgraph.analyses.registry import Options, Result

if TYPE_CHECKING:
    from pbgraph.neo4j import Connection


@dataclass(frozen=True)
class Neo4jBackend:
    """The analyses of the dataset named `dataset`, computed in Neo4j over `conn` (on the network as it stood
    on `as_of`, an ISO date, for the activity analyses: see :func:`pbgraph.neo4j.run_analysis`)."""

    conn: Connection
    dataset: str
    as_of: str | None = None

    def committees(self) -> list[str]:
        return store.committees(self.conn, self.dataset)

    def run(self, name: str, options: Options) -> Result:
        found = store.run_analysis(
            self.conn,
            name,
            self.dataset,
            committee=options.committee,
            max_load=options.max_load,
            max_depth=options.max_depth,
            since=options.since,
            until=options.until,
            as_of=self.as_of,
            min_meetings=options.min_meetings,
            min_contacts=options.min_contacts,
        )
        tables = dict(found.tables)
        if "connectors" in tables:
            tables["connectors"] = sort_connectors(tables["connectors"])
        return replace(found, tables=tables)
