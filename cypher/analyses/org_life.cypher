// Analysis `org_life` (table `org_life`), 双重组织生活: the CPC members of a duty-line organization (functional
// branch, party cell, sub-party group; members table order) listed in fewer than $min_meetings meetings
// (org_life, party_day, study) of those organizations between $since and $until (ISO days; $as_of, an ISO day
// or null, leaves out later activities). `duty_organizations`: their ids in organizations table order,
// ";"-joined; `duty_organization_names` "、"-joined.
// Parameters: $dataset, $committee, $since, $until, $as_of, $min_meetings
MATCH (m:Member {dataset: $dataset})-[:MEMBER_OF]->(o:Organization)
WHERE m.party = 'CPC' AND o.kind IN ['functional_branch', 'party_cell', 'sub_party_group']
  AND ($committee IS NULL OR $committee IN m.committees)
WITH DISTINCT m, o
ORDER BY o.seq
WITH m, collect(o) AS organizations
WITH m, organizations,
     COUNT {
       MATCH (m)-[:TOOK_PART]->(a:Activity)-[:HELD_BY]->(o:Organization)
       WHERE o IN organizations AND a.kind IN ['org_life', 'party_day', 'study']
         AND a.day >= $since AND a.day <= $until AND ($as_of IS NULL OR a.day <= $as_of)
     } AS meetings
WHERE meetings < $min_meetings
RETURN m.committee AS committee, m.id AS id, m.name AS name,
       reduce(ids = '', o IN organizations | ids + CASE WHEN ids = '' THEN '' ELSE ';' END + o.id)
         AS duty_organizations,
       reduce(names = '', o IN organizations | names + CASE WHEN names = '' THEN '' ELSE '、' END + o.name)
         AS duty_organization_names,
       meetings
ORDER BY m.seq
