// The counting liaisons of a dataset as (source, target) ids in liaisons table order: the undirected liaison
// graph whose betweenness `connectors` reports (computed in Python: Cypher has no betweenness).
// Parameters: $dataset
MATCH (s:Member {dataset: $dataset})-[r:LIAISES_WITH {counts: true}]->(t)
RETURN s.id AS source, t.id AS target
ORDER BY r.seq
