using System.Text.Json.Nodes;
using Kairos.Engine;
using Kairos.Engine.Runs;
using Kairos.Server.Http;
using Kairos.Storage.Runs;

namespace Kairos.Server.Endpoints;

/// <summary><c>/runs</c>: run history with filters and cursor paging, one run with its logs, cancellation.</summary>
public static class RunEndpoints
{
    public static RouteGroupBuilder MapRuns(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/runs", ListRunsAsync);
        api.MapGet("/runs/{runId}", GetRunAsync);
        api.MapPost("/runs/{runId}/cancel", CancelRunAsync);
        return api;
    }

    private static async Task<IResult> ListRunsAsync(HttpRequest request, KairosEngine engine, CancellationToken ct)
    {
        var query = request.Query;
        var errors = new ValidationErrors();
        RunStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (RunStatusNames.TryParse(statusText, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors.Add("status", "must be one of running, succeeded, failed, timed_out, cancelled, interrupted, skipped, missed");
            }
        }
        var since = ReadInstant(query["since"].ToString(), "since", errors);
        var until = ReadInstant(query["until"].ToString(), "until", errors);
        var limit = ReadLimit(query["limit"].ToString(), errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        try
        {
            var page = await engine.Store.Runs.QueryAsync(new RunQuery
            {
                JobId = NullIfEmpty(query["job_id"].ToString()),
                TaskId = NullIfEmpty(query["task_id"].ToString()),
                Status = status,
                Since = since,
                Until = until,
                Limit = limit,
                Cursor = NullIfEmpty(query["cursor"].ToString()),
            }, ct).ConfigureAwait(false);
            return Results.Json(new JsonObject
            {
                ["items"] = new JsonArray(page.Items.Select(r => (JsonNode)RunJson.ToJson(r, withDetail: false)).ToArray()),
                ["next_cursor"] = page.NextCursor,
            });
        }
        catch (FormatException)
        {
            return Problems.Validation("cursor", "is not a cursor returned by this endpoint");
        }
        catch (ArgumentException)
        {
            return Problems.Validation("cursor", "is not a cursor returned by this endpoint");
        }
    }

    private static async Task<IResult> GetRunAsync(string runId, KairosEngine engine, CancellationToken ct) =>
        await engine.Store.Runs.GetAsync(runId, ct).ConfigureAwait(false) is { } run
            ? Results.Json(RunJson.ToJson(run, withDetail: true))
            : Problems.NotFound($"run '{runId}' does not exist");

    private static async Task<IResult> CancelRunAsync(string runId, KairosEngine engine, CancellationToken ct)
    {
        if (engine.Executor.TryCancel(runId))
        {
            return Results.Accepted($"{KairosApi.Prefix}/runs/{runId}", new JsonObject { ["run_id"] = runId, ["status"] = "cancelling" });
        }
        var run = await engine.Store.Runs.GetAsync(runId, ct).ConfigureAwait(false);
        return run is null
            ? Problems.NotFound($"run '{runId}' does not exist")
            : Problems.Conflict($"run '{runId}' has already ended ({RunStatusNames.ToName(run.Status)})");
    }

    internal static DateTimeOffset? ReadInstant(string text, string field, ValidationErrors errors)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (ApiTime.TryParseInstant(text, out var instant))
        {
            return instant;
        }
        errors.Add(field, ApiTime.ExpectedShape);
        return null;
    }

    internal static int ReadLimit(string text, ValidationErrors errors)
    {
        if (text.Length == 0)
        {
            return 100;
        }
        if (int.TryParse(text, out var limit) && limit is >= 1 and <= 1000)
        {
            return limit;
        }
        errors.Add("limit", "must be a whole number between 1 and 1000");
        return 100;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
