// Load one batch of IN_TOWNSHIP relationships (Member → Township): members.township.
// Each row: {source, target}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Member {dataset: $dataset, id: source})
MATCH (t:Township {dataset: $dataset, id: target})
MERGE (s)-[:IN_TOWNSHIP {dataset: $dataset}]->(t)
