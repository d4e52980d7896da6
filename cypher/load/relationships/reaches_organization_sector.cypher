// Load one batch of REACHES relationships (Organization → Sector): a sector group to each of its sectors.
// One hop of `reach` in the direction it is walked (see cypher/README.md, "Reach"); derived at push time.
// Each row: {source, target}; at most one per pair and dataset.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target
MATCH (s:Organization {dataset: $dataset, id: source})
MATCH (t:Sector {dataset: $dataset, id: target})
MERGE (s)-[:REACHES {dataset: $dataset}]->(t)
