-- Migration 1: the initial schema.
-- Instants are INTEGER unix milliseconds UTC; enums are lowercase snake text; JSON is TEXT kept byte for byte.

-- Must come before the first table: auto_vacuum cannot be switched on once a table exists. INCREMENTAL lets
-- the data plugin reclaim space in small steps (PRAGMA incremental_vacuum) instead of a blocking VACUUM.
PRAGMA auto_vacuum = INCREMENTAL;

CREATE TABLE jobs (
    job_id        TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    task_id       TEXT    NOT NULL,
    schedule_json TEXT    NOT NULL,
    config_json   TEXT    NOT NULL,
    options_json  TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    fire_from     INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX ix_jobs_task ON jobs (task_id);

-- Seeds applied once and for ever (a deleted default job is never re-created).
CREATE TABLE seeds (
    seed_key  TEXT    NOT NULL PRIMARY KEY,
    seeded_at INTEGER NOT NULL
);

CREATE TABLE task_definitions (
    task_id            TEXT    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    plugin_id          TEXT    NOT NULL,
    plugin_version     TEXT    NOT NULL,
    available          INTEGER NOT NULL,
    config_schema_json TEXT,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX ix_task_definitions_plugin ON task_definitions (plugin_id);

-- One row per run; a run's end replaces its start (upsert on run_id). The rowid keeps inserts appending.
CREATE TABLE runs (
    id                 INTEGER PRIMARY KEY,
    run_id             TEXT    NOT NULL UNIQUE,
    job_id             TEXT,
    task_id            TEXT    NOT NULL,
    trigger            TEXT    NOT NULL,
    scheduled_at       INTEGER,
    started_at         INTEGER,
    finished_at        INTEGER,
    duration_ms        INTEGER,
    attempt            INTEGER NOT NULL,
    retry_of           TEXT,
    status             TEXT    NOT NULL,
    reason             TEXT,
    result_json        TEXT,
    error_type         TEXT,
    error_message      TEXT,
    error_stack        TEXT,
    missed_count       INTEGER,
    missed_lower_bound INTEGER,
    missed_first_at    INTEGER,
    missed_last_at     INTEGER,
    logs_json          TEXT,
    truncation         TEXT,
    node               TEXT    NOT NULL,
    trigger_event_id   TEXT,
    config_json        TEXT,
    -- The reference time that orders history: started_at, else scheduled_at, else finished_at.
    ref_at             INTEGER NOT NULL
);
-- History, newest first, unfiltered / by job / by task. run_id, the tie-break, is left out of these indexes on
-- purpose: SQLite sorts the few rows sharing a millisecond on the fly, and the smaller entries keep writes fast.
CREATE INDEX ix_runs_ref ON runs (ref_at);
CREATE INDEX ix_runs_job_ref ON runs (job_id, ref_at);
CREATE INDEX ix_runs_task_ref ON runs (task_id, ref_at);
-- Crash recovery: runs still marked running. Tiny, since finished runs leave it.
CREATE INDEX ix_runs_running ON runs (status) WHERE status = 'running';

-- The latest scheduled time recorded per job (runs with trigger 'schedule', including skipped and missed ones,
-- whose scheduled_at is their last missed fire). Kept by the run writer, one row per job touched by a batch,
-- instead of an index on runs (job_id, scheduled_at): such an index is scattered by job, and maintaining it cost
-- about a quarter of the write throughput. Only ever moves forward, so it survives run retention: a restart never
-- forgets where a job's schedule stood.
CREATE TABLE job_last_fires (
    job_id       TEXT    NOT NULL PRIMARY KEY,
    scheduled_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The event log. AUTOINCREMENT: a sequence is never reused, even after the newest events are deleted,
-- because sequences are the SSE event ids clients resume from.
CREATE TABLE events (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT    NOT NULL UNIQUE,
    type     TEXT    NOT NULL,
    source   TEXT    NOT NULL,
    time     INTEGER NOT NULL,
    subject  TEXT,
    data     TEXT,
    run_id   TEXT,
    depth    INTEGER NOT NULL
);
-- Each index implicitly ends with the sequence (the rowid), so "WHERE x = ? ORDER BY sequence DESC" walks it in order.
CREATE INDEX ix_events_type ON events (type);
CREATE INDEX ix_events_time ON events (time);
CREATE INDEX ix_events_subject ON events (subject) WHERE subject IS NOT NULL;
CREATE INDEX ix_events_run ON events (run_id) WHERE run_id IS NOT NULL;
