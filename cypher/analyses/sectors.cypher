// Analysis `sectors`: sectors with no counting `sector` liaison to themselves or to their sector group; then
// sector groups with no counting `sector` liaison, and groups with no first convener or any of whose first
// conveners is not CPC (DESIGN 4, revised: one non-CPC first convener beside a CPC one is a gap).
// Rows: sectors in table order, then sector groups in organizations table order (a group can have two rows).
// Parameters: $dataset, $committee
OPTIONAL MATCH (s:Sector {dataset: $dataset})
WHERE ($committee IS NULL OR s.committee = $committee)
  AND NOT EXISTS { (:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(s) }
  AND NOT EXISTS { (s)-[:IN_GROUP]->(:Organization)<-[:LIAISES_WITH {kind: 'sector', counts: true}]-(:Member) }
WITH s
ORDER BY s.seq
WITH collect(s) AS sectors
OPTIONAL MATCH (g:Organization {dataset: $dataset, kind: 'sector_group'})
WHERE $committee IS NULL OR g.committee = $committee
WITH sectors, g,
     EXISTS { (:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(g) } AS has_liaison,
     EXISTS { (:Member)-[:MEMBER_OF {role: 'first_convener'}]->(g) } AS has_convener,
     EXISTS {
       (convener:Member)-[:MEMBER_OF {role: 'first_convener'}]->(g) WHERE convener.party <> 'CPC'
     } AS has_non_cpc_convener
ORDER BY g.seq
WITH sectors,
     collect(CASE WHEN g IS NULL THEN [] ELSE [gap IN [
       CASE WHEN NOT has_liaison THEN 'no_liaison' END,
       CASE
         WHEN NOT has_convener THEN 'no_first_convener'
         WHEN has_non_cpc_convener THEN 'first_convener_not_cpc'
       END
     ] WHERE gap IS NOT NULL | {committee: g.committee, id: g.id, name: g.name, kind: 'sector_group', gap: gap}]
     END) AS group_rows
WITH [s IN sectors | {committee: s.committee, id: s.id, name: s.name, kind: 'sector', gap: 'no_liaison'}]
     + reduce(all_rows = [], part IN group_rows | all_rows + part) AS rows
UNWIND range(0, size(rows) - 1) AS position
RETURN rows[position].committee AS committee, rows[position].id AS id, rows[position].name AS name,
       rows[position].kind AS kind, rows[position].gap AS gap
ORDER BY position
