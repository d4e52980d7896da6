// The datasets this database holds, with their number of members, organizations and liaisons (each member's
// outgoing LIAISES_WITH counted by degree: no scan of every dataset's relationships), and the tables their
// source did not give (the Dataset node's `not_recorded`, joined with ";"; "" when it gave every table).
// Parameters: none
MATCH (n:Member|Organization)
WITH n.dataset AS dataset, count(CASE WHEN n:Member THEN 1 END) AS members,
     count(CASE WHEN n:Organization THEN 1 END) AS organizations,
     sum(CASE WHEN n:Member THEN COUNT { (n)-[:LIAISES_WITH]->() } ELSE 0 END) AS liaisons
OPTIONAL MATCH (d:Dataset {dataset: dataset})
RETURN dataset, members, organizations, liaisons,
       reduce(text = '', key IN coalesce(d.not_recorded, []) |
              text + CASE WHEN text = '' THEN '' ELSE ';' END + key) AS not_recorded
ORDER BY dataset
