using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// Request validation for the API: returns null when the text is acceptable, otherwise a message for a
/// 400 response, meant to follow the field name: <c>condition: does not parse: invalid token in
/// expression at column 7 (at ')')</c> or <c>schedule.filter: unknown name 'fund_code'; known names: …</c>.
/// </summary>
public static class ConditionValidation
{
    /// <summary>Validates a job's <c>condition</c>; null (no condition) is valid.</summary>
    /// <param name="text">The condition, or null.</param>
    /// <param name="eventTriggered">True for a job with an event schedule: only then may the condition read <c>event.*</c>.</param>
    /// <param name="calendar">When given, markets named literally in <c>is_trading_day</c> must be known to it.</param>
    public static string? ValidateCondition(string? text, bool eventTriggered = false, ITradingCalendar? calendar = null)
    {
        if (text is null)
        {
            return null;
        }

        if (!ConditionExpression.TryParse(text, out var expression, out var error))
        {
            return error;
        }

        if (expression.UsesEvent && !eventTriggered)
        {
            return "reads event.*, which only a job with an event schedule has; put event conditions in schedule.filter";
        }

        return CheckMarkets(expression, calendar);
    }

    /// <summary>Validates an event schedule's <c>filter</c>; null (every event of the type) is valid.</summary>
    /// <param name="text">The filter, or null.</param>
    /// <param name="calendar">When given, markets named literally in <c>is_trading_day</c> must be known to it.</param>
    public static string? ValidateFilter(string? text, ITradingCalendar? calendar = null)
    {
        if (text is null)
        {
            return null;
        }

        return ConditionExpression.TryParse(text, out var expression, out var error)
            ? CheckMarkets(expression, calendar)
            : error;
    }

    private static string? CheckMarkets(ConditionExpression expression, ITradingCalendar? calendar)
    {
        if (calendar is null)
        {
            return null;
        }

        var known = new HashSet<string>(calendar.Markets, StringComparer.OrdinalIgnoreCase);
        var unknown = expression.ReferencedMarkets.FirstOrDefault(m => !known.Contains(m));
        return unknown is null
            ? null
            : $"unknown market '{unknown}' in is_trading_day; known markets: {(known.Count == 0 ? "none" : string.Join(", ", calendar.Markets))}";
    }
}
