// Analysis `dormant` (table `dormant`), "把说了当做了": the counting liaisons (distinct source, target and kind;
// the first row of each, liaisons table order) that no liaison activity (talk, visit, call, event) joined
// between $since and $until (ISO days): an activity joins a liaison when its source took part and its target
// is the activity's target or took part too. `last_activity`: the latest joining activity up to $until ("").
// $as_of (an ISO day, or null) evaluates the network as it stood that day: liaisons whose `since` is later,
// and later activities, are left out. A liaison belongs to the committees of its source.
// Parameters: $dataset, $committee, $since, $until, $as_of
MATCH (s:Member {dataset: $dataset})-[r:LIAISES_WITH {counts: true}]->(t)
WHERE ($committee IS NULL OR $committee IN s.committees)
  AND ($as_of IS NULL OR r.since = '' OR r.since <= $as_of)
WITH s, t, r
ORDER BY r.seq
WITH s, t, r.kind AS kind, head(collect(r)) AS first
CALL (s, t) {
  OPTIONAL MATCH (s)-[:TOOK_PART]->(a:Activity)
  WHERE a.kind IN ['talk', 'visit', 'call', 'event'] AND a.day <> '' AND a.day <= $until
    AND ($as_of IS NULL OR a.day <= $as_of)
    AND (a.target = t.id OR EXISTS { (t)-[:TOOK_PART]->(a) })
  RETURN max(a.day) AS last, count(CASE WHEN a.day >= $since THEN a END) AS in_period
}
WITH s, t, kind, first, last
WHERE in_period = 0
RETURN s.committee AS committee, kind AS liaison_kind, s.id AS source, s.name AS source_name, t.id AS target,
       coalesce(t.name, '') AS target_name, first.since AS since, coalesce(last, '') AS last_activity
ORDER BY first.seq
