// Per sector: the party-group members who liaise with it (directly or through its sector group), its members,
// and how many of its non-party members no CPC member liaises with.
// Parameters: $dataset
MATCH (s:Sector {dataset: $dataset})
OPTIONAL MATCH (s)-[:IN_GROUP]->(g:Organization)
WITH s, g,
     [(l:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(s) | l.name]
     + CASE WHEN g IS NULL THEN []
       ELSE [(l:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(g) | l.name] END AS liaisons
RETURN s.id AS id, s.name AS sector, g.name AS sector_group, liaisons,
       COUNT { (:Member)-[:IN_SECTOR]->(s) } AS members,
       COUNT {
         (m:Member)-[:IN_SECTOR]->(s)
         WHERE m.party <> 'CPC' AND NOT EXISTS { (:Member)-[:LIAISES_WITH {kind: 'member', counts: true}]->(m) }
       } AS unlinked
ORDER BY s.seq
