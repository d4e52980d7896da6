// How many nodes of each label (one Dataset node) and relationships of each type the dataset holds. After a push these equal the
// pushed rows; more means rows left over from an older version of the dataset (push again with --replace).
// Every count starts from the dataset's nodes (the `dataset` node indexes): a relationship is counted from its
// start node (TOOK_PART from its activity), by degree, so no statement scans the relationships of every
// dataset.
// Parameters: $dataset
CALL () {
  MATCH (n:Member {dataset: $dataset})
  RETURN count(n) AS members, sum(COUNT { (n)-[:LIAISES_WITH]->() }) AS liaises_with,
         sum(COUNT { (n)-[:MEMBER_OF]->() }) AS member_of, sum(COUNT { (n)-[:IN_SECTOR]->() }) AS in_sector,
         sum(COUNT { (n)-[:IN_TOWNSHIP]->() }) AS member_townships,
         sum(COUNT { (n)-[:REACHES]->() }) AS member_reaches
}
CALL () {
  MATCH (n:Sector {dataset: $dataset})
  RETURN count(n) AS sectors, sum(COUNT { (n)-[:IN_GROUP]->() }) AS in_group,
         sum(COUNT { (n)-[:REACHES]->() }) AS sector_reaches
}
CALL () {
  MATCH (n:Township {dataset: $dataset})
  RETURN count(n) AS townships
}
CALL () {
  MATCH (n:Organization {dataset: $dataset})
  RETURN count(n) AS organizations, sum(COUNT { (n)-[:PARENT]->() }) AS parent,
         sum(COUNT { (n)-[:IN_TOWNSHIP]->() }) AS organization_townships,
         sum(COUNT { (n)-[:REACHES]->() }) AS organization_reaches
}
CALL () {
  MATCH (n:Contact {dataset: $dataset})
  RETURN count(n) AS contacts, sum(COUNT { (n)-[:IN_TOWNSHIP]->() }) AS contact_townships
}
CALL () {
  MATCH (n:Dataset {dataset: $dataset})
  RETURN count(n) AS datasets
}
CALL () {
  MATCH (n:Activity {dataset: $dataset})
  RETURN count(n) AS activities, sum(COUNT { (n)<-[:TOOK_PART]-(:Member) }) AS took_part,
         sum(COUNT { (n)-[:HELD_BY]->() }) AS held_by
}
RETURN members AS Member, sectors AS Sector, townships AS Township, organizations AS Organization,
       contacts AS Contact, activities AS Activity, datasets AS Dataset, liaises_with AS LIAISES_WITH, member_of AS MEMBER_OF,
       in_sector AS IN_SECTOR, member_townships + organization_townships + contact_townships AS IN_TOWNSHIP,
       in_group AS IN_GROUP, parent AS PARENT, took_part AS TOOK_PART, held_by AS HELD_BY,
       member_reaches + sector_reaches + organization_reaches AS REACHES
