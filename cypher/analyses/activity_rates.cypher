// Analysis `dormant` (table `activity_rates`): per committee organization (table order), then overall
// (committee "", name 全部) unless $committee is given: the counting liaisons (distinct source, target and
// kind; a liaison belongs to every committee of its source), the active ones (as in dormant.cypher) and their
// share, and 有效联系率 = non-party members who are the target of an active counting `member` liaison / non-party
// members. Rates are null over nothing. $since, $until, $as_of as in dormant.cypher.
// Parameters: $dataset, $committee, $since, $until, $as_of
OPTIONAL MATCH (m:Member {dataset: $dataset})
CALL (m) {
  OPTIONAL MATCH (m)-[r:LIAISES_WITH {counts: true}]->(t)
  WHERE $as_of IS NULL OR r.since = '' OR r.since <= $as_of
  WITH DISTINCT t, r.kind AS kind
  WITH t,
       EXISTS {
         MATCH (m)-[:TOOK_PART]->(a:Activity)
         WHERE a.kind IN ['talk', 'visit', 'call', 'event'] AND a.day >= $since AND a.day <= $until
           AND ($as_of IS NULL OR a.day <= $as_of)
           AND (a.target = t.id OR EXISTS { (t)-[:TOOK_PART]->(a) })
       } AS active
  RETURN count(t) AS liaisons, count(CASE WHEN active THEN t END) AS active_liaisons
}
WITH m, liaisons, active_liaisons,
     m.party <> 'CPC' AND EXISTS {
       MATCH (c:Member)-[r:LIAISES_WITH {kind: 'member', counts: true}]->(m)
       WHERE ($as_of IS NULL OR r.since = '' OR r.since <= $as_of)
         AND EXISTS {
           MATCH (c)-[:TOOK_PART]->(a:Activity)
           WHERE a.kind IN ['talk', 'visit', 'call', 'event'] AND a.day >= $since AND a.day <= $until
             AND ($as_of IS NULL OR a.day <= $as_of)
             AND (a.target = m.id OR EXISTS { (m)-[:TOOK_PART]->(a) })
         }
     } AS effective
// tally each member under every committee it belongs to, and under "" (the overall row)
UNWIND [c IN coalesce(m.committees, []) WHERE c <> ''] + [''] AS scope
WITH scope, sum(liaisons) AS liaisons, sum(active_liaisons) AS active_liaisons,
     count(DISTINCT CASE WHEN m.party <> 'CPC' THEN m END) AS non_party_members,
     count(DISTINCT CASE WHEN effective THEN m END) AS effective
WITH collect({scope: scope, liaisons: liaisons, active_liaisons: active_liaisons,
              non_party_members: non_party_members, effective: effective}) AS tallies
OPTIONAL MATCH (c:Organization {dataset: $dataset, kind: 'committee'})
WHERE $committee IS NULL OR c.id = $committee
WITH tallies, c
ORDER BY c.seq
WITH tallies,
     [committee IN collect(c) | {id: committee.id, name: committee.name}]
     + CASE WHEN $committee IS NULL THEN [{id: '', name: '全部'}] ELSE [] END AS report
UNWIND range(0, size(report) - 1) AS position
WITH position, report[position] AS row,
     coalesce(head([tally IN tallies WHERE tally.scope = report[position].id]),
              {liaisons: 0, active_liaisons: 0, non_party_members: 0, effective: 0}) AS tally
RETURN row.id AS committee, row.name AS committee_name, tally.liaisons AS liaisons,
       tally.active_liaisons AS active_liaisons,
       CASE WHEN tally.liaisons = 0 THEN null ELSE toFloat(tally.active_liaisons) / tally.liaisons END
         AS active_share,
       tally.non_party_members AS non_party_members, tally.effective AS effectively_linked_non_party_members,
       CASE WHEN tally.non_party_members = 0 THEN null ELSE toFloat(tally.effective) / tally.non_party_members END
         AS effective_rate
ORDER BY position
