// One member's neighbourhood, as a graph for Neo4j Browser: their liaisons both ways, their organizations,
// sector and township.
// Parameters: $dataset, $member
MATCH (m:Member {dataset: $dataset, id: $member})
OPTIONAL MATCH p = (m)-[:LIAISES_WITH|MEMBER_OF|IN_SECTOR|IN_TOWNSHIP]-()
RETURN m, collect(p) AS paths
