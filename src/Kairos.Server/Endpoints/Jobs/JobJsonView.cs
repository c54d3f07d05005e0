using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Kairos.Server.Http;
using System.Text.Json.Nodes;
using Kairos.Engine.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Server.Endpoints;

/// <summary>
/// The API shape of a job: its definition, state and times, then its next fire time (in the job's zone) and last run.
/// </summary>
public static class JobJsonView
{
    private static readonly JsonSerializerOptions s_relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var json = StaticPart(job);
        json["next_run_time"] = ApiTime.InZone(job.NextFireTime, job.Schedule.TimeZone);
        json["last_run"] = job.LastRun.Get() is { } run ? LastRun(run) : null;
        return json;
    }

    /// <summary>What cannot change while this version of the job exists: definition, state, created and updated times.</summary>
    private static JsonObject StaticPart(ScheduledJob job)
    {
        var json = JobJson.ToSpecJson(job.Record);
        json["state"] = JobStateNames.ToName(job.Record.State);
        json["created_at"] = ApiTime.Utc(job.Record.CreatedAt);
        json["updated_at"] = ApiTime.Utc(job.Record.UpdatedAt);
        return json;
    }

    // Per job version: the static part as UTF-8 JSON with its closing brace left off, and the last serialised
    // next_run_time and last_run with what they were built from. Listing 10,000 jobs then copies bytes.
    private static readonly ConditionalWeakTable<ScheduledJob, Cache> s_cache = new();

    private sealed class Cache(byte[] open)
    {
        public byte[] Open { get; } = open;
        public volatile Stamped<DateTimeOffset?>? NextRun;
        public volatile Stamped<long>? LastRun;
    }

    private sealed record Stamped<T>(T Key, byte[] Json);

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Writes the same JSON as <see cref="ToJson"/> to a writer, from bytes cached per job version.</summary>
    public static void Write(Utf8JsonWriter writer, ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(job);
        var cache = s_cache.GetValue(job, static j =>
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(StaticPart(j), s_relaxed);
            return new Cache(bytes[..Array.LastIndexOf(bytes, (byte)'}')]); // left open for the live members
        });

        var nextFire = job.NextFireTime;
        var next = cache.NextRun;
        if (next is null || next.Key != nextFire)
        {
            next = new Stamped<DateTimeOffset?>(nextFire, JsonSerializer.SerializeToUtf8Bytes(ApiTime.InZone(nextFire, job.Schedule.TimeZone), s_relaxed));
            cache.NextRun = next;
        }
        var version = job.LastRun.Version;
        var last = cache.LastRun;
        if (last is null || last.Key != version)
        {
            var view = job.LastRun.Get();
            last = new Stamped<long>(version, view is { } run ? JsonSerializer.SerializeToUtf8Bytes(LastRun(run), s_relaxed) : "null"u8.ToArray());
            cache.LastRun = last;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        buffer.Write(cache.Open);
        buffer.Write(",\"next_run_time\":"u8);
        buffer.Write(next.Json);
        buffer.Write(",\"last_run\":"u8);
        buffer.Write(last.Json);
        buffer.Write("}"u8);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    private static JsonObject LastRun(LastRunView run) => new()
    {
        ["run_id"] = run.RunId,
        ["status"] = Kairos.Engine.Runs.RunStatusNames.ToName(run.Status),
        ["trigger"] = Kairos.Engine.Runs.RunStatusNames.ToName(run.Trigger),
        ["scheduled_at"] = ApiTime.Utc(run.ScheduledAt),
        ["started_at"] = ApiTime.Utc(run.StartedAt),
        ["finished_at"] = ApiTime.Utc(run.FinishedAt),
        ["duration_ms"] = run.DurationMs,
    };
}
