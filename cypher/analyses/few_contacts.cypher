// Analysis `load` (table `few_contacts`, only with --min-contacts), "1+10": CPC members (members table order)
// with fewer than $min_contacts distinct contacts over counting `contact` liaisons.
// Parameters: $dataset, $committee, $min_contacts
MATCH (m:Member {dataset: $dataset})
WHERE m.party = 'CPC' AND ($committee IS NULL OR $committee IN m.committees)
OPTIONAL MATCH (m)-[:LIAISES_WITH {kind: 'contact', counts: true}]->(c)
WITH m, count(DISTINCT c) AS contacts
WHERE contacts < $min_contacts
RETURN m.committee AS committee, m.id AS id, m.name AS name, contacts
ORDER BY m.seq
