// Analysis `connectors`: CPC members who are the only liaison (counting `member` liaisons) of one or more
// non-party members, with that number. Rows in members table order; `pbgraph analyze connectors --backend neo4j`
// adds betweenness, computed in Python over `liaison_graph.cypher`, and sorts the rows.
// Parameters: $dataset, $committee
MATCH (c:Member {dataset: $dataset})-[:LIAISES_WITH {kind: 'member', counts: true}]->(m:Member)
WITH m, collect(DISTINCT c) AS sources
WHERE size(sources) = 1
WITH sources[0] AS c, count(m) AS sole_liaison_count
WHERE $committee IS NULL OR $committee IN c.committees
RETURN c.committee AS committee, c.id AS id, c.name AS name, sole_liaison_count
ORDER BY c.seq
