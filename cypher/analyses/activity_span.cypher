// The activity log of a dataset up to $as_of (null: all of it): how many activities, and the latest day. The
// default period of the activity analyses (the 12 months ending at that day) is computed from it in Python,
// as the embedded backend does, and passed to them as $since and $until.
// Parameters: $dataset, $as_of
MATCH (a:Activity {dataset: $dataset})
WHERE a.day <> '' AND ($as_of IS NULL OR a.day <= $as_of)
RETURN count(a) AS activities, max(a.day) AS latest
