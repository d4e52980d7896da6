// Load one batch of IN_GROUP relationships (Sector → Organization): sectors.group (the sector group).
// Each row: {source, target}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Sector {dataset: $dataset, id: source})
MATCH (t:Organization {dataset: $dataset, id: target})
MERGE (s)-[:IN_GROUP {dataset: $dataset}]->(t)
