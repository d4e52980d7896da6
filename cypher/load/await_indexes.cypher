// Wait until every index is online (at most $timeout seconds): `pbgraph neo4j push` runs it after schema.cypher,
// so that the first batch's MERGE finds the new uniqueness constraints' indexes populated.
// Parameters: $timeout
CALL db.awaitIndexes($timeout)
