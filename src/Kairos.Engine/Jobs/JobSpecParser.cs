using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Engine.Jobs;

/// <summary>
/// Reads a job body (<c>job_id, name, task_id, schedule, config</c> and the options at the top level) with one
/// message per bad field. Schedules, conditions and task configs are checked later by the job service.
/// </summary>
public static class JobSpecParser
{
    /// <summary>Keys the API accepts in a job body besides the spec itself.</summary>
    public static readonly IReadOnlySet<string> ControlKeys = new HashSet<string>(StringComparer.Ordinal) { "replace_existing", "allow_missing_task" };

    private static readonly HashSet<string> SpecKeys = new(StringComparer.Ordinal)
    {
        "job_id", "name", "task_id", "schedule", "config", "max_instances", "coalesce", "misfire_grace_time", "timeout", "retry", "condition",
    };

    /// <summary>Largest accepted serialised config.</summary>
    public const int MaxConfigBytes = 64 * 1024;

    /// <summary>Parses a job body; <paramref name="jobIdFromRoute"/> is used when the body has no job_id (PUT).</summary>
    public static JobSpec? Parse(JsonElement body, ValidationErrors errors, string? jobIdFromRoute = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return null;
        }
        foreach (var property in body.EnumerateObject())
        {
            if (!SpecKeys.Contains(property.Name) && !ControlKeys.Contains(property.Name))
            {
                errors.Add(property.Name, "is not a job field (known: " + string.Join(", ", SpecKeys.Concat(ControlKeys)) + ")");
            }
        }

        var jobId = ReadString(body, "job_id", errors, required: jobIdFromRoute is null) ?? jobIdFromRoute;
        if (jobId is not null && jobIdFromRoute is not null && jobId != jobIdFromRoute)
        {
            errors.Add("job_id", $"'{jobId}' does not match the job id in the path '{jobIdFromRoute}'");
        }
        if (jobId is not null && !IsValidJobId(jobId))
        {
            errors.Add("job_id", "must be 1–100 characters of A-Z, a-z, 0-9, '_', '.' or '-'");
        }
        var taskId = ReadString(body, "task_id", errors, required: true);
        var name = ReadString(body, "name", errors, required: false) ?? jobId ?? "";
        if (name.Length > 200)
        {
            errors.Add("name", "must be at most 200 characters");
        }

        JsonElement schedule = default;
        if (!body.TryGetProperty("schedule", out schedule) || schedule.ValueKind == JsonValueKind.Null)
        {
            errors.Add("schedule", "is required");
        }
        else if (schedule.ValueKind != JsonValueKind.Object)
        {
            errors.Add("schedule", "must be an object such as {\"type\":\"cron\",\"hour\":3}");
        }

        JsonObject config = [];
        if (body.TryGetProperty("config", out var configElement) && configElement.ValueKind != JsonValueKind.Null)
        {
            if (configElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("config", "must be a JSON object");
            }
            else if (configElement.GetRawText().Length > MaxConfigBytes)
            {
                errors.Add("config", $"must be at most {MaxConfigBytes / 1024} KiB");
            }
            else
            {
                config = JsonNode.Parse(configElement.GetRawText())!.AsObject();
            }
        }

        var options = new JobOptions
        {
            MaxInstances = ReadInt(body, "max_instances", errors, 1, 1, 10_000) ?? 1,
            Coalesce = ReadBool(body, "coalesce", errors) ?? true,
            MisfireGraceTimeSeconds = ReadInt(body, "misfire_grace_time", errors, null, 1, int.MaxValue),
            TimeoutSeconds = ReadNumber(body, "timeout", errors, 0.001, 7 * 24 * 3600),
            Retry = ReadRetry(body, errors),
            Condition = ReadString(body, "condition", errors, required: false),
        };
        if (options.Condition is { Length: 0 })
        {
            options = options with { Condition = null };
        }

        if (jobId is null || taskId is null || schedule.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        return new JobSpec { JobId = jobId, Name = name, TaskId = taskId, Schedule = schedule.Clone(), Config = config, Options = options };
    }

    /// <summary>True for 1–100 characters of <c>A-Za-z0-9_.-</c>.</summary>
    public static bool IsValidJobId(string id) =>
        id.Length is >= 1 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    private static RetryPolicy ReadRetry(JsonElement body, ValidationErrors errors)
    {
        if (!body.TryGetProperty("retry", out var retry) || retry.ValueKind == JsonValueKind.Null)
        {
            return RetryPolicy.None;
        }
        if (retry.ValueKind != JsonValueKind.Object)
        {
            errors.Add("retry", "must be an object such as {\"max_attempts\": 3, \"backoff\": 10, \"max_backoff\": 600}");
            return RetryPolicy.None;
        }
        foreach (var property in retry.EnumerateObject())
        {
            if (property.Name is not ("max_attempts" or "backoff" or "max_backoff"))
            {
                errors.Add("retry." + property.Name, "is not a retry field (known: max_attempts, backoff, max_backoff)");
            }
        }
        var maxAttempts = ReadInt(retry, "max_attempts", errors, 1, 1, 100, "retry.") ?? 1;
        var backoff = ReadNumber(retry, "backoff", errors, 0, 86_400, "retry.") ?? 10;
        var maxBackoff = ReadNumber(retry, "max_backoff", errors, 0, 7 * 86_400, "retry.") ?? 600;
        if (maxBackoff < backoff)
        {
            errors.Add("retry.max_backoff", $"must be at least backoff ({backoff.ToString(CultureInfo.InvariantCulture)})");
        }
        return new RetryPolicy(maxAttempts, backoff, maxBackoff);
    }

    private static string? ReadString(JsonElement obj, string key, ValidationErrors errors, bool required)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(key, "is required");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(key, "must be a string");
            return null;
        }
        return value.GetString();
    }

    private static bool? ReadBool(JsonElement obj, string key, ValidationErrors errors)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(key, "must be true or false");
        return null;
    }

    private static int? ReadInt(JsonElement obj, string key, ValidationErrors errors, int? fallback, int min, int max, string prefix = "")
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            errors.Add(prefix + key, "must be a whole number");
            return fallback;
        }
        if (number < min || number > max)
        {
            errors.Add(prefix + key, max == int.MaxValue ? $"must be at least {min}" : $"must be between {min} and {max}");
            return fallback;
        }
        return (int)number;
    }

    private static double? ReadNumber(JsonElement obj, string key, ValidationErrors errors, double min, double max, string prefix = "")
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(prefix + key, "must be a number of seconds");
            return null;
        }
        var number = value.GetDouble();
        if (number < min || number > max)
        {
            errors.Add(prefix + key, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} seconds");
            return null;
        }
        return number;
    }
}
