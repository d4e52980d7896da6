// Load one batch of Sector nodes: one row per table row, keyed by (dataset, id); re-running changes nothing.
// Each row: {id, properties: {the other columns of the table, seq}}.
// Parameters: $dataset, $rows
UNWIND $rows AS row
MERGE (n:Sector {dataset: $dataset, id: row.id})
SET n += row.properties
