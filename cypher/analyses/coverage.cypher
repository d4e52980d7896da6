// Analysis `coverage`: the two coverage rates and every gap count, one row per committee organization (table
// order), then the overall row (committee "", name 全部) unless $committee is given. Rates are null over
// nobody. Gap counts count the rows of sectors/townships/platforms.cypher (the same conditions, restated).
// Parameters: $dataset, $committee, $max_load
// per member: party, organized, how many CPC members liaise with them, how many non-party members they liaise with
OPTIONAL MATCH (m:Member {dataset: $dataset})
OPTIONAL MATCH (source:Member)-[:LIAISES_WITH {kind: 'member', counts: true}]->(m)
WITH m, count(DISTINCT source) AS sources
OPTIONAL MATCH (m)-[:LIAISES_WITH {kind: 'member', counts: true}]->(target:Member)
WITH m, sources, count(DISTINCT target) AS load,
     m.party_group OR EXISTS { (m)-[:MEMBER_OF]->(:Organization {kind: 'party_group'}) } AS party_group,
     EXISTS {
       (m)-[:MEMBER_OF]->(o:Organization)
       WHERE o.kind IN ['party_group', 'organ_party_group', 'party_committee', 'sub_party_group',
                        'party_branch', 'functional_branch', 'party_cell']
     } AS organized
// tally each member under every committee it belongs to, and under "" (the overall row)
UNWIND [c IN coalesce(m.committees, []) WHERE c <> ''] + [''] AS scope
WITH scope,
     count(DISTINCT m) AS members,
     count(DISTINCT CASE WHEN m.party = 'CPC' THEN m END) AS cpc_members,
     count(DISTINCT CASE WHEN m.party = 'CPC' AND organized THEN m END) AS organized_cpc_members,
     count(DISTINCT CASE WHEN m.party <> 'CPC' THEN m END) AS non_party_members,
     count(DISTINCT CASE WHEN m.party <> 'CPC' AND sources > 0 THEN m END) AS linked_non_party_members,
     count(DISTINCT CASE WHEN m.party = 'CPC' AND load > $max_load THEN m END) AS overloaded,
     count(DISTINCT CASE WHEN m.party = 'CPC' AND NOT party_group AND load = 0 THEN m END) AS idle,
     count(DISTINCT CASE WHEN sources = 1 THEN m END) AS fragile
WITH collect({scope: scope, members: members, cpc_members: cpc_members,
              organized_cpc_members: organized_cpc_members, non_party_members: non_party_members,
              linked_non_party_members: linked_non_party_members, overloaded: overloaded, idle: idle,
              fragile: fragile}) AS tallies
