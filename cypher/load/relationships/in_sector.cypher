// Load one batch of IN_SECTOR relationships (Member → Sector): members.sector.
// Each row: {source, target}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Member {dataset: $dataset, id: source})
MATCH (t:Sector {dataset: $dataset, id: target})
MERGE (s)-[:IN_SECTOR {dataset: $dataset}]->(t)
