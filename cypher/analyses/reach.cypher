// Analysis `reach` (table `reach`): per liaison source (a member with a counting liaison; members table order),
// the distinct members, sectors, townships and contacts it reaches within $max_depth hops (null: no limit),
// itself excluded. A hop follows a counting liaison (source → target), a sector to each of its members or a
// sector group to each of its sectors: the REACHES relationships a push stores, one per hop in the direction
// it is walked (see cypher/README.md, "Reach").
// One breadth-first search per source: ANY SHORTEST over REACHES forwards, with no predicate on its steps, so
// that the planner expands only outgoing REACHES (a mixed-direction step over LIAISES_WITH, IN_SECTOR and
// IN_GROUP would expand both directions of every relationship and filter). Cypher's quantifiers take integer
// literals only (`{1,$max_depth}` does not parse), so $max_depth is a predicate of the shortest-path pattern
// itself (a pre-filter of the search), not a filter of its results.
// Parameters: $dataset, $committee, $max_depth
MATCH (s:Member {dataset: $dataset})
WHERE ($committee IS NULL OR $committee IN s.committees)
  AND EXISTS { (s)-[:LIAISES_WITH {counts: true}]->() }
OPTIONAL MATCH ANY SHORTEST ((s)-[r:REACHES]->+(x) WHERE $max_depth IS NULL OR size(r) <= $max_depth)
WHERE x <> s
WITH s,
     count(DISTINCT CASE WHEN x:Member THEN x END) AS members,
     count(DISTINCT CASE WHEN x:Member AND x.party = 'CPC' THEN x END) AS cpc_members,
     count(DISTINCT CASE WHEN x:Member AND x.party <> 'CPC' THEN x END) AS non_party_members,
     count(DISTINCT CASE WHEN x:Sector THEN x END) AS sectors,
     count(DISTINCT CASE WHEN x:Township THEN x END) AS townships,
     count(DISTINCT CASE WHEN x:Contact THEN x END) AS contacts
RETURN s.committee AS committee, s.id AS id, s.name AS name, s.party AS party, members, cpc_members,
       non_party_members, sectors, townships, contacts
ORDER BY s.seq
