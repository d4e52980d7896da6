// Load one batch of Activity nodes: one per activities row, keyed by (dataset, seq) (an activity has no id);
// re-running changes nothing.
// Each row: {properties: {the columns of the table, seq, day, participants}}.
// Parameters: $dataset, $rows
UNWIND $rows AS row
MERGE (n:Activity {dataset: $dataset, seq: row.properties.seq})
SET n += row.properties
