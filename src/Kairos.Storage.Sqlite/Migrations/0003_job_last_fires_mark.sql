-- Migration 3: job_last_fires is no longer upserted with every run batch. The store notes each batch's last fires in
-- memory and folds them in every few seconds (and when it closes); this mark says up to which runs.id they are folded.
-- Runs above the mark (left by a process that died before folding) are read together with job_last_fires and folded
-- when the store next opens. Existing files are complete up to their newest run.
CREATE TABLE IF NOT EXISTS store_marks (
    name  TEXT    NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO store_marks (name, value) VALUES ('job_last_fires', (SELECT coalesce(max(id), 0) FROM runs));
