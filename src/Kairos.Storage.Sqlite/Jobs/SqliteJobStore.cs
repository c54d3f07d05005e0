using System.Runtime.CompilerServices;
using Kairos.Storage.Jobs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Jobs;

/// <summary>Jobs and seeds in the <c>jobs</c> and <c>seeds</c> tables. JSON members are stored as given, byte for byte.</summary>
internal sealed class SqliteJobStore(SqliteDatabase database, TimeProvider time) : IJobStore
{
    private const string Columns =
        "job_id, name, task_id, schedule_json, config_json, options_json, state, fire_from, created_at, updated_at, version";

    private const string Values =
        "$job_id, $name, $task_id, $schedule_json, $config_json, $options_json, $state, $fire_from, $created_at, $updated_at, $version";

    private const string SetAll =
        "name = $name, task_id = $task_id, schedule_json = $schedule_json, config_json = $config_json, " +
        "options_json = $options_json, state = $state, fire_from = $fire_from, created_at = $created_at, " +
        "updated_at = $updated_at, version = $version";

    public Task<bool> TryInsertAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WriteJobAsync(job, $"INSERT INTO jobs ({Columns}) VALUES ({Values}) ON CONFLICT (job_id) DO NOTHING", cancellationToken);
    }

    public Task UpsertAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WriteJobAsync(job, $"INSERT INTO jobs ({Columns}) VALUES ({Values}) ON CONFLICT (job_id) DO UPDATE SET {SetAll}", cancellationToken);
    }

    public Task<bool> UpdateAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WriteJobAsync(job, $"UPDATE jobs SET {SetAll} WHERE job_id = $job_id", cancellationToken);
    }

    public Task<int> UpdateStatesAsync(IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return Task.FromResult(0);
        }
        return database.WriteInTransactionAsync((connection, transaction, ct) =>
        {
            var updater = database.WriterCached(connection, static c => new JobBatchUpdater(c));
            var updated = 0;
            foreach (var job in jobs)
            {
                ct.ThrowIfCancellationRequested();
                updated += updater.UpdateState(job) ? 1 : 0;
            }
            return updated;
        }, cancellationToken);
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM jobs WHERE job_id = $job_id";
            command.With("$job_id", jobId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadJob(reader) : null;
        }
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(string? taskId = null, JobState? state = null, CancellationToken cancellationToken = default)
    {
        var jobs = new List<JobRecord>();
        await foreach (var job in ReadJobsAsync(taskId, state, cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(job);
        }
        return jobs;
    }

    public IAsyncEnumerable<JobRecord> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadJobsAsync(null, null, cancellationToken);

    private async IAsyncEnumerable<JobRecord> ReadJobsAsync(string? taskId, JobState? state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT {Columns} FROM jobs WHERE ($task_id IS NULL OR task_id = $task_id) AND ($state IS NULL OR state = $state) ORDER BY job_id";
            command.With("$task_id", taskId).With("$state", state is { } s ? StoreText.Of(s) : null);
            using var reader = command.ExecuteReader();
            // Many jobs share their task, config and options text: one string each instead of one per job, since
            // the engine keeps every job's record in memory.
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            string Share(string text) => shared.TryGetValue(text, out var known) ? known : shared[text] = text;
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var job = ReadJob(reader);
                yield return job with
                {
                    Name = string.Equals(job.Name, job.JobId, StringComparison.Ordinal) ? job.JobId : job.Name,
                    TaskId = Share(job.TaskId),
                    ConfigJson = Share(job.ConfigJson),
                    OptionsJson = Share(job.OptionsJson),
                };
            }
        }
    }

    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return database.WriteAsync((connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM jobs WHERE job_id = $job_id";
            command.With("$job_id", jobId);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        var counts = Enum.GetValues<JobState>().ToDictionary(s => s, _ => 0);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT state, count(*) FROM jobs GROUP BY state";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts[StoreText.ToJobState(reader.GetString(0))] = reader.GetInt32(1);
            }
        }
        return counts;
    }

    public Task<bool> TryMarkSeededAsync(string seedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seedKey);
        return database.WriteAsync((connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO seeds (seed_key, seeded_at) VALUES ($seed_key, $seeded_at) ON CONFLICT (seed_key) DO NOTHING";
            command.With("$seed_key", seedKey).With("$seeded_at", UnixMs.From(time.GetUtcNow()));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    private Task<bool> WriteJobAsync(JobRecord job, string sql, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            BindJob(command, job);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private static void BindJob(SqliteCommand command, JobRecord job) =>
            command.With("$job_id", job.JobId)
                .With("$name", job.Name)
                .With("$task_id", job.TaskId)
                .With("$schedule_json", job.ScheduleJson)
                .With("$config_json", job.ConfigJson)
                .With("$options_json", job.OptionsJson)
                .With("$state", StoreText.Of(job.State))
                .With("$fire_from", UnixMs.From(job.FireFrom))
                .With("$created_at", UnixMs.From(job.CreatedAt))
                .With("$updated_at", UnixMs.From(job.UpdatedAt))
                .With("$version", job.Version);

    private static JobRecord ReadJob(SqliteDataReader reader) => new()
    {
        JobId = reader.GetString(0),
        Name = reader.GetString(1),
        TaskId = reader.GetString(2),
        ScheduleJson = reader.GetString(3),
        ConfigJson = reader.GetString(4),
        OptionsJson = reader.GetString(5),
        State = StoreText.ToJobState(reader.GetString(6)),
        FireFrom = reader.GetInstant(7),
        CreatedAt = reader.GetInstant(8),
        UpdatedAt = reader.GetInstant(9),
        Version = reader.GetInt64(10),
    };
}
