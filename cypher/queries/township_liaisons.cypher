// Per township: its liaison groups and how many CPC members liaise with it (fewest first).
// Parameters: $dataset
MATCH (t:Township {dataset: $dataset})
OPTIONAL MATCH (g:Organization {kind: 'liaison_group'})-[:IN_TOWNSHIP]->(t)
RETURN t.id AS id, t.name AS township, collect(g.name) AS liaison_groups,
       COUNT { (:Member {party: 'CPC'})-[:LIAISES_WITH {kind: 'township', counts: true}]->(t) } AS cpc_liaisons
ORDER BY cpc_liaisons, id
