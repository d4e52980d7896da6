// 双重服务管理, by sector: sector groups, their sectors and the sectors' members, as a graph for Neo4j Browser.
// Parameters: $dataset
MATCH p = (:Organization {dataset: $dataset, kind: 'sector_group'})<-[:IN_GROUP]-(:Sector)<-[:IN_SECTOR]-(:Member)
RETURN p
LIMIT 500
