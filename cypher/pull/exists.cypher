// Whether Neo4j holds a dataset of this name (any of its nodes).
// Parameters: $dataset
RETURN EXISTS { MATCH (n:Member {dataset: $dataset}) }
    OR EXISTS { MATCH (n:Organization {dataset: $dataset}) }
    OR EXISTS { MATCH (n:Sector {dataset: $dataset}) }
    OR EXISTS { MATCH (n:Township {dataset: $dataset}) }
    OR EXISTS { MATCH (n:Contact {dataset: $dataset}) } AS found
