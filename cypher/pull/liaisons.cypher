// The `liaisons` table of a dataset: its LIAISES_WITH relationships in table order (`seq`).
// Parameters: $dataset
MATCH (s:Member {dataset: $dataset})-[r:LIAISES_WITH {dataset: $dataset}]->(t)
RETURN s.id AS source, t.id AS target, properties(r) AS properties
ORDER BY r.seq
