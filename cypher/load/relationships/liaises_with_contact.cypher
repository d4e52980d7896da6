// Load one batch of LIAISES_WITH relationships (Member → Contact):
// the liaisons rows whose target is a contact.
// Each row: {source, target, properties: {the other columns, seq}}; keyed by (dataset, seq), seq being the
// row's position in its table.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target, row.properties AS columns
MATCH (s:Member {dataset: $dataset, id: source})
MATCH (t:Contact {dataset: $dataset, id: target})
MERGE (s)-[r:LIAISES_WITH {dataset: $dataset, seq: columns.seq}]->(t)
SET r += columns
