// 一网: the party organizations under each party group (up to four levels), as a graph for Neo4j Browser.
// Parameters: $dataset
MATCH p = (:Organization {dataset: $dataset, kind: 'party_group'})<-[:PARENT*1..4]-(:Organization)
RETURN p
