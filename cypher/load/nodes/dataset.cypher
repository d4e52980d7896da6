// Load the dataset node: one per dataset, keyed by its name; re-running changes nothing. `not_recorded` is set
// to what this push sends, or removed when it sends none (the source gave every table, DESIGN 3).
// Each row: {properties: {not_recorded}} (no key when nothing was left out); one row.
// Parameters: $dataset, $rows
UNWIND $rows AS row
MERGE (n:Dataset {dataset: $dataset})
SET n.not_recorded = row.properties.not_recorded
