// Delete one batch of the dataset's Organization nodes with their relationships (`push --replace`); run until 0.
// Parameters: $dataset, $batch_size
MATCH (n:Organization {dataset: $dataset})
WITH n
LIMIT $batch_size
DETACH DELETE n
RETURN count(*) AS deleted
