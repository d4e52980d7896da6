// Analysis `townships`: per township (table order), "no_liaison_group" when no liaison group is located in
// it, else "no_cpc_in_liaison_group" when none of its liaison groups has a CPC member; and, independently,
// "no_township_liaison" when no CPC member liaises with it.
// Parameters: $dataset, $committee
MATCH (t:Township {dataset: $dataset})
WHERE $committee IS NULL OR t.committee = $committee
WITH t,
     EXISTS { (:Organization {kind: 'liaison_group'})-[:IN_TOWNSHIP]->(t) } AS has_group,
     EXISTS {
       (:Member {party: 'CPC'})-[:MEMBER_OF]->(:Organization {kind: 'liaison_group'})-[:IN_TOWNSHIP]->(t)
     } AS has_cpc_in_group,
     EXISTS { (:Member)-[:LIAISES_WITH {kind: 'township', counts: true}]->(t) } AS has_liaison
UNWIND range(0, 1) AS position
WITH t, position, [
  CASE
    WHEN NOT has_group THEN 'no_liaison_group'
    WHEN NOT has_cpc_in_group THEN 'no_cpc_in_liaison_group'
  END,
  CASE WHEN NOT has_liaison THEN 'no_township_liaison' END
][position] AS gap
WHERE gap IS NOT NULL
RETURN t.committee AS committee, t.id AS id, t.name AS name, gap
ORDER BY t.seq, position
