// Analysis `reach` (table `party_groups`): per party group (organizations table order), its members (DESIGN 4,
// revised: the party-group members of its committee, plus anyone with a membership in it), the members they
// and everyone they reach within $max_depth hops make up, counted among its committee's members only
// (`reached_members`), and that count's share of the committee's members.
// One search per party group, not one per member of it: a push stores REACHES from each party group to each of
// its members (see cypher/README.md, "Reach"), so the members are one hop from the party group and everyone
// they reach within $max_depth hops is within $max_depth + 1 of it. The search starts from the party group
// node itself (never null: a group without members keeps its row, with 0).
// Parameters: $dataset, $committee, $max_depth
// per committee: its members
OPTIONAL MATCH (m:Member {dataset: $dataset})
UNWIND coalesce(m.committees, []) AS c
WITH c, count(DISTINCT m) AS members
WITH collect({committee: c, members: members}) AS committees
MATCH (g:Organization {dataset: $dataset, kind: 'party_group'})
WHERE $committee IS NULL OR g.committee = $committee
WITH g, coalesce(head([c IN committees WHERE c.committee = g.committee]).members, 0) AS committee_members
CALL (g) {
  OPTIONAL MATCH ANY SHORTEST ((g)-[r:REACHES]->+(x:Member) WHERE $max_depth IS NULL OR size(r) <= $max_depth + 1)
  RETURN count(DISTINCT CASE WHEN g.committee IN x.committees THEN x END) AS reached_members
}
WITH g, committee_members, reached_members, COUNT { (g)-[:REACHES]->(:Member) } AS party_group_members
RETURN g.committee AS committee, g.id AS id, g.name AS name, party_group_members, reached_members,
       committee_members,
       CASE WHEN committee_members = 0 THEN null ELSE toFloat(reached_members) / committee_members END AS share
ORDER BY g.seq
