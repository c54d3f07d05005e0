using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Conditions.Expressions;
using Kairos.Engine.Runs;
using Kairos.Scheduling;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Jobs;

/// <summary>
/// Creates, changes and removes jobs, and runs them on request. Every change is validated, committed to the
/// store, and only then applied to the running engine, so an acknowledged change survives a crash and takes
/// effect at once.
/// </summary>
public sealed class JobService(KairosEngine engine)
{
    private TimeProvider Time => engine.Time;

    /// <summary>Creates a job. Throws <see cref="JobValidationException"/> for bad input.</summary>
    public async Task<JobChangeResult> CreateAsync(JobSpec spec, bool replaceExisting, bool allowMissingTask, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = Time.GetUtcNow();
        var (record, taskAvailable) = Validate(spec, now, allowMissingTask);
        using var _ = await engine.LockJobsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await engine.Store.Jobs.GetAsync(spec.JobId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !replaceExisting)
        {
            return JobChangeResult.Conflict($"job '{spec.JobId}' exists; send \"replace_existing\": true to replace it");
        }
        record = record with { State = taskAvailable ? JobState.Scheduled : JobState.WaitingForPlugin };
        if (existing is null)
        {
            if (!await engine.Store.Jobs.TryInsertAsync(record, cancellationToken).ConfigureAwait(false))
            {
                return JobChangeResult.Conflict($"job '{spec.JobId}' exists");
            }
        }
        else
        {
            record = record with { Version = existing.Version + 1 };
            await engine.Store.Jobs.UpsertAsync(record, cancellationToken).ConfigureAwait(false);
        }
        var job = engine.Apply(record, scheduleChanged: true);
        await (existing is null ? engine.Lifecycle.JobAddedAsync(record) : engine.Lifecycle.JobModifiedAsync(record)).ConfigureAwait(false);
        return JobChangeResult.Ok(job, created: existing is null);
    }

    /// <summary>Replaces an existing job's definition (PUT); its state (paused) and history are kept.</summary>
    public async Task<JobChangeResult> ReplaceAsync(JobSpec spec, bool allowMissingTask, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = Time.GetUtcNow();
        var (record, taskAvailable) = Validate(spec, now, allowMissingTask || await IsKnownTaskAsync(spec.TaskId, cancellationToken).ConfigureAwait(false));
        using var _ = await engine.LockJobsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await engine.Store.Jobs.GetAsync(spec.JobId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return JobChangeResult.NotFound(spec.JobId);
        }
        var scheduleChanged = existing.ScheduleJson != record.ScheduleJson || existing.State == JobState.Finished;
        var state = existing.State switch
        {
            JobState.Paused => JobState.Paused,
            _ => taskAvailable ? JobState.Scheduled : JobState.WaitingForPlugin,
        };
        record = record with
        {
            State = state,
            CreatedAt = existing.CreatedAt,
            FireFrom = scheduleChanged ? now : existing.FireFrom,
            Version = existing.Version + 1,
        };
        await engine.Store.Jobs.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        var job = engine.Apply(record, scheduleChanged);
        await engine.Lifecycle.JobModifiedAsync(record).ConfigureAwait(false);
        return JobChangeResult.Ok(job, created: false);
    }

