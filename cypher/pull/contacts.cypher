// The `contacts` table of a dataset: its Contact nodes in table order (`seq`), every column a property.
// Parameters: $dataset
MATCH (n:Contact {dataset: $dataset})
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.seq
