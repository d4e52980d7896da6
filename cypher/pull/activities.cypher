// The `activities` table of a dataset: its Activity nodes in table order (`seq`), every column a property.
// Parameters: $dataset
MATCH (n:Activity {dataset: $dataset})
RETURN properties(n) AS properties
ORDER BY n.seq
