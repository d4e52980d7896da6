// Load one batch of MEMBER_OF relationships (Member → Organization): the memberships rows.
// Each row: {source, target, properties: {the other columns, seq}}; keyed by (dataset, seq), seq being the
// row's position in its table.
// Parameters: $dataset, $rows
UNWIND $rows AS row
WITH row.source AS source, row.target AS target, row.properties AS columns
MATCH (s:Member {dataset: $dataset, id: source})
MATCH (t:Organization {dataset: $dataset, id: target})
MERGE (s)-[r:MEMBER_OF {dataset: $dataset, seq: columns.seq}]->(t)
SET r += columns
