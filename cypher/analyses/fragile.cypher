// Analysis `load` (table `fragile`): non-party members liaised with by exactly one distinct CPC member
// (counting `member` liaisons), and who that is. Rows in members table order.
// Parameters: $dataset, $committee
MATCH (m:Member {dataset: $dataset})<-[:LIAISES_WITH {kind: 'member', counts: true}]-(s:Member)
WHERE $committee IS NULL OR $committee IN m.committees
WITH m, collect(DISTINCT s.id) AS sources
WHERE size(sources) = 1
RETURN m.committee AS committee, m.id AS id, m.name AS name, sources[0] AS liaised_by
ORDER BY m.seq
