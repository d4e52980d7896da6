// Analysis `unlinked`: non-party members with no counting `member` liaison (no CPC member liaises with them).
// Rows in members table order; $committee = null for every committee.
// Parameters: $dataset, $committee
MATCH (m:Member {dataset: $dataset})
WHERE m.party <> 'CPC'
  AND ($committee IS NULL OR $committee IN m.committees)
  AND NOT EXISTS { (:Member)-[:LIAISES_WITH {kind: 'member', counts: true}]->(m) }
RETURN m.committee AS committee, m.id AS id, m.name AS name, m.party AS party, m.sector AS sector,
       m.township AS township
ORDER BY m.seq
