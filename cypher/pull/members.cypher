// The `members` table of a dataset: its Member nodes in table order (`seq`), every column a property.
// Parameters: $dataset
MATCH (n:Member {dataset: $dataset})
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.seq
