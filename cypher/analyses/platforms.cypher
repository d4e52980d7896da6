// Analysis `platforms`: studios, stations and study groups with neither a child party organization (temporary
// branches included) nor a CPC member as instructor (指导员). Rows in organizations table order.
// Parameters: $dataset, $committee
MATCH (p:Organization {dataset: $dataset})
WHERE p.kind IN ['study_group', 'studio', 'station']
  AND ($committee IS NULL OR p.committee = $committee)
  AND NOT EXISTS {
    (child:Organization)-[:PARENT]->(p)
    WHERE child.kind IN ['party_group', 'organ_party_group', 'party_committee', 'sub_party_group',
                         'party_branch', 'functional_branch', 'party_cell', 'temporary_branch']
  }
  AND NOT EXISTS { (:Member {party: 'CPC'})-[:MEMBER_OF {role: 'instructor'}]->(p) }
RETURN p.committee AS committee, p.id AS id, p.name AS name, p.kind AS kind, p.township AS township
ORDER BY p.seq
