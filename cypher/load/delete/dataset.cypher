// Delete the dataset node (`push --replace`); run until 0.
// Parameters: $dataset, $batch_size
MATCH (n:Dataset {dataset: $dataset})
WITH n
LIMIT $batch_size
DETACH DELETE n
RETURN count(*) AS deleted
