using System.Diagnostics.CodeAnalysis;

namespace Kairos.Scheduling;

/// <summary>The outcome of <see cref="ScheduleParser.Parse"/>: a schedule, or the errors keyed by JSON path.</summary>
public sealed class ScheduleParseResult
{
    internal ScheduleParseResult(Schedule? schedule, IReadOnlyDictionary<string, string[]> errors)
    {
        Schedule = errors.Count == 0 ? schedule : null;
        Errors = errors;
    }

    /// <summary>The validated schedule; null when there are errors.</summary>
    public Schedule? Schedule { get; }

    /// <summary>
    /// Messages per field, keyed like ASP.NET's validation problem details: <c>{"schedule.hour": ["25 is outside 0–23"]}</c>.
    /// Empty when the schedule is valid.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>True when the schedule parsed without errors.</summary>
    [MemberNotNullWhen(true, nameof(Schedule))]
    public bool IsValid => Schedule is not null;
}
