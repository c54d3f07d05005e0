using System.Net;
using System.Text.Json;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Endpoints.Jobs;

/// <summary>
/// Walks the seed's API section against the real server with the seed's own bodies, using the built-in kairos.*
/// tasks and a job whose plugin is absent (allow_missing_task). <see cref="Plugins.FundEndToEndTests"/> walks it
/// again with the real fund_nav_update task against a recorded 'tiantian' source.
/// </summary>
[Collection(KeyedServerCollection.Name)]
public sealed class SeedApiWalkTests(KeyedServerFixture fixture)
{
    private const string Admin = KeyedServerFixture.AdminKey;
    private const string Read = KeyedServerFixture.ReadKey;
    private KairosServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_seed_walk_creates_runs_changes_and_deletes_jobs()
    {
        var (status, body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/status", Read);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("enabled").GetBoolean());
        Assert.Equal("Asia/Shanghai", body.GetProperty("timezone").GetString());

        (status, body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/tasks", Read);
        var taskIds = body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()).ToList();
        Assert.Contains("kairos.noop", taskIds);
        Assert.Contains("kairos.sleep", taskIds);
        Assert.Contains("kairos.fail", taskIds);

        // The seed's job body, for a task whose plugin is not installed.
        const string seedJob = """
            {"job_id":"fund_nav_daily_update","name":"基金净值每日更新","task_id":"absent_plugin_task",
             "schedule":{"type":"cron","hour":15,"minute":30,"second":0},"config":{"update_all":true},"allow_missing_task":true}
            """;
        (status, body, var response) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Admin, seedJob);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("/api/v1/scheduler/jobs/fund_nav_daily_update", response.Headers.Location!.OriginalString);
        Assert.Equal("waiting_for_plugin", body.GetProperty("state").GetString());
        Assert.Equal("基金净值每日更新", body.GetProperty("name").GetString());

        (status, _, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Admin, seedJob);
        Assert.Equal(HttpStatusCode.Conflict, status);
        (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Admin, seedJob.Replace("\"allow_missing_task\":true", "\"allow_missing_task\":true,\"replace_existing\":true", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/fund_nav_daily_update/execute", Admin, "{}");
        Assert.Equal(HttpStatusCode.Conflict, status);

        // A job with a built-in task: scheduled, next_run_time in the job's zone.
        (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Admin,
            """{"job_id":"walk_noop","name":"walk","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"config":{"a":1}}""");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("scheduled", body.GetProperty("state").GetString());
        Assert.EndsWith("T03:00:00+08:00", body.GetProperty("next_run_time").GetString(), StringComparison.Ordinal);

        (status, body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs?state=waiting_for_plugin", Read);
        Assert.Contains(body.GetProperty("items").EnumerateArray(), j => j.GetProperty("job_id").GetString() == "fund_nav_daily_update");
        Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), j => j.GetProperty("job_id").GetString() == "walk_noop");

        // Execute and wait: the whole run comes back.
        (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/walk_noop/execute?wait=20", Admin, """{"a":2}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("succeeded", body.GetProperty("status").GetString());
        Assert.Equal("manual", body.GetProperty("trigger").GetString());
        Assert.Equal(2, body.GetProperty("config").GetProperty("a").GetInt32());
        var firstRunId = body.GetProperty("run_id").GetString()!;

        // The seed posts a task id to /jobs/{id}/execute: an ad-hoc run of the task.
        (status, body, response) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/kairos.sleep/execute", Admin, """{"seconds":60}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var sleepRunId = body.GetProperty("run_id").GetString()!;
        Assert.Equal($"/api/v1/scheduler/runs/{sleepRunId}", response.Headers.Location!.OriginalString);
        await Server.WaitForRunAsync($"task_id=kairos.sleep&status=running", Read, TimeSpan.FromSeconds(20));
        (status, _, _) = await Server.CallAsync(HttpMethod.Post, $"/api/v1/scheduler/runs/{sleepRunId}/cancel", Admin);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var cancelled = await Server.WaitForRunEndAsync(sleepRunId, Read, TimeSpan.FromSeconds(20));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("job_id").ValueKind);
        Assert.Contains(cancelled.GetProperty("logs").EnumerateArray(), l => l.GetProperty("message").GetString()!.Contains("sleeping", StringComparison.Ordinal));
        (status, _, _) = await Server.CallAsync(HttpMethod.Post, $"/api/v1/scheduler/runs/{sleepRunId}/cancel", Admin);
        Assert.Equal(HttpStatusCode.Conflict, status);

        // Pause and resume are idempotent.
        for (var i = 0; i < 2; i++)
        {
            (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/walk_noop/pause", Admin);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("paused", body.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("next_run_time").ValueKind);
        }
        (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/walk_noop/resume", Admin);
        Assert.Equal("scheduled", body.GetProperty("state").GetString());
        (status, body, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/walk_noop/resume", Admin);
        Assert.Equal(HttpStatusCode.OK, status);

        // Runtime modification: PATCH merges, PUT replaces.
        (status, body, _) = await Server.CallAsync(HttpMethod.Patch, "/api/v1/scheduler/jobs/walk_noop", Admin, """{"name":"renamed","schedule":{"type":"interval","hours":2}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("renamed", body.GetProperty("name").GetString());
        Assert.Equal("interval", body.GetProperty("schedule").GetProperty("type").GetString());
        Assert.Equal(1, body.GetProperty("config").GetProperty("a").GetInt32());
        (status, body, _) = await Server.CallAsync(HttpMethod.Put, "/api/v1/scheduler/jobs/walk_noop", Admin,
            """{"name":"replaced","task_id":"kairos.noop","schedule":{"type":"cron","day_of_week":"mon-fri","hour":9},"max_instances":2}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("max_instances").GetInt32());
        Assert.Empty(body.GetProperty("config").EnumerateObject());
        (status, body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs/walk_noop", Read);
        Assert.Equal("replaced", body.GetProperty("name").GetString());
        Assert.Equal(firstRunId, body.GetProperty("last_run").GetProperty("run_id").GetString());

        // The list writes each job from cached bytes: member for member what GET of the one job answers, also
        // for a job with a last run and for one with non-ASCII text.
        var single = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText());
        (status, var listed, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs", Read);
        var fromList = listed.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("job_id").GetString() == "walk_noop");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(single, System.Text.Json.Nodes.JsonNode.Parse(fromList.GetRawText())), fromList.GetRawText());
        Assert.Equal(single!.AsObject().Select(p => p.Key), System.Text.Json.Nodes.JsonNode.Parse(fromList.GetRawText())!.AsObject().Select(p => p.Key));
        (_, var waiting, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs/fund_nav_daily_update", Read);
        var waitingListed = listed.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("job_id").GetString() == "fund_nav_daily_update");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(waiting.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(waitingListed.GetRawText())));
        Assert.Equal("基金净值每日更新", waitingListed.GetProperty("name").GetString());

        // History.
        (status, body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/runs?job_id=walk_noop&status=succeeded", Read);
        Assert.Equal(firstRunId, body.GetProperty("items")[0].GetProperty("run_id").GetString());
        (status, body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/events?type=job.*&subject=walk_noop", Read);
        var types = body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("job.added", types);
        Assert.Contains("job.paused", types);
        Assert.Contains("job.modified", types);

        // Delete.
        (status, _, _) = await Server.CallAsync(HttpMethod.Delete, "/api/v1/scheduler/jobs/walk_noop", Admin);
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, _, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs/walk_noop", Read);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _, _) = await Server.CallAsync(HttpMethod.Delete, "/api/v1/scheduler/jobs/walk_noop", Admin);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, body, _) = await Server.CallAsync(HttpMethod.Get, $"/api/v1/scheduler/runs/{firstRunId}", Read);
        Assert.Equal(HttpStatusCode.OK, status); // history outlives the job

        // Counters moved.
        var metrics = await (await Server.SendAsync(HttpMethod.Get, "/metrics", Read)).Content.ReadAsStringAsync();
        var succeeded = metrics.Split('\n').Single(l => l.StartsWith("kairos_run_records_total{status=\"succeeded\"}", StringComparison.Ordinal));
        Assert.True(double.Parse(succeeded.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("kairos_scheduling_lag_seconds_bucket", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop","schedule":{"type":"cron","hour":25}}""", "schedule.hour")]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"colour":"red"}""", "colour")]
    [InlineData("""{"job_id":"bad id!","task_id":"kairos.noop","schedule":{"type":"cron","hour":3}}""", "job_id")]
    [InlineData("""{"job_id":"x","task_id":"no.such.task","schedule":{"type":"cron","hour":3}}""", "task_id")]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"condition":"hour >= (9"}""", "condition")]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"max_instances":0}""", "max_instances")]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"retry":{"max_attempts":"3"}}""", "retry.max_attempts")]
    [InlineData("""{"job_id":"x","task_id":"kairos.sleep","schedule":{"type":"cron","hour":3},"config":{"seconds":"soon"}}""", "config.seconds")]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop","schedule":{"type":"interval"}}""", "schedule")]
    [InlineData("""{"job_id":"x","task_id":"kairos.noop"}""", "schedule")]
    [InlineData("""[1,2]""", "body")]
    public async Task A_bad_job_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var (status, json, response) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Admin, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = json.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => e.Name == field || e.Name.StartsWith(field + ".", StringComparison.Ordinal)), $"expected an error for {field}: {json}");
        (status, _, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs/x", Read);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Malformed_json_and_bad_queries_are_problem_details()
    {
        var (status, _, response) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Admin, "{\"job_id\":");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        (status, var body, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/runs?limit=5000&status=sleeping&since=yesterday", Read);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("limit", out _));
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("since", out _));
        (status, _, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/kairos.noop/execute?wait=301", Admin, "{}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _, _) = await Server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/runs/nope", Read);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/nope/pause", Admin);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _, _) = await Server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Read, "{}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
