-- Covering indexes for the checks a run search walk makes per run it reads (see OrderWalk): a
-- param or tag equality is a probe on (run, key) comparing the value hash. The primary key finds
-- the row and then reads it for the hash; with the hash in the index the probe never leaves the
-- index (H2 reads a row only for a column its index lacks), about half the work of a walk that
-- checks a param for each of some 2,000 runs.
CREATE INDEX params_run_hash_idx ON params (run_id, param_key, value_hash);
CREATE INDEX run_tags_run_hash_idx ON run_tags (run_id, tag_key, value_hash);
