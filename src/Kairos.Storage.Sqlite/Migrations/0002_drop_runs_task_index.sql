-- Migration 2: drop the runs index by task. Every runs index costs run-writer throughput and this one measured
-- about 10% of it; a task filter on history now walks ix_runs_ref newest first instead.
DROP INDEX IF EXISTS ix_runs_task_ref;
