// The `sectors` table of a dataset: its Sector nodes in table order (`seq`), every column a property.
// Parameters: $dataset
MATCH (n:Sector {dataset: $dataset})
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.seq
