// Analysis `connectors`: members whose departure would break something: the only liaison (counting liaisons)
// of one or more non-party members, of sectors (a `sector` liaison to the sector or to its group) or of
// townships, with those numbers. Rows in members table order; `pbgraph analyze connectors --backend neo4j`
// adds betweenness, computed in Python over `liaison_graph.cypher`, and sorts the rows.
// Parameters: $dataset, $committee
CALL () {
  MATCH (c:Member {dataset: $dataset})-[:LIAISES_WITH {kind: 'member', counts: true}]->(m:Member)
  WITH m, collect(DISTINCT c) AS sources
  WHERE size(sources) = 1
  RETURN sources[0] AS c, 'member' AS what
  UNION ALL
  MATCH (s:Sector {dataset: $dataset})
  OPTIONAL MATCH (a:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(s)
  OPTIONAL MATCH (s)-[:IN_GROUP]->(:Organization)<-[:LIAISES_WITH {kind: 'sector', counts: true}]-(b:Member)
  WITH s, collect(DISTINCT a) AS direct, collect(DISTINCT b) AS through_group
  WITH s, reduce(found = direct, x IN through_group | CASE WHEN x IN found THEN found ELSE found + x END) AS sources
  WHERE size(sources) = 1
  RETURN sources[0] AS c, 'sector' AS what
  UNION ALL
  MATCH (c:Member {dataset: $dataset})-[:LIAISES_WITH {kind: 'township', counts: true}]->(t:Township)
  WITH t, collect(DISTINCT c) AS sources
  WHERE size(sources) = 1
  RETURN sources[0] AS c, 'township' AS what
}
WITH c,
     sum(CASE what WHEN 'member' THEN 1 ELSE 0 END) AS sole_liaison_count,
     sum(CASE what WHEN 'sector' THEN 1 ELSE 0 END) AS sole_sector_count,
     sum(CASE what WHEN 'township' THEN 1 ELSE 0 END) AS sole_township_count
WHERE $committee IS NULL OR $committee IN c.committees
RETURN c.committee AS committee, c.id AS id, c.name AS name, sole_liaison_count, sole_sector_count,
       sole_township_count
ORDER BY c.seq
