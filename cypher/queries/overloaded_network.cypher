// The overloaded CPC members (more than $max_load non-party members to liaise with) and their liaisons, as a
// graph for Neo4j Browser.
// Parameters: $dataset, $max_load
MATCH (c:Member {dataset: $dataset, party: 'CPC'})-[:LIAISES_WITH {kind: 'member', counts: true}]->(m:Member)
WITH c, count(DISTINCT m) AS load
WHERE load > $max_load
MATCH p = (c)-[:LIAISES_WITH {kind: 'member', counts: true}]->(:Member)
RETURN p
