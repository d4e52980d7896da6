// The committee organizations of a dataset, in table order (to check a --committee id).
// Parameters: $dataset
MATCH (c:Organization {dataset: $dataset, kind: 'committee'})
RETURN c.id AS id, c.name AS name
ORDER BY c.seq