// the committee of every sector gap row (as in sectors.cypher)
OPTIONAL MATCH (s:Sector {dataset: $dataset})
WHERE NOT EXISTS { (:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(s) }
  AND NOT EXISTS { (s)-[:IN_GROUP]->(:Organization)<-[:LIAISES_WITH {kind: 'sector', counts: true}]-(:Member) }
WITH tallies, collect(s.committee) AS uncovered_sectors
OPTIONAL MATCH (g:Organization {dataset: $dataset, kind: 'sector_group'})
WITH tallies, uncovered_sectors, g,
     NOT EXISTS { (:Member)-[:LIAISES_WITH {kind: 'sector', counts: true}]->(g) } AS no_liaison,
     NOT EXISTS { (:Member)-[:MEMBER_OF {role: 'first_convener'}]->(g) }
     OR EXISTS {
       (convener:Member)-[:MEMBER_OF {role: 'first_convener'}]->(g) WHERE convener.party <> 'CPC'
     } AS convener_gap
WITH tallies, uncovered_sectors,
     collect(CASE WHEN g IS NOT NULL AND no_liaison THEN g.committee END) AS groups_without_liaison,
     collect(CASE WHEN g IS NOT NULL AND convener_gap THEN g.committee END) AS groups_without_convener
WITH tallies, uncovered_sectors + groups_without_liaison + groups_without_convener AS sector_gaps
// the committee of every township gap row (as in townships.cypher)
OPTIONAL MATCH (t:Township {dataset: $dataset})
WITH tallies, sector_gaps, t,
     NOT EXISTS {
       (:Member {party: 'CPC'})-[:MEMBER_OF]->(:Organization {kind: 'liaison_group'})-[:IN_TOWNSHIP]->(t)
     } AS group_gap,
     NOT EXISTS { (:Member)-[:LIAISES_WITH {kind: 'township', counts: true}]->(t) } AS liaison_gap
WITH tallies, sector_gaps,
     collect(CASE WHEN t IS NOT NULL AND group_gap THEN t.committee END) AS township_group_gaps,
     collect(CASE WHEN t IS NOT NULL AND liaison_gap THEN t.committee END) AS township_liaison_gaps
WITH tallies, sector_gaps, township_group_gaps + township_liaison_gaps AS township_gaps
// the committee of every platform gap row (as in platforms.cypher)
OPTIONAL MATCH (p:Organization {dataset: $dataset})
WHERE p.kind IN ['study_group', 'studio', 'station']
  AND NOT EXISTS {
    (child:Organization)-[:PARENT]->(p)
    WHERE child.kind IN ['party_group', 'organ_party_group', 'party_committee', 'sub_party_group',
                         'party_branch', 'functional_branch', 'party_cell', 'temporary_branch']
  }
  AND NOT EXISTS { (:Member {party: 'CPC'})-[:MEMBER_OF {role: 'instructor'}]->(p) }
WITH tallies, sector_gaps, township_gaps, collect(p.committee) AS platform_gaps
// the gap counts grouped once, per committee and under "" (the overall row)
CALL (sector_gaps, township_gaps, platform_gaps) {
  UNWIND [c IN sector_gaps | {committee: c, sector: 1, township: 0, platform: 0}]
         + [c IN township_gaps | {committee: c, sector: 0, township: 1, platform: 0}]
         + [c IN platform_gaps | {committee: c, sector: 0, township: 0, platform: 1}] AS gap
  UNWIND [gap.committee, ''] AS scope
  WITH scope, sum(gap.sector) AS sectors, sum(gap.township) AS townships, sum(gap.platform) AS platforms
  RETURN collect({scope: scope, sector_gaps: sectors, township_gaps: townships, platform_gaps: platforms})
         AS gap_counts
}
// the report rows: each committee, then the overall row
OPTIONAL MATCH (c:Organization {dataset: $dataset, kind: 'committee'})
WHERE $committee IS NULL OR c.id = $committee
WITH tallies, gap_counts, c
ORDER BY c.seq
WITH tallies, gap_counts,
     [committee IN collect(c) | {id: committee.id, name: committee.name}]
     + CASE WHEN $committee IS NULL THEN [{id: '', name: '全部'}] ELSE [] END AS report
UNWIND range(0, size(report) - 1) AS position
WITH position, report[position] AS row, tallies, gap_counts
WITH position, row,
     coalesce(head([tally IN tallies WHERE tally.scope = row.id]),
              {members: 0, cpc_members: 0, organized_cpc_members: 0, non_party_members: 0,
               linked_non_party_members: 0, overloaded: 0, idle: 0, fragile: 0}) AS tally,
     coalesce(head([counted IN gap_counts WHERE counted.scope = row.id]),
              {sector_gaps: 0, township_gaps: 0, platform_gaps: 0}) AS gaps
RETURN row.id AS committee, row.name AS committee_name, tally.members AS members,
       tally.cpc_members AS cpc_members, tally.organized_cpc_members AS organized_cpc_members,
       CASE WHEN tally.cpc_members = 0 THEN null
            ELSE toFloat(tally.organized_cpc_members) / tally.cpc_members END AS organization_rate,
       tally.non_party_members AS non_party_members, tally.linked_non_party_members AS linked_non_party_members,
       CASE WHEN tally.non_party_members = 0 THEN null
            ELSE toFloat(tally.linked_non_party_members) / tally.non_party_members END AS work_rate,
       tally.non_party_members - tally.linked_non_party_members AS unlinked,
       tally.cpc_members - tally.organized_cpc_members AS unorganized,
       gaps.sector_gaps AS sector_gaps, gaps.township_gaps AS township_gaps,
       gaps.platform_gaps AS platform_gaps,
       tally.overloaded AS overloaded, tally.idle AS idle, tally.fragile AS fragile
ORDER BY position