    /// <summary>Merges a JSON merge patch (RFC 7386) into the job's definition and replaces it.</summary>
    public async Task<JobChangeResult> PatchAsync(string jobId, JsonObject patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var existing = await engine.Store.Jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return JobChangeResult.NotFound(jobId);
        }
        var merged = JobJson.ToSpecJson(existing);
        if (patch["schedule"] is JsonObject)
        {
            // A new schedule replaces the old one whole: merging a cron into an interval makes no sense.
            merged.Remove("schedule");
        }
        JsonMergePatch.Apply(merged, patch);
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(merged.ToJsonString());
        var spec = JobSpecParser.Parse(document.RootElement, errors, jobId);
        if (!errors.IsEmpty || spec is null)
        {
            throw new JobValidationException(errors.ToDictionary());
        }
        return await ReplaceAsync(spec, allowMissingTask: true, cancellationToken).ConfigureAwait(false);
    }

    public Task<JobChangeResult> PauseAsync(string jobId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(jobId, pause: true, cancellationToken);

    public Task<JobChangeResult> ResumeAsync(string jobId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(jobId, pause: false, cancellationToken);

    /// <summary>Deletes a job; its run history stays.</summary>
    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        using var _ = await engine.LockJobsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await engine.Store.Jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (existing is null || !await engine.Store.Jobs.DeleteAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        await engine.RemoveAsync(jobId).ConfigureAwait(false);
        await engine.Lifecycle.JobRemovedAsync(existing).ConfigureAwait(false);
        return true;
    }

    /// <summary>The job as the engine holds it, or null.</summary>
    public ScheduledJob? Get(string jobId) => engine.Jobs.TryGet(jobId, out var job) ? job : null;

    /// <summary>Every job, ordered by id, optionally filtered.</summary>
    public IReadOnlyList<ScheduledJob> List(string? taskId = null, JobState? state = null) =>
        engine.Jobs.All
            .Where(j => (taskId is null || j.Record.TaskId == taskId) && (state is null || j.Record.State == state))
            .OrderBy(j => j.JobId, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Runs a job now (manual trigger), or — when <paramref name="jobOrTaskId"/> is not a job but an available task —
    /// the task once, ad hoc, with <paramref name="overrides"/> as its config. A job id wins over a task id.
    /// Works while the job is paused and while the scheduler is disabled.
    /// </summary>
    public ExecuteResult Execute(string jobOrTaskId, JsonObject? overrides)
    {
        overrides ??= [];
        var now = Time.GetUtcNow();
        if (engine.Jobs.TryGet(jobOrTaskId, out var job))
        {
            if (job.Record.State == JobState.WaitingForPlugin || !engine.Catalog.TryGet(job.Record.TaskId, out var jobTask))
            {
                return ExecuteResult.Conflict($"job '{jobOrTaskId}' is waiting for its task '{job.Record.TaskId}' (plugin not loaded)");
            }
            var config = job.ParseConfig();
            foreach (var (key, value) in overrides)
            {
                config[key] = value?.DeepClone();
            }
            var configErrors = ValidateConfig(jobTask.Task.ConfigSchema, config);
            if (!configErrors.IsEmpty)
            {
                throw new JobValidationException(configErrors.ToDictionary());
            }
            var runId = RunIds.New(Time);
            engine.Executor.Submit(new RunRequest
            {
                RunId = runId,
                Job = job,
                TaskId = job.Record.TaskId,
                Trigger = RunTrigger.Manual,
                ScheduledAt = now,
                Config = config,
                TimeZone = job.Schedule.TimeZone,
            });
            return ExecuteResult.Started(runId);
        }
        if (engine.Catalog.TryGet(jobOrTaskId, out var task))
        {
            var errors = ValidateConfig(task.Task.ConfigSchema, overrides);
            if (!errors.IsEmpty)
            {
                throw new JobValidationException(errors.ToDictionary());
            }
            var runId = RunIds.New(Time);
            engine.Executor.Submit(new RunRequest
            {
                RunId = runId,
                TaskId = task.TaskId,
                Trigger = RunTrigger.Manual,
                ScheduledAt = now,
                Config = (JsonObject)overrides.DeepClone(),
                TimeZone = engine.Options.DefaultTimeZone,
            });
            return ExecuteResult.Started(runId);
        }
        return ExecuteResult.NotFound($"no job or available task '{jobOrTaskId}'");
    }

    private async Task<JobChangeResult> ChangeStateAsync(string jobId, bool pause, CancellationToken cancellationToken)
    {
        using var jobLock = await engine.LockJobsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await engine.Store.Jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return JobChangeResult.NotFound(jobId);
        }
        var now = Time.GetUtcNow();
        JobRecord record;
        if (pause)
        {
            if (existing.State is JobState.Paused or JobState.Finished)
            {
                return JobChangeResult.Ok(engine.Jobs.TryGet(jobId, out var current) ? current : engine.Apply(existing, false), created: false);
            }
            record = existing with { State = JobState.Paused, UpdatedAt = now, Version = existing.Version + 1 };
        }
        else
        {
            if (existing.State != JobState.Paused)
            {
                return JobChangeResult.Ok(engine.Jobs.TryGet(jobId, out var current) ? current : engine.Apply(existing, false), created: false);
            }
            var available = engine.Catalog.TryGet(existing.TaskId, out _);
            // Fires that fell while paused are not runs: counting starts again now.
            record = existing with { State = available ? JobState.Scheduled : JobState.WaitingForPlugin, FireFrom = now, UpdatedAt = now, Version = existing.Version + 1 };
        }
        await engine.Store.Jobs.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        var job = engine.Apply(record, scheduleChanged: !pause);
        await (pause ? engine.Lifecycle.JobPausedAsync(record) : engine.Lifecycle.JobResumedAsync(record)).ConfigureAwait(false);
        return JobChangeResult.Ok(job, created: false);
    }

    private async Task<bool> IsKnownTaskAsync(string taskId, CancellationToken cancellationToken) =>
        engine.Catalog.TryGet(taskId, out _) || await engine.Store.Tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Validates a spec against schedules, conditions and the task; returns the record to store.</summary>
    private (JobRecord Record, bool TaskAvailable) Validate(JobSpec spec, DateTimeOffset now, bool allowMissingTask)
    {
        var errors = new ValidationErrors();
        var parsed = ScheduleParser.Parse(spec.Schedule, new ScheduleContext(engine.Options.DefaultTimeZone, now), "schedule");
        errors.AddRange(parsed.Errors);
        if (spec.Options.Condition is { } condition
            && ConditionValidation.ValidateCondition(condition, parsed.Schedule?.FiresOnEvents ?? false, engine.Calendar) is { } conditionError)
        {
            errors.Add("condition", conditionError);
        }
        if (parsed.Schedule is EventSchedule { Filter: { } filter } && ConditionValidation.ValidateFilter(filter, engine.Calendar) is { } filterError)
        {
            errors.Add("schedule.filter", filterError);
        }
        var taskAvailable = engine.Catalog.TryGet(spec.TaskId, out var task);
        if (!taskAvailable && !allowMissingTask)
        {
            errors.Add("task_id", $"unknown task '{spec.TaskId}'; available: {string.Join(", ", engine.Catalog.Available.Select(t => t.TaskId).Order(StringComparer.Ordinal))} (send \"allow_missing_task\": true to create the job anyway; it waits for the task's plugin)");
        }
        if (taskAvailable)
        {
            var configErrors = ValidateConfig(task.Task.ConfigSchema, spec.Config);
            foreach (var (field, messages) in configErrors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }
        if (!errors.IsEmpty || parsed.Schedule is null)
        {
            throw new JobValidationException(errors.ToDictionary());
        }
        var record = new JobRecord
        {
            JobId = spec.JobId,
            Name = spec.Name,
            TaskId = spec.TaskId,
            ScheduleJson = parsed.Schedule.ToString(),
            ConfigJson = spec.Config.ToJsonString(),
            OptionsJson = JobOptionsJson.ToJson(spec.Options).ToJsonString(),
            State = JobState.Scheduled,
            FireFrom = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (record, taskAvailable);
    }

    private static ValidationErrors ValidateConfig(Sdk.Tasks.TaskConfigSchema? schema, JsonObject config)
    {
        var errors = new ValidationErrors();
        if (schema is null)
        {
            return errors;
        }
        foreach (var (field, message) in schema.Validate(config))
        {
            errors.Add("config." + field, message);
        }
        return errors;
    }
}
