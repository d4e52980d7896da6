// The datasets this database holds, with their number of members, organizations and liaisons.
// Parameters: none
MATCH (n:Member|Organization)
WITH n.dataset AS dataset, count(CASE WHEN n:Member THEN 1 END) AS members,
     count(CASE WHEN n:Organization THEN 1 END) AS organizations
RETURN dataset, members, organizations,
       COUNT { MATCH ()-[r:LIAISES_WITH]->() WHERE r.dataset = dataset } AS liaisons
ORDER BY dataset
