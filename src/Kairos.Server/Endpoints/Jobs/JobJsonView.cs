using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Kairos.Server.Http;
using System.Text.Json.Nodes;
using Kairos.Engine.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Server.Endpoints;

/// <summary>The API shape of a job: its definition, options, state, next fire time (in the job's zone) and last run.</summary>
public static class JobJsonView
{
    public static JsonObject ToJson(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var json = JobJson.ToSpecJson(job.Record);
        json["state"] = JobStateNames.ToName(job.Record.State);
        json["next_run_time"] = ApiTime.InZone(job.NextFireTime, job.Schedule.TimeZone);
        json["last_run"] = job.LastRun.Get() is { } run ? LastRun(run) : null;
        json["created_at"] = ApiTime.Utc(job.Record.CreatedAt);
        json["updated_at"] = ApiTime.Utc(job.Record.UpdatedAt);
        return json;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>
    /// Writes the same shape as <see cref="ToJson"/> to a writer: the job's cached definition bytes, then its live
    /// members (state, next fire, last run, times) appended by hand, handed over as one raw value.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(job);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var definition = job.DefinitionUtf8.Span;
        buffer.Write(definition[..definition.LastIndexOf((byte)'}')]); // the object stays open for the live members
        // A definition always has members (job_id first), so every live member follows a comma.
        Member(buffer, ",\"state\":"u8, JobStateNames.ToName(job.Record.State));
        Member(buffer, ",\"next_run_time\":"u8, ApiTime.InZone(job.NextFireTime, job.Schedule.TimeZone));
        buffer.Write(",\"last_run\":"u8);
        if (job.LastRun.Get() is { } run)
        {
            Member(buffer, "{\"run_id\":"u8, run.RunId);
            Member(buffer, ",\"status\":"u8, Kairos.Engine.Runs.RunStatusNames.ToName(run.Status));
            Member(buffer, ",\"trigger\":"u8, Kairos.Engine.Runs.RunStatusNames.ToName(run.Trigger));
            Member(buffer, ",\"scheduled_at\":"u8, ApiTime.Utc(run.ScheduledAt));
            Member(buffer, ",\"started_at\":"u8, ApiTime.Utc(run.StartedAt));
            Member(buffer, ",\"finished_at\":"u8, ApiTime.Utc(run.FinishedAt));
            buffer.Write(",\"duration_ms\":"u8);
            if (run.DurationMs is { } ms)
            {
                ms.TryFormat(buffer.GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
                buffer.Advance(written);
            }
            else
            {
                buffer.Write("null"u8);
            }
            buffer.Write("}"u8);
        }
        else
        {
            buffer.Write("null"u8);
        }
        Member(buffer, ",\"created_at\":"u8, ApiTime.Utc(job.Record.CreatedAt));
        Member(buffer, ",\"updated_at\":"u8, ApiTime.Utc(job.Record.UpdatedAt));
        buffer.Write("}"u8);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Appends the member's prefix (comma, quoted name, colon), then the value as a JSON string or null.</summary>
    private static void Member(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> prefix, string? value)
    {
        buffer.Write(prefix);
        if (value is null)
        {
            buffer.Write("null"u8);
            return;
        }
        buffer.Write("\""u8);
        buffer.Write(JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
        buffer.Write("\""u8);
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
