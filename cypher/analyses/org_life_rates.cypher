// Analysis `org_life` (table `org_life_rates`): per committee organization (table order), then overall
// (committee "", name 全部) unless $committee is given: the duty-line CPC members and those below
// $min_meetings (as in org_life.cypher), the duty-line organizations and those that held no meeting (as in
// org_meetings.cypher). Members count under every committee of theirs, organizations under their committee.
// Parameters: $dataset, $committee, $since, $until, $as_of, $min_meetings
CALL () {
  OPTIONAL MATCH (m:Member {dataset: $dataset})-[:MEMBER_OF]->(o:Organization)
  WHERE m.party = 'CPC' AND o.kind IN ['functional_branch', 'party_cell', 'sub_party_group']
  WITH m, collect(DISTINCT o) AS organizations
  WITH m,
       COUNT {
         MATCH (m)-[:TOOK_PART]->(a:Activity)-[:HELD_BY]->(o:Organization)
         WHERE o IN organizations AND a.kind IN ['org_life', 'party_day', 'study']
           AND a.day >= $since AND a.day <= $until AND ($as_of IS NULL OR a.day <= $as_of)
       } AS meetings
  UNWIND [c IN coalesce(m.committees, []) WHERE c <> ''] + [''] AS scope
  WITH scope, count(DISTINCT m) AS members, count(DISTINCT CASE WHEN meetings < $min_meetings THEN m END) AS below
  RETURN collect({scope: scope, members: members, below: below}) AS member_tallies
}
CALL () {
  OPTIONAL MATCH (o:Organization {dataset: $dataset})
  WHERE o.kind IN ['functional_branch', 'party_cell', 'sub_party_group']
  WITH o,
       COUNT {
         MATCH (a:Activity)-[:HELD_BY]->(o)
         WHERE a.kind IN ['org_life', 'party_day', 'study']
           AND a.day >= $since AND a.day <= $until AND ($as_of IS NULL OR a.day <= $as_of)
       } AS meetings
  UNWIND [c IN [coalesce(o.committee, '')] WHERE c <> ''] + [''] AS scope
  WITH scope, count(o) AS organizations, count(CASE WHEN meetings = 0 THEN o END) AS without
  RETURN collect({scope: scope, organizations: organizations, without: without}) AS organization_tallies
}
OPTIONAL MATCH (c:Organization {dataset: $dataset, kind: 'committee'})
WHERE $committee IS NULL OR c.id = $committee
WITH member_tallies, organization_tallies, c
ORDER BY c.seq
WITH member_tallies, organization_tallies,
     [committee IN collect(c) | {id: committee.id, name: committee.name}]
     + CASE WHEN $committee IS NULL THEN [{id: '', name: '全部'}] ELSE [] END AS report
UNWIND range(0, size(report) - 1) AS position
WITH position, report[position] AS row,
     coalesce(head([tally IN member_tallies WHERE tally.scope = report[position].id]),
              {members: 0, below: 0}) AS members,
     coalesce(head([tally IN organization_tallies WHERE tally.scope = report[position].id]),
              {organizations: 0, without: 0}) AS organizations
RETURN row.id AS committee, row.name AS committee_name, members.members AS duty_line_cpc_members,
       members.below AS below_min_meetings, organizations.organizations AS duty_line_organizations,
       organizations.without AS organizations_without_meetings
ORDER BY position
