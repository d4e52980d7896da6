// Delete one batch of the dataset's Activity nodes with their relationships (`push --replace`); run until 0.
// Parameters: $dataset, $batch_size
MATCH (n:Activity {dataset: $dataset})
WITH n
LIMIT $batch_size
DETACH DELETE n
RETURN count(*) AS deleted
