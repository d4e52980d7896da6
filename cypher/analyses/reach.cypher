// Analysis `reach` (table `reach`): per liaison source (a member with a counting liaison; members table order),
// the distinct members, sectors, townships and contacts it reaches within $max_depth hops (null: no limit),
// itself excluded. A hop follows a counting liaison (source → target), a sector to each of its members
// (IN_SECTOR backwards) or a sector group to each of its sectors (IN_GROUP backwards).
// One breadth-first search per source (ANY SHORTEST over a quantified path pattern, Neo4j 5.21 or later), the
// depth bound inside the shortest-path pattern so that it limits the search itself.
// Parameters: $dataset, $committee, $max_depth
MATCH (s:Member {dataset: $dataset})
WHERE ($committee IS NULL OR $committee IN s.committees)
  AND EXISTS { (s)-[:LIAISES_WITH {counts: true}]->() }
OPTIONAL MATCH ANY SHORTEST ((s)(
    (a)-[r:LIAISES_WITH|IN_SECTOR|IN_GROUP]-(b)
    WHERE (r:LIAISES_WITH AND r.counts AND startNode(r) = a) OR (NOT r:LIAISES_WITH AND endNode(r) = a)
  )+(x)
  WHERE $max_depth IS NULL OR size(r) <= $max_depth)
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
