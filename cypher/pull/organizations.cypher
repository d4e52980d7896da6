// The `organizations` table of a dataset: its Organization nodes in table order (`seq`), every column a property.
// Parameters: $dataset
MATCH (n:Organization {dataset: $dataset})
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.seq
