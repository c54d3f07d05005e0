using System.Text.Json;
using Kairos.Scheduling;
using Kairos.Server.Configuration;
using Kairos.Server.Http;
using Kairos.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server.Endpoints.Schedules;

/// <summary>
/// <c>POST /api/v1/scheduler/schedules/preview</c>: the next fire times of a schedule without creating a job.
/// It changes nothing, so the read key may call it.
/// </summary>
public static class SchedulePreviewEndpoint
{
    public static RouteHandlerBuilder MapSchedulePreview(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost("/schedules/preview", Preview)
            .AllowReadKey()
            .WithName("PreviewSchedule")
            .WithTags("schedules")
            .WithSummary("The next fire times of a schedule")
            .WithDescription("Body: {\"schedule\": {...}, \"from\": ISO 8601 with offset (default now), \"count\": 1-1000 (default 10)}. "
                + "Answers {\"fire_times\": [...]} in the schedule's zone, without jitter.");
    }

    private static Results<Ok<SchedulePreviewResponse>, ValidationProblem, ProblemHttpResult> Preview(
        JsonElement body, KairosServerOptions options, TimeProvider time)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.BadRequest("The body must be a JSON object: {\"schedule\": {...}, \"from\": \"2026-03-08T01:00:00-05:00\", \"count\": 10}.");
        }

        var errors = new ValidationErrors();
        var request = SchedulePreviewRequest.Read(body, time.GetUtcNow(), errors);
        Schedule? schedule = null;
        if (request.Schedule.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            var parsed = ScheduleParser.Parse(request.Schedule, new ScheduleContext(options.SchedulerTimeZone, request.From), "schedule");
            foreach (var (field, messages) in parsed.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }

            schedule = parsed.Schedule;
            if (schedule is { FiresOnEvents: true })
            {
                errors.Add("schedule.type", "cannot be previewed: fires on events");
            }
        }

        if (!errors.IsEmpty || schedule is null)
        {
            return Problems.Validation(errors);
        }

        var fireTimes = SchedulePreview.Compute(schedule, request.From, request.Count);
        return TypedResults.Ok(new SchedulePreviewResponse([.. fireTimes.Select(ApiTime.FormatWithOffset)]));
    }
}
