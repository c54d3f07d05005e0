using System.Net;
using System.Text.Json;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Hosting;

/// <summary>Default jobs, SIGTERM during a run, and a crash (SIGKILL) mid-run, each with real server processes.</summary>
public sealed class LifecycleProcessTests
{
    private const string Key = "lifecycle-admin-key-0123456789";

    private static KairosServerProcessOptions Options(string dataDirectory, bool defaultJobs = false, string shutdownTimeout = "30") => new()
    {
        DataDirectory = dataDirectory,
        Environment = new Dictionary<string, string?>
        {
            ["KAIROS_API_KEY"] = Key,
            ["KAIROS_DEFAULT_JOBS"] = defaultJobs ? "true" : "false",
            ["KAIROS_SHUTDOWN_TIMEOUT"] = shutdownTimeout,
            ["KAIROS_NODE_ID"] = "node-" + Guid.NewGuid().ToString("N")[..6],
        },
    };

    [Fact]
    public async Task Default_jobs_are_created_once_kept_after_a_change_and_not_recreated_after_delete()
    {
        var data = Directory.CreateTempSubdirectory("kairos-defaults-").FullName;
        try
        {
            await using (var first = await KairosServerProcess.StartAsync(Options(data, defaultJobs: true)))
            {
                var (_, body, _) = await first.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs", Key);
                // Plugin-owned jobs (fund_*) are seeded the same way; this test is about the host's defaults.
                var ids = body.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("job_id").GetString()!).Where(id => id.StartsWith("default_", StringComparison.Ordinal)).ToList();
                Assert.Equal(
                    ["default_data_cleanup", "default_fund_nav_update", "default_ibkr_balance_sync", "default_okx_balance_sync", "default_report_generation", "default_wise_balance_sync"],
                    ids);
                var nav = body.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("job_id").GetString() == "default_fund_nav_update");
                Assert.Equal("fund_nav_update", nav.GetProperty("task_id").GetString());
                Assert.Equal(15, nav.GetProperty("schedule").GetProperty("hour").GetInt32());
                Assert.Equal("Asia/Shanghai", nav.GetProperty("schedule").GetProperty("timezone").GetString());

                var (status, _, _) = await first.CallAsync(HttpMethod.Patch, "/api/v1/scheduler/jobs/default_okx_balance_sync", Key, """{"name":"mine now"}""");
                Assert.Equal(HttpStatusCode.OK, status);
                (status, _, _) = await first.CallAsync(HttpMethod.Delete, "/api/v1/scheduler/jobs/default_report_generation", Key);
                Assert.Equal(HttpStatusCode.NoContent, status);
                Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(30)));
            }

            await using var second = await KairosServerProcess.StartAsync(Options(data, defaultJobs: true));
            var (_, after, _) = await second.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs", Key);
            var jobs = after.GetProperty("items").EnumerateArray().Where(j => j.GetProperty("job_id").GetString()!.StartsWith("default_", StringComparison.Ordinal)).ToList();
            Assert.Equal(5, jobs.Count);
            Assert.DoesNotContain(jobs, j => j.GetProperty("job_id").GetString() == "default_report_generation");
            Assert.Equal("mine now", jobs.Single(j => j.GetProperty("job_id").GetString() == "default_okx_balance_sync").GetProperty("name").GetString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_during_a_run_waits_up_to_the_shutdown_timeout_then_records_it_interrupted()
    {
        var data = Directory.CreateTempSubdirectory("kairos-sigterm-").FullName;
        try
        {
            string runId;
            await using (var server = await KairosServerProcess.StartAsync(Options(data, shutdownTimeout: "1")))
            {
                var (status, body, _) = await server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/kairos.sleep/execute", Key, """{"seconds":600}""");
                Assert.Equal(HttpStatusCode.Accepted, status);
                runId = body.GetProperty("run_id").GetString()!;
                await server.WaitForRunAsync("status=running&task_id=kairos.sleep", Key, TimeSpan.FromSeconds(20));
                Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(30)));
            }
            await using var restarted = await KairosServerProcess.StartAsync(Options(data));
            var (_, run, _) = await restarted.CallAsync(HttpMethod.Get, $"/api/v1/scheduler/runs/{runId}", Key);
            Assert.Equal("interrupted", run.GetProperty("status").GetString());
            Assert.Contains("shutdown", run.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_process_killed_mid_run_leaves_a_run_that_the_next_start_records_as_interrupted_and_retries()
    {
        var data = Directory.CreateTempSubdirectory("kairos-crash-").FullName;
        try
        {
            await using (var server = await KairosServerProcess.StartAsync(Options(data)))
            {
                var (status, _, _) = await server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs", Key,
                    """{"job_id":"crashy","task_id":"kairos.sleep","schedule":{"type":"cron","hour":3},"config":{"seconds":1},"retry":{"max_attempts":2,"backoff":0,"max_backoff":0}}""");
                Assert.Equal(HttpStatusCode.Created, status);
                (status, _, _) = await server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/crashy/execute", Key, """{"seconds":600}""");
                Assert.Equal(HttpStatusCode.Accepted, status);
                await server.WaitForRunAsync("status=running&job_id=crashy", Key, TimeSpan.FromSeconds(20));
                server.KillHard(); // SIGKILL: no shutdown code runs
            }

            await using var restarted = await KairosServerProcess.StartAsync(Options(data));
            var (_, runs, _) = await restarted.CallAsync(HttpMethod.Get, "/api/v1/scheduler/runs?job_id=crashy&status=interrupted", Key);
            var interrupted = Assert.Single(runs.GetProperty("items").EnumerateArray());
            Assert.Contains("ended while it ran", interrupted.GetProperty("reason").GetString(), StringComparison.Ordinal);
            // The retry runs with the interrupted run's config (600 s), so it is seen running.
            var retry = await restarted.WaitForRunAsync("job_id=crashy&status=running", Key, TimeSpan.FromSeconds(20));
            Assert.Equal("retry", retry.GetProperty("trigger").GetString());
            Assert.Equal(2, retry.GetProperty("attempt").GetInt32());
            Assert.Equal(interrupted.GetProperty("run_id").GetString(), retry.GetProperty("retry_of").GetString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
