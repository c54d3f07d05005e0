using System.Text.Json.Nodes;
using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// Everything a condition can see when it is evaluated. The engine builds one per evaluation; nothing in
/// it is fetched during evaluation (last statuses are prefetched from
/// <see cref="ConditionExpression.ReferencedJobIds"/>), so evaluation does no I/O.
/// </summary>
public sealed class ConditionScope
{
    private static readonly IReadOnlyDictionary<string, string?> NoStatuses = new Dictionary<string, string?>();

    /// <summary>The fire time, already converted to the job's time zone; <c>now</c>, <c>today</c>, <c>hour</c>… read its clock time.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The calendars behind <c>is_trading_day</c>.</summary>
    public required ITradingCalendar Calendar { get; init; }

    /// <summary>The job's config, read by <c>config.&lt;key&gt;</c>. Not modified; do not modify it during evaluation.</summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>
    /// Job id to the lower-case status of its latest run (<c>succeeded</c>, <c>failed</c>…), or null when the
    /// job never ran. Must hold every id of <see cref="ConditionExpression.ReferencedJobIds"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> LastStatuses { get; init; } = NoStatuses;

    /// <summary>The event that triggered the run, for event filters and event-triggered jobs; null otherwise.</summary>
    public EventScope? Event { get; init; }
}
