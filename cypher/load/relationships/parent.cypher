// Load one batch of PARENT relationships (Organization → Organization): organizations.parent.
// Each row: {source, target}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Organization {dataset: $dataset, id: source})
MATCH (t:Organization {dataset: $dataset, id: target})
MERGE (s)-[:PARENT {dataset: $dataset}]->(t)
