-- Indexes a run search can read in the order of its first sort key (see OrderWalk): a metric's
-- latest values within one experiment, and the runs of an experiment by start time (MLflow's
-- default order). latest_metrics gains the run's experiment so that a walk over one experiment's
-- values never passes another experiment's; a run never moves between experiments.

ALTER TABLE latest_metrics ADD COLUMN experiment_id BIGINT;
UPDATE latest_metrics SET experiment_id = (SELECT r.experiment_id FROM runs r WHERE r.run_id = latest_metrics.run_id);
-- Series of no run cannot be written (the store checks the run first); -1 keeps any such row out of
-- every experiment rather than failing the upgrade.
UPDATE latest_metrics SET experiment_id = -1 WHERE experiment_id IS NULL;
ALTER TABLE latest_metrics ALTER COLUMN experiment_id SET NOT NULL;

DROP INDEX latest_metrics_key_value_idx;
CREATE INDEX latest_metrics_walk_idx ON latest_metrics (experiment_id, metric_key, metric_value, run_id);

-- Replaces (experiment_id, lifecycle_stage, start_time): a walk by start time must not depend on
-- the view type, and deleted runs are few.
DROP INDEX runs_experiment_idx;
CREATE INDEX runs_start_idx ON runs (experiment_id, start_time);
