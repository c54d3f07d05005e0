using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Conditions.Expressions;
using Kairos.Scheduling;
using Kairos.Storage.Jobs;

namespace Kairos.Engine.Jobs;

/// <summary>Turns a stored job into the engine's <see cref="ScheduledJob"/> (parsing its schedule, options and condition).</summary>
internal static class JobCompiler
{
    private static long s_generation;

    // Options are immutable and most jobs share their options text (the store hands out one string per distinct text),
    // so jobs with the same text share one parsed object. Keyed by the string instance: an entry lives as long as a
    // job still holds that string, so the table never outgrows the jobs.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, JobOptions> s_options = new();

    private static JobOptions ParseOptions(string json) =>
        s_options.TryGetValue(json, out var known) ? known : s_options.GetValue(json, JobOptionsJson.FromJson);

    /// <summary>A generation number no job version had before.</summary>
    public static long NextGeneration() => Interlocked.Increment(ref s_generation);

    public static ScheduledJob Compile(JobRecord record, TimeZoneInfo defaultZone)
    {
        using var scheduleDoc = JsonDocument.Parse(record.ScheduleJson);
        var parsed = ScheduleParser.Parse(scheduleDoc.RootElement, new ScheduleContext(defaultZone, record.CreatedAt), "schedule");
        if (!parsed.IsValid || parsed.Schedule is null)
        {
            throw new InvalidOperationException($"stored schedule of job '{record.JobId}' no longer parses: " +
                string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        var options = ParseOptions(record.OptionsJson);
        ConditionExpression? condition = null;
        if (options.Condition is { } text && !ConditionExpression.TryParse(text, out condition, out var error))
        {
            throw new InvalidOperationException($"stored condition of job '{record.JobId}' no longer parses: {error}");
        }
        ConditionExpression? filter = null;
        if (parsed.Schedule is EventSchedule { Filter: { } filterText } && !ConditionExpression.TryParse(filterText, out filter, out var filterError))
        {
            throw new InvalidOperationException($"stored event filter of job '{record.JobId}' no longer parses: {filterError}");
        }
        return new ScheduledJob
        {
            // The compiled schedule writes the canonical text the job service stores, so the record keeps no copy of
            // it (a text stored in another form, by hand or by an older version, is kept as it is).
            Record = record.WithScheduleTextFrom(parsed.Schedule),
            Schedule = parsed.Schedule,
            Options = options,
            Condition = condition,
            EventFilter = filter,
            Generation = NextGeneration(),
        };
    }
}
