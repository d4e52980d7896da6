// Load one batch of TOOK_PART relationships (Member → Activity): each member an activities row lists.
// Each row: {source: the member's id, target: the activity's seq}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Member {dataset: $dataset, id: source})
MATCH (t:Activity {dataset: $dataset, seq: target})
MERGE (s)-[:TOOK_PART {dataset: $dataset}]->(t)
