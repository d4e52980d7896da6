// Analysis `reach` (table `party_groups`): per party group (organizations table order), its members (DESIGN 4,
// revised: the party-group members of its committee, plus anyone with a membership in it), the members they
// and everyone they reach within $max_depth hops make up, counted among its committee's members only
// (`reached_members`), and that count's share of the committee's members.
// A party-group member (DESIGN 3): `party_group` (the loader has folded the 党组 roles into it) or a membership
// in a party group. Each party group runs one subquery over its seeds: one without seeds still gets its row,
// and no null start node ever reaches the path search. The depth bound is inside the shortest-path pattern,
// so that it limits the search itself.
// Parameters: $dataset, $committee, $max_depth
// per committee: its members and, among them, the party-group members
OPTIONAL MATCH (m:Member {dataset: $dataset})
WITH m, m.party_group OR EXISTS { (m)-[:MEMBER_OF]->(:Organization {kind: 'party_group'}) } AS party_group
UNWIND coalesce(m.committees, []) AS c
WITH c, count(DISTINCT m) AS members, collect(DISTINCT CASE WHEN party_group THEN m END) AS flagged
WITH collect({committee: c, members: members, flagged: flagged}) AS committees
MATCH (g:Organization {dataset: $dataset, kind: 'party_group'})
WHERE $committee IS NULL OR g.committee = $committee
WITH g, head([c IN committees WHERE c.committee = g.committee]) AS own
WITH g, coalesce(own.members, 0) AS committee_members,
     coalesce(own.flagged, []) + [(member:Member)-[:MEMBER_OF]->(g) | member] AS candidates
CALL (candidates) {
  UNWIND candidates AS candidate
  RETURN collect(DISTINCT candidate) AS seeds
}
CALL (seeds) {
  UNWIND seeds AS seed
  MATCH ANY SHORTEST ((seed)(
      (a)-[r:LIAISES_WITH|IN_SECTOR|IN_GROUP]-(b)
      WHERE (r:LIAISES_WITH AND r.counts AND startNode(r) = a) OR (NOT r:LIAISES_WITH AND endNode(r) = a)
    )+(x:Member)
    WHERE $max_depth IS NULL OR size(r) <= $max_depth)
  RETURN collect(DISTINCT x) AS reached
}
WITH g, committee_members, seeds, seeds + [x IN reached WHERE NOT x IN seeds] AS covered
WITH g, committee_members, size(seeds) AS party_group_members,
     size([x IN covered WHERE g.committee IN x.committees]) AS reached_members
RETURN g.committee AS committee, g.id AS id, g.name AS name, party_group_members, reached_members,
       committee_members,
       CASE WHEN committee_members = 0 THEN null ELSE toFloat(reached_members) / committee_members END AS share
ORDER BY g.seq
