// Analysis `reach` (table `party_groups`): per party group (organizations table order), its party-group members
// (its own members, and the members flagged party_group of its committee), the members they and everyone they
// reach within $max_depth hops make up, counted within its committee, and that count's share of the committee.
// Needs Neo4j 5.21 or later (ANY SHORTEST, as reach.cypher).
// Parameters: $dataset, $committee, $max_depth
OPTIONAL MATCH (m:Member {dataset: $dataset})
UNWIND coalesce(m.committees, []) AS c
WITH c, count(DISTINCT m) AS members, collect(DISTINCT CASE WHEN m.party_group THEN m END) AS flagged
WITH collect({committee: c, members: members, flagged: flagged}) AS committees
MATCH (g:Organization {dataset: $dataset, kind: 'party_group'})
WHERE $committee IS NULL OR g.committee = $committee
WITH g, head([c IN committees WHERE c.committee = g.committee]) AS own
WITH g, coalesce(own.members, 0) AS committee_members,
     coalesce(own.flagged, []) + [(member:Member)-[:MEMBER_OF]->(g) | member] AS candidates
UNWIND CASE WHEN size(candidates) = 0 THEN [null] ELSE candidates END AS candidate
WITH g, committee_members, collect(DISTINCT candidate) AS seeds
UNWIND CASE WHEN size(seeds) = 0 THEN [null] ELSE seeds END AS seed
OPTIONAL MATCH p = ANY SHORTEST (seed)(
    (a)-[r:LIAISES_WITH|IN_SECTOR|IN_GROUP]-(b)
    WHERE (r:LIAISES_WITH AND r.counts AND startNode(r) = a) OR (NOT r:LIAISES_WITH AND endNode(r) = a)
  )+(x:Member)
WHERE $max_depth IS NULL OR length(p) <= $max_depth
WITH g, committee_members, seeds, collect(DISTINCT x) AS reached
WITH g, committee_members, size(seeds) AS party_group_members,
     seeds + [x IN reached WHERE NOT x IN seeds] AS covered
WITH g, committee_members, party_group_members, covered,
     size([x IN covered WHERE g.committee IN x.committees]) AS covered_in_committee
RETURN g.committee AS committee, g.id AS id, g.name AS name, party_group_members,
       covered_in_committee AS reached_members, committee_members,
       CASE WHEN committee_members = 0 THEN null ELSE toFloat(covered_in_committee) / committee_members END
         AS share
ORDER BY g.seq
