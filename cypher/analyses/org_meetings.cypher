// Analysis `org_life` (table `org_meetings`): per duty-line organization (functional branch, party cell,
// sub-party group; organizations table order), its CPC members (distinct, with a membership) and the meetings
// (org_life, party_day, study) it held between $since and $until (0 = 组织生活不经常). $as_of as in org_life.cypher.
// Parameters: $dataset, $committee, $since, $until, $as_of
MATCH (o:Organization {dataset: $dataset})
WHERE o.kind IN ['functional_branch', 'party_cell', 'sub_party_group']
  AND ($committee IS NULL OR o.committee = $committee)
OPTIONAL MATCH (m:Member {party: 'CPC'})-[:MEMBER_OF]->(o)
WITH o, count(DISTINCT m) AS cpc_members
RETURN o.committee AS committee, o.id AS id, o.name AS name, o.kind AS kind, cpc_members,
       COUNT {
         MATCH (a:Activity)-[:HELD_BY]->(o)
         WHERE a.kind IN ['org_life', 'party_day', 'study']
           AND a.day >= $since AND a.day <= $until AND ($as_of IS NULL OR a.day <= $as_of)
       } AS meetings
ORDER BY o.seq
