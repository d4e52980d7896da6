// The `memberships` table of a dataset: its MEMBER_OF relationships in table order (`seq`).
// Parameters: $dataset
MATCH (s:Member {dataset: $dataset})-[r:MEMBER_OF {dataset: $dataset}]->(t:Organization)
RETURN s.id AS source, t.id AS target, properties(r) AS properties
ORDER BY r.seq
