using System.Globalization;
using System.Text.Json;
using Kairos.Engine;
using Kairos.Engine.Jobs;
using Microsoft.Data.Sqlite;

namespace Kairos.Bench.Kairos;

/// <summary>
/// Databases of N stored jobs, made once per harness run through <see cref="JobService.CreateAsync"/> from the same
/// JSON body the API takes, then copied for each measured process. Creating 100,000 jobs one durable commit at a time
/// takes minutes, so the templates are written with <c>synchronous=NORMAL</c>; every measured process reopens its copy
/// with the default <c>synchronous=FULL</c>. A copy is moved in time with one UPDATE (the interval jobs' first fire,
/// or the date jobs' run_date), so its jobs fall due when the measurement wants them.
/// </summary>
public static class KairosTemplates
{
    /// <summary>The id of job k: <c>bench-000042</c>; the number is what the date shift reads back.</summary>
    public static string JobId(int k) => "bench-" + k.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Creates <paramref name="n"/> jobs of <paramref name="kind"/> (<c>interval</c>: every second; <c>date</c>: one-off) in <paramref name="directory"/>.</summary>
    public static async Task CreateAsync(string directory, string kind, int n)
    {
        Directory.CreateDirectory(directory);
        var host = await KairosHost.OpenAsync(directory, new EngineOptions { SchedulerEnabled = false }, [new RecordTask(null)], synchronousFull: false).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            await host.Engine.StartAsync().ConfigureAwait(false);
            // A date far ahead; each measured copy moves it to its own due instant.
            var schedule = kind switch
            {
                "interval" => """{"type":"interval","seconds":1}""",
                "date" => """{"type":"date","run_date":"2099-01-01T00:00:00Z"}""",
                _ => throw new ArgumentException($"unknown template kind '{kind}'", nameof(kind)),
            };
            for (var k = 0; k < n; k++)
            {
                using var body = JsonDocument.Parse($$$"""{"job_id":"{{{JobId(k)}}}","task_id":"{{{RecordTask.Id}}}","schedule":{{{schedule}}},"config":{}}""");
                var errors = new ValidationErrors();
                var spec = JobSpecParser.Parse(body.RootElement, errors) ?? throw new InvalidOperationException("job body rejected");
                var result = await host.Jobs.CreateAsync(spec, replaceExisting: false, allowMissingTask: false).ConfigureAwait(false);
                if (result.Job is null)
                {
                    throw new InvalidOperationException($"job {JobId(k)} not created: {result.Message}");
                }
            }
            await host.StopAsync().ConfigureAwait(false);
        }
    }

    // The templates' jobs name no zone, so they have the server's default; a fixed offset (no daylight saving), which
    // the shifts rely on when they write wall-clock text in SQL.
    private static readonly TimeZoneInfo TemplateZone = new EngineOptions().DefaultTimeZone;

    /// <summary>Copies the template's database into <paramref name="directory"/>.</summary>
    public static void CopyTo(string template, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var source = Path.Combine(template, "kairos.db" + suffix);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(directory, "kairos.db" + suffix), overwrite: true);
            }
        }
    }

    /// <summary>
    /// Interval jobs: their first fire becomes the first grid point at or after <paramref name="firstDue"/> (a whole
    /// second, as the template's grid is). With <paramref name="spread"/> each job's grid starts k/N s later instead,
    /// which only takes effect if the schedule language keeps fractions of a second.
    /// </summary>
    public static void ShiftRecurring(string directory, DateTimeOffset firstDue, bool spread, int n)
    {
        using var connection = Open(directory);
        using var command = connection.CreateCommand();
        // The start date is written as the job service writes it (the schedule's canonical text: wall clock in the
        // job's zone with its offset, milliseconds only when there are some), so a shifted job is stored exactly as
        // one created through the API at that instant would be.
        command.CommandText = spread
            ? "UPDATE jobs SET fire_from = $t0, schedule_json = json_set(schedule_json, '$.start_date', " +
              "(SELECT strftime('%Y-%m-%dT%H:%M:%S', ms / 1000 + $offset_s, 'unixepoch') || " +
              "CASE WHEN ms % 1000 = 0 THEN '' ELSE printf('.%03d', ms % 1000) END || $offset_text " +
              "FROM (SELECT CAST($t0 + CAST(substr(job_id, 7) AS INTEGER) * 1000.0 / $n AS INTEGER) AS ms)))"
            : "UPDATE jobs SET fire_from = $t0";
        command.Parameters.AddWithValue("$t0", firstDue.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$n", n);
        var offset = TemplateZone.GetUtcOffset(firstDue);
        command.Parameters.AddWithValue("$offset_s", (long)offset.TotalSeconds);
        command.Parameters.AddWithValue("$offset_text", firstDue.ToOffset(offset).ToString("zzz", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Date jobs: the first <paramref name="warmup"/> (by number) run at the warm-up instants (job k at
    /// <c>warmupDues[k % count]</c>), the others at <paramref name="due"/>.
    /// </summary>
    public static void ShiftOneOff(string directory, DateTimeOffset due, int warmup, IReadOnlyList<DateTimeOffset> warmupDues)
    {
        using var connection = Open(directory);
        using var command = connection.CreateCommand();
        var byNumber = string.Join(" ", warmupDues.Select((_, i) => $"WHEN {i.ToString(CultureInfo.InvariantCulture)} THEN $warmup_due_{i.ToString(CultureInfo.InvariantCulture)}"));
        command.CommandText = "UPDATE jobs SET schedule_json = json_set(schedule_json, '$.run_date', " +
                              $"CASE WHEN CAST(substr(job_id, 7) AS INTEGER) < $warmup THEN CASE CAST(substr(job_id, 7) AS INTEGER) % {warmupDues.Count.ToString(CultureInfo.InvariantCulture)} {byNumber} END ELSE $due END)";
        command.Parameters.AddWithValue("$due", Iso(due));
        for (var i = 0; i < warmupDues.Count; i++)
        {
            command.Parameters.AddWithValue($"$warmup_due_{i.ToString(CultureInfo.InvariantCulture)}", Iso(warmupDues[i]));
        }
        command.Parameters.AddWithValue("$warmup", warmup);
        command.ExecuteNonQuery();
    }

    // As the job service stores a run_date: wall clock in the job's zone with its offset.
    private static string Iso(DateTimeOffset instant) =>
        instant.ToOffset(TemplateZone.GetUtcOffset(instant)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Counts run records: the proof that every run was recorded.</summary>
    public static Dictionary<string, long> CountRuns(string directory, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        using var connection = Open(directory);
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT count(*) FILTER (WHERE status = 'succeeded' AND scheduled_at >= $a AND scheduled_at < $b), " +
            "count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'missed'), " +
            "count(*) FILTER (WHERE status NOT IN ('succeeded', 'missed')), count(*) FROM runs";
        command.Parameters.AddWithValue("$a", windowStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$b", windowEnd.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["runs_succeeded_in_window"] = reader.GetInt64(0),
            ["runs_succeeded"] = reader.GetInt64(1),
            ["runs_missed_records"] = reader.GetInt64(2),
            ["runs_other"] = reader.GetInt64(3),
            ["runs_total"] = reader.GetInt64(4),
        };
    }

    private static SqliteConnection Open(string directory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "kairos.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
