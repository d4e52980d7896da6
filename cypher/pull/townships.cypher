// The `townships` table of a dataset: its Township nodes in table order (`seq`), every column a property.
// Parameters: $dataset
MATCH (n:Township {dataset: $dataset})
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.seq
