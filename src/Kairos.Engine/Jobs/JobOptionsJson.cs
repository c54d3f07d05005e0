using System.Text.Json.Nodes;

namespace Kairos.Engine.Jobs;

/// <summary>The stored and API form of <see cref="JobOptions"/>: snake_case keys at the job's top level.</summary>
public static class JobOptionsJson
{
    public static JsonObject ToJson(JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["max_instances"] = options.MaxInstances,
            ["coalesce"] = options.Coalesce,
            ["misfire_grace_time"] = options.MisfireGraceTimeSeconds,
            ["timeout"] = options.TimeoutSeconds,
            ["retry"] = new JsonObject
            {
                ["max_attempts"] = options.Retry.MaxAttempts,
                ["backoff"] = options.Retry.BackoffSeconds,
                ["max_backoff"] = options.Retry.MaxBackoffSeconds,
            },
            ["condition"] = options.Condition,
        };
    }

    public static JobOptions FromJson(string json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? [];
        var retry = node["retry"] as JsonObject;
        return new JobOptions
        {
            MaxInstances = node["max_instances"]?.GetValue<int>() ?? 1,
            Coalesce = node["coalesce"]?.GetValue<bool>() ?? true,
            MisfireGraceTimeSeconds = node["misfire_grace_time"]?.GetValue<int?>(),
            TimeoutSeconds = node["timeout"]?.GetValue<double?>(),
            Retry = retry is null
                ? RetryPolicy.None
                : new RetryPolicy(
                    retry["max_attempts"]?.GetValue<int>() ?? 1,
                    retry["backoff"]?.GetValue<double>() ?? 10,
                    retry["max_backoff"]?.GetValue<double>() ?? 600),
            Condition = node["condition"]?.GetValue<string>(),
        };
    }
}
