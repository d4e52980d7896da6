// The dataset node: `not_recorded`, the tables the source did not give (DESIGN 3), when any. No row for a
// dataset pushed by a pbgraph that kept no dataset node: it reads as recording every table.
// Parameters: $dataset
MATCH (n:Dataset {dataset: $dataset})
RETURN properties(n) AS properties
