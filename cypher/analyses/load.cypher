// Analysis `load` (table `load`): per CPC member (members table order), the number of distinct non-party
// members they liaise with over counting `member` liaisons; overloaded above $max_load; idle when not a
// party-group member and liaising with nobody. A party-group member (DESIGN 3): `party_group` (the loader has
// folded the 党组 roles into it) or a membership in a party group.
// Parameters: $dataset, $committee, $max_load
MATCH (m:Member {dataset: $dataset})
WHERE m.party = 'CPC' AND ($committee IS NULL OR $committee IN m.committees)
OPTIONAL MATCH (m)-[:LIAISES_WITH {kind: 'member', counts: true}]->(t:Member)
WITH m, count(DISTINCT t) AS load,
     m.party_group OR EXISTS { (m)-[:MEMBER_OF]->(:Organization {kind: 'party_group'}) } AS party_group
RETURN m.committee AS committee, m.id AS id, m.name AS name, party_group, load,
       load > $max_load AS overloaded, NOT party_group AND load = 0 AS idle
ORDER BY m.seq
