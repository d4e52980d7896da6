// Load one batch of REACHES relationships (Sector → Member): a sector to each of its members.
// One hop of `reach` in the direction it is walked (see cypher/README.md, "Reach"); derived at push time.
// Each row: {source, target}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Sector {dataset: $dataset, id: source})
MATCH (t:Member {dataset: $dataset, id: target})
MERGE (s)-[:REACHES {dataset: $dataset}]->(t)
