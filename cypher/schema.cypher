// Constraints and indexes of the pbgraph graph model (see cypher/README.md); `pbgraph neo4j push` applies them
// before every load. Every statement is idempotent (IF NOT EXISTS). Node ids are unique per dataset, so one
// database holds several datasets side by side.
// Parameters: none

CREATE CONSTRAINT pbgraph_member_key IF NOT EXISTS
FOR (n:Member) REQUIRE (n.dataset, n.id) IS UNIQUE;

CREATE CONSTRAINT pbgraph_sector_key IF NOT EXISTS
FOR (n:Sector) REQUIRE (n.dataset, n.id) IS UNIQUE;

CREATE CONSTRAINT pbgraph_township_key IF NOT EXISTS
FOR (n:Township) REQUIRE (n.dataset, n.id) IS UNIQUE;

CREATE CONSTRAINT pbgraph_organization_key IF NOT EXISTS
FOR (n:Organization) REQUIRE (n.dataset, n.id) IS UNIQUE;

CREATE CONSTRAINT pbgraph_contact_key IF NOT EXISTS
FOR (n:Contact) REQUIRE (n.dataset, n.id) IS UNIQUE;

// an activity has no id: its row position is its key
CREATE CONSTRAINT pbgraph_activity_key IF NOT EXISTS
FOR (n:Activity) REQUIRE (n.dataset, n.seq) IS UNIQUE;

// one dataset node per dataset (what belongs to no row: the tables not recorded)
CREATE CONSTRAINT pbgraph_dataset_key IF NOT EXISTS
FOR (n:Dataset) REQUIRE n.dataset IS UNIQUE;

// every read starts from "the nodes of one dataset"
CREATE INDEX pbgraph_member_dataset IF NOT EXISTS
FOR (n:Member) ON (n.dataset);

CREATE INDEX pbgraph_sector_dataset IF NOT EXISTS
FOR (n:Sector) ON (n.dataset);

CREATE INDEX pbgraph_township_dataset IF NOT EXISTS
FOR (n:Township) ON (n.dataset);

CREATE INDEX pbgraph_organization_dataset IF NOT EXISTS
FOR (n:Organization) ON (n.dataset);

CREATE INDEX pbgraph_contact_dataset IF NOT EXISTS
FOR (n:Contact) ON (n.dataset);

CREATE INDEX pbgraph_activity_dataset IF NOT EXISTS
FOR (n:Activity) ON (n.dataset);

// the analyses pick organizations by kind (committees, sector groups, platforms, party groups)
CREATE INDEX pbgraph_organization_kind IF NOT EXISTS
FOR (n:Organization) ON (n.dataset, n.kind);

// pull reads the table rows back in their order; counts and --replace find a dataset's relationships
CREATE INDEX pbgraph_liaises_with_row IF NOT EXISTS
FOR ()-[r:LIAISES_WITH]-() ON (r.dataset, r.seq);

CREATE INDEX pbgraph_member_of_row IF NOT EXISTS
FOR ()-[r:MEMBER_OF]-() ON (r.dataset, r.seq);

CREATE INDEX pbgraph_in_sector_dataset IF NOT EXISTS
FOR ()-[r:IN_SECTOR]-() ON (r.dataset);

CREATE INDEX pbgraph_in_township_dataset IF NOT EXISTS
FOR ()-[r:IN_TOWNSHIP]-() ON (r.dataset);

CREATE INDEX pbgraph_in_group_dataset IF NOT EXISTS
FOR ()-[r:IN_GROUP]-() ON (r.dataset);

CREATE INDEX pbgraph_parent_dataset IF NOT EXISTS
FOR ()-[r:PARENT]-() ON (r.dataset);
