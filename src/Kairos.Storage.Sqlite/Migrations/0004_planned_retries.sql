-- Migration 4: a failed run keeps the retry it scheduled (its run id and due time), so a retry still waiting for its
-- backoff when the process stops is run after the next start. Pending means no run with that id is recorded yet.
-- The index holds only runs that planned a retry, a small share of history.
ALTER TABLE runs ADD COLUMN retry_run_id TEXT;
ALTER TABLE runs ADD COLUMN retry_due_at INTEGER;
CREATE INDEX ix_runs_planned_retry ON runs (retry_due_at) WHERE retry_run_id IS NOT NULL;
