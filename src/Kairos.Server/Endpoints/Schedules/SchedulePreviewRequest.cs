using System.Text.Json;
using Kairos.Server.Http;

namespace Kairos.Server.Endpoints.Schedules;

/// <summary>
/// The body of <c>POST /schedules/preview</c>: <c>{"schedule": {...}, "from": "…+08:00", "count": 10}</c>, read by hand
/// so that every problem (unknown field, bad <c>from</c>, bad <c>count</c>) is reported under its own name.
/// </summary>
public sealed record SchedulePreviewRequest(JsonElement Schedule, DateTimeOffset From, int Count)
{
    public const int DefaultCount = 10;
    public const int MaxCount = 1000;

    private static readonly string[] s_fields = ["schedule", "from", "count"];

    /// <summary>
    /// Reads the body; <paramref name="now"/> is the default <c>from</c>. Errors go to <paramref name="errors"/>,
    /// and a best-effort request is still returned so the schedule's own errors can be reported alongside.
    /// </summary>
    public static SchedulePreviewRequest Read(JsonElement body, DateTimeOffset now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        JsonElement schedule = default;
        var from = now;
        var count = DefaultCount;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "schedule":
                    schedule = property.Value;
                    break;
                case "from" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "from":
                    if (property.Value.ValueKind != JsonValueKind.String || !ApiTime.TryParseInstant(property.Value.GetString(), out from))
                    {
                        errors.Add("from", ApiTime.ExpectedShape);
                        from = now;
                    }

                    break;
                case "count" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "count":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out count) || count is < 1 or > MaxCount)
                    {
                        errors.Add("count", $"must be a whole number from 1 to {MaxCount}");
                        count = DefaultCount;
                    }

                    break;
                default:
                    errors.Add(property.Name, $"unknown field; allowed: {string.Join(", ", s_fields)}");
                    break;
            }
        }

        if (schedule.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add("schedule", "is required: a cron, interval or date schedule object");
        }

        return new SchedulePreviewRequest(schedule, ApiTime.CeilingToSecond(from), count);
    }
}
