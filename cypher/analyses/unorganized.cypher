// Analysis `unorganized`: CPC members in no party organization other than temporary branches.
// Rows in members table order; $committee = null for every committee.
// Parameters: $dataset, $committee
MATCH (m:Member {dataset: $dataset})
WHERE m.party = 'CPC'
  AND ($committee IS NULL OR $committee IN m.committees)
  AND NOT EXISTS {
    (m)-[:MEMBER_OF]->(o:Organization)
    WHERE o.kind IN ['party_group', 'organ_party_group', 'party_committee', 'sub_party_group', 'party_branch',
                     'functional_branch', 'party_cell']
  }
RETURN m.committee AS committee, m.id AS id, m.name AS name, m.sector AS sector, m.township AS township,
       EXISTS { (m)-[:MEMBER_OF]->(:Organization {kind: 'temporary_branch'}) } AS temporary_only
ORDER BY m.seq
