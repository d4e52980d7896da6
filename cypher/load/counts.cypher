// How many nodes of each label and relationships of each type the dataset holds. After a push these equal the
// pushed rows; more means rows left over from an older version of the dataset (push again with --replace).
// Parameters: $dataset
OPTIONAL MATCH (n:Member {dataset: $dataset})
WITH count(n) AS members
OPTIONAL MATCH (n:Sector {dataset: $dataset})
WITH members, count(n) AS sectors
OPTIONAL MATCH (n:Township {dataset: $dataset})
WITH members, sectors, count(n) AS townships
OPTIONAL MATCH (n:Organization {dataset: $dataset})
WITH members, sectors, townships, count(n) AS organizations
OPTIONAL MATCH (n:Contact {dataset: $dataset})
WITH members, sectors, townships, organizations, count(n) AS contacts
OPTIONAL MATCH ()-[r:LIAISES_WITH {dataset: $dataset}]->()
WITH members, sectors, townships, organizations, contacts, count(r) AS liaises_with
OPTIONAL MATCH ()-[r:MEMBER_OF {dataset: $dataset}]->()
WITH members, sectors, townships, organizations, contacts, liaises_with, count(r) AS member_of
OPTIONAL MATCH ()-[r:IN_SECTOR {dataset: $dataset}]->()
WITH members, sectors, townships, organizations, contacts, liaises_with, member_of, count(r) AS in_sector
OPTIONAL MATCH ()-[r:IN_TOWNSHIP {dataset: $dataset}]->()
WITH members, sectors, townships, organizations, contacts, liaises_with, member_of, in_sector,
     count(r) AS in_township
OPTIONAL MATCH ()-[r:IN_GROUP {dataset: $dataset}]->()
WITH members, sectors, townships, organizations, contacts, liaises_with, member_of, in_sector, in_township,
     count(r) AS in_group
OPTIONAL MATCH ()-[r:PARENT {dataset: $dataset}]->()
RETURN members AS Member, sectors AS Sector, townships AS Township, organizations AS Organization,
       contacts AS Contact, liaises_with AS LIAISES_WITH, member_of AS MEMBER_OF, in_sector AS IN_SECTOR,
       in_township AS IN_TOWNSHIP, in_group AS IN_GROUP, count(r) AS PARENT
