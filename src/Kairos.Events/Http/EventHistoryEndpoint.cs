using System.Globalization;
using Kairos.Events.Bus;
using Kairos.Storage.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Kairos.Events.Http;

/// <summary><c>GET events</c> and <c>GET events/{id}</c>.</summary>
internal static class EventHistoryEndpoint
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public static async Task<IResult> ListAsync(HttpContext httpContext, [FromServices] EventBus bus, CancellationToken cancellationToken)
    {
        var query = httpContext.Request.Query;
        Dictionary<string, string[]>? errors = null;

        var type = Single(query, "type", ref errors);
        if (type is not null && !TopicPattern.TryParse(type, out _, out var typeError))
        {
            EventValidator.Add(ref errors, "type", typeError!);
        }
        var since = Instant(query, "since", ref errors);
        var until = Instant(query, "until", ref errors);
        if (since is { } from && until is { } to && to <= from)
        {
            EventValidator.Add(ref errors, "until", "must be later than since");
        }
        var limit = DefaultLimit;
        if (Single(query, "limit", ref errors) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            EventValidator.Add(ref errors, "limit", $"must be between 1 and {MaxLimit}");
        }
        var eventQuery = new EventQuery
        {
            Type = type,
            Source = Single(query, "source", ref errors),
            Subject = Single(query, "subject", ref errors),
            RunId = Single(query, "run_id", ref errors),
            Since = since,
            Until = until,
            Limit = limit,
            Cursor = Single(query, "cursor", ref errors),
        };
        if (errors is not null)
        {
            return Results.ValidationProblem(errors);
        }

        try
        {
            return new CloudEventPageResult(await bus.QueryAsync(eventQuery, cancellationToken));
        }
        catch (Exception ex) when (eventQuery.Cursor is not null && ex is ArgumentException or FormatException)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["cursor"] = ["is not a cursor returned by this endpoint; start again without one"],
            });
        }
    }

    public static async Task<IResult> GetAsync(string id, [FromServices] EventBus bus, CancellationToken cancellationToken)
    {
        var evt = await bus.GetAsync(id, cancellationToken);
        return evt is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found", detail: $"No event has the id '{id}' (it may have been removed by retention).")
            : new CloudEventResult(evt, StatusCodes.Status200OK);
    }

    /// <summary>One value or none; an empty value counts as none.</summary>
    private static string? Single(IQueryCollection query, string name, ref Dictionary<string, string[]>? errors)
    {
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            EventValidator.Add(ref errors, name, "must be given at most once");
            return null;
        }
        return string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, ref Dictionary<string, string[]>? errors)
    {
        if (Single(query, name, ref errors) is not { } text)
        {
            return null;
        }
        if (TryParseIso8601(text, out var value)
            // An unencoded '+' of an offset arrives as a space.
            || (text.Contains(' ', StringComparison.Ordinal) && TryParseIso8601(text.Replace(' ', '+'), out value)))
        {
            return value;
        }
        EventValidator.Add(ref errors, name, "must be an ISO 8601 date-time such as 2025-01-31T08:00:00Z");
        return null;
    }

    private static bool TryParseIso8601(string text, out DateTimeOffset value)
    {
        value = default;
        // The general parser accepts culture formats such as 1/2/2025; insist on the ISO date layout.
        return text.Length >= 10 && text[4] == '-' && text[7] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
