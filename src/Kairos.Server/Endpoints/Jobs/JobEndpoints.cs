using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Engine;
using Kairos.Engine.Jobs;
using Kairos.Server.Http;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Server.Endpoints;

/// <summary><c>/jobs</c>: create, read, change, pause, resume, delete and execute jobs.</summary>
public static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/jobs", ListJobs);
        api.MapPost("/jobs", CreateJobAsync);
        api.MapGet("/jobs/{id}", GetJob);
        api.MapPut("/jobs/{id}", ReplaceJobAsync);
        api.MapPatch("/jobs/{id}", PatchJobAsync);
        api.MapDelete("/jobs/{id}", DeleteJobAsync);
        api.MapPost("/jobs/{id}/pause", (string id, JobService jobs, CancellationToken ct) => ChangeAsync(jobs.PauseAsync(id, ct)));
        api.MapPost("/jobs/{id}/resume", (string id, JobService jobs, CancellationToken ct) => ChangeAsync(jobs.ResumeAsync(id, ct)));
        api.MapPost("/jobs/{id}/execute", ExecuteAsync);
        return api;
    }

    private static IResult ListJobs(string? task_id, string? state, JobService jobs)
    {
        // Written straight to the response from each job's cached definition: lists of thousands of jobs stay cheap.
        JobState? filter = null;
        if (state is not null)
        {
            if (!JobStateNames.TryParse(state, out var parsed))
            {
                return Problems.Validation("state", "must be one of scheduled, paused, waiting_for_plugin, finished");
            }
            filter = parsed;
        }
        var list = jobs.List(task_id, filter);
        return Results.Stream(async body =>
        {
            await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var job in list)
            {
                JobJsonView.Write(writer, job);
                if (writer.BytesPending > 16 * 1024)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                }
            }
            writer.WriteEndArray();
            writer.WriteNull("next_cursor");
            writer.WriteEndObject();
            await writer.FlushAsync().ConfigureAwait(false);
        }, "application/json; charset=utf-8");
    }

    private static IResult GetJob(string id, JobService jobs) =>
        jobs.Get(id) is { } job ? Results.Json(JobJsonView.ToJson(job)) : Problems.NotFound($"job '{id}' does not exist");

    private static async Task<IResult> CreateJobAsync(HttpRequest request, JobService jobs, CancellationToken ct)
    {
        var (document, error) = await RequestBody.ReadAsync(request, null, ct).ConfigureAwait(false);
        if (document is null)
        {
            return Problems.Validation("body", error!);
        }
        using (document)
        {
            var body = document.RootElement;
            var errors = new ValidationErrors();
            var spec = JobSpecParser.Parse(body, errors);
            var replace = ReadFlag(body, "replace_existing", errors);
            var allowMissing = ReadFlag(body, "allow_missing_task", errors);
            if (!errors.IsEmpty || spec is null)
            {
                return Problems.Validation(errors);
            }
            try
            {
                var result = await jobs.CreateAsync(spec, replace, allowMissing, ct).ConfigureAwait(false);
                return result.Outcome switch
                {
                    JobChangeOutcome.Conflict => Problems.Conflict(result.Message!),
                    _ => result.Created
                        ? Results.Created($"{KairosApi.Prefix}/jobs/{Uri.EscapeDataString(spec.JobId)}", JobJsonView.ToJson(result.Job!))
                        : Results.Json(JobJsonView.ToJson(result.Job!)),
                };
            }
            catch (JobValidationException ex)
            {
                return Problems.Validation(ex.Errors.ToDictionary());
            }
        }
    }

    private static async Task<IResult> ReplaceJobAsync(string id, HttpRequest request, JobService jobs, CancellationToken ct)
    {
        var (document, error) = await RequestBody.ReadAsync(request, null, ct).ConfigureAwait(false);
        if (document is null)
        {
            return Problems.Validation("body", error!);
        }
        using (document)
        {
            var errors = new ValidationErrors();
            var spec = JobSpecParser.Parse(document.RootElement, errors, id);
            var allowMissing = ReadFlag(document.RootElement, "allow_missing_task", errors);
            if (!errors.IsEmpty || spec is null)
            {
                return Problems.Validation(errors);
            }
            try
            {
                return await ChangeAsync(jobs.ReplaceAsync(spec, allowMissing, ct)).ConfigureAwait(false);
            }
            catch (JobValidationException ex)
            {
                return Problems.Validation(ex.Errors.ToDictionary());
            }
        }
    }

    private static async Task<IResult> PatchJobAsync(string id, HttpRequest request, JobService jobs, CancellationToken ct)
    {
        var (document, error) = await RequestBody.ReadAsync(request, null, ct).ConfigureAwait(false);
        if (document is null)
        {
            return Problems.Validation("body", error!);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.Validation("body", "must be a JSON object (a merge patch)");
            }
            if (document.RootElement.TryGetProperty("job_id", out var patchedId) && patchedId.ValueKind == JsonValueKind.String && patchedId.GetString() != id)
            {
                return Problems.Validation("job_id", "cannot be changed; create a new job instead");
            }
            try
            {
                return await ChangeAsync(jobs.PatchAsync(id, JsonNode.Parse(document.RootElement.GetRawText())!.AsObject(), ct)).ConfigureAwait(false);
            }
            catch (JobValidationException ex)
            {
                return Problems.Validation(ex.Errors.ToDictionary());
            }
        }
    }

    private static async Task<IResult> DeleteJobAsync(string id, JobService jobs, CancellationToken ct) =>
        await jobs.DeleteAsync(id, ct).ConfigureAwait(false) ? Results.NoContent() : Problems.NotFound($"job '{id}' does not exist");

    private static async Task<IResult> ChangeAsync(Task<JobChangeResult> change)
    {
        var result = await change.ConfigureAwait(false);
        return result.Outcome switch
        {
            JobChangeOutcome.NotFound => Problems.NotFound(result.Message!),
            JobChangeOutcome.Conflict => Problems.Conflict(result.Message!),
            _ => Results.Json(JobJsonView.ToJson(result.Job!)),
        };
    }

    private static async Task<IResult> ExecuteAsync(string id, int? wait, HttpRequest request, JobService jobs, KairosEngine engine, CancellationToken ct)
    {
        if (wait is < 0 or > 300)
        {
            return Problems.Validation("wait", "must be between 0 and 300 seconds");
        }
        var (document, error) = await RequestBody.ReadAsync(request, "{}", ct).ConfigureAwait(false);
        if (document is null)
        {
            return Problems.Validation("body", error!);
        }
        JsonObject overrides;
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.Validation("body", "must be a JSON object of config overrides");
            }
            overrides = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
        }

        ExecuteResult result;
        try
        {
            result = jobs.Execute(id, overrides);
        }
        catch (JobValidationException ex)
        {
            return Problems.Validation(ex.Errors.ToDictionary());
        }
        if (result.Outcome == ExecuteOutcome.NotFound)
        {
            return Problems.NotFound(result.Message!);
        }
        if (result.Outcome == ExecuteOutcome.Conflict)
        {
            return Problems.Conflict(result.Message!);
        }

        var runId = result.RunId!;
        var location = $"{KairosApi.Prefix}/runs/{runId}";
        if (wait is > 0)
        {
            var finished = await WaitForRunAsync(engine, runId, TimeSpan.FromSeconds(wait.Value), ct).ConfigureAwait(false);
            if (finished is not null)
            {
                return Results.Json(RunJson.ToJson(finished, withDetail: true));
            }
        }
        return Results.Accepted(location, new JsonObject { ["run_id"] = runId, ["status"] = "running" });
    }

    private static async Task<RunRecord?> WaitForRunAsync(KairosEngine engine, string runId, TimeSpan timeout, CancellationToken ct)
    {
        var waiter = engine.Waiters.WaitFor(runId);
        try
        {
            // The run may have been committed before the waiter existed: the store has it then.
            if (await engine.Store.Runs.GetAsync(runId, ct).ConfigureAwait(false) is { Status: not RunStatus.Running } done)
            {
                return done;
            }
            using var timeoutCts = new CancellationTokenSource(timeout, engine.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
            await waiter.WaitAsync(linked.Token).ConfigureAwait(false);
            return await engine.Store.Runs.GetAsync(runId, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            engine.Waiters.Forget(runId);
        }
    }

    private static bool ReadFlag(JsonElement body, string name, ValidationErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(name, "must be true or false");
        return false;
    }
}
