// Load one batch of HELD_BY relationships (Activity → Organization): activities.organization (whose meeting).
// Each row: {source: the activity's seq, target: the organization's id}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Activity {dataset: $dataset, seq: source})
MATCH (t:Organization {dataset: $dataset, id: target})
MERGE (s)-[:HELD_BY {dataset: $dataset}]->(t)
