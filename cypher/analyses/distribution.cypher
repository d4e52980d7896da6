// Analysis `load` (table `distribution`): for every load from 0 to the highest (no gaps), how many CPC members
// carry it. No rows when there is no CPC member.
// Parameters: $dataset, $committee
OPTIONAL MATCH (m:Member {dataset: $dataset})
WHERE m.party = 'CPC' AND ($committee IS NULL OR $committee IN m.committees)
OPTIONAL MATCH (m)-[:LIAISES_WITH {kind: 'member', counts: true}]->(t:Member)
WITH m, count(DISTINCT t) AS load
WITH collect(CASE WHEN m IS NOT NULL THEN load END) AS loads
UNWIND range(0, reduce(top = -1, value IN loads | CASE WHEN value > top THEN value ELSE top END)) AS load
RETURN load, size([value IN loads WHERE value = load]) AS cpc_members
ORDER BY load
