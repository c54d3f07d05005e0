using System.Net;
using System.Text.Json;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Plugins;

/// <summary>
/// The sample plugin against the running server, without a restart: copy in → listed → its job runs and its
/// endpoint answers → replace with v2 → v2 runs → delete → gone, endpoint 404, its job waiting.
/// (That the old load context is collected is proven in-process by Kairos.Plugins.Tests with a WeakReference.)
/// </summary>
public sealed class HotPlugWalkTests
{
    private const string Key = "hotplug-admin-key-0123456789";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_plugin_is_installed_upgraded_and_removed_by_its_folder_alone()
    {
        await using var server = await KairosServerProcess.StartAsync(new KairosServerProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["KAIROS_API_KEY"] = Key, ["KAIROS_DEFAULT_JOBS"] = "false" },
        });
        var pluginFolder = Path.Combine(server.DataDirectory, "plugins", "sample");
        var samples = Path.Combine(AppContext.BaseDirectory, "samples-bin");

        CopyFolder(Path.Combine(samples, "v1"), pluginFolder);
        var listed = await WaitForAsync(server, "/api/v1/scheduler/plugins",
            body => body.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("id").GetString() == "sample" && p.GetProperty("state").GetString() == "loaded"));
        var sample = listed.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "sample");
        Assert.Equal("1.0.0", sample.GetProperty("version").GetString());
        Assert.Contains(sample.GetProperty("tasks").EnumerateArray(), t => t.GetString() == "sample_greet");

        var (status, job, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/jobs/sample_hourly_greeting", Key);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("scheduled", job.GetProperty("state").GetString());
        (status, var run, _) = await server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/sample_hourly_greeting/execute?wait=20", Key, "{}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("1.0.0", run.GetProperty("result").GetProperty("version").GetString());
        (status, var version, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/plugins/sample/version", Key);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1.0.0", version.GetProperty("version").GetString());

        // Upgrade in place: new files over the old ones.
        CopyFolder(Path.Combine(samples, "v2"), pluginFolder);
        await WaitForAsync(server, "/api/v1/plugins/sample/version", body => body.GetProperty("version").GetString() == "2.0.0");
        (status, run, _) = await server.CallAsync(HttpMethod.Post, "/api/v1/scheduler/jobs/sample_hourly_greeting/execute?wait=20", Key, "{}");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("2.0.0", run.GetProperty("result").GetProperty("version").GetString());
        (_, var events, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/events?type=plugin.*&subject=sample", Key);
        var types = events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("plugin.loaded", types);
        Assert.Contains("plugin.upgraded", types);

        // Remove the folder: unloaded, endpoint gone, job waiting, history kept.
        Directory.Delete(pluginFolder, recursive: true);
        await WaitForAsync(server, "/api/v1/scheduler/jobs/sample_hourly_greeting", body => body.GetProperty("state").GetString() == "waiting_for_plugin");
        (status, _, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/plugins/sample/version", Key);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (_, var plugins, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/plugins", Key);
        Assert.DoesNotContain(plugins.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "sample" && p.GetProperty("state").GetString() == "loaded");
        (_, var runs, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/runs?job_id=sample_hourly_greeting", Key);
        Assert.Equal(2, runs.GetProperty("items").GetArrayLength());
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Polls an endpoint until its answer satisfies <paramref name="done"/> (the folder is scanned every 2 s).</summary>
    private static async Task<JsonElement> WaitForAsync(KairosServerProcess server, string path, Func<JsonElement, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (status, body, _) = await server.CallAsync(HttpMethod.Get, path, Key);
            if (status == HttpStatusCode.OK && done(body))
            {
                return body;
            }
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"{path} did not reach the expected state within {Deadline}: {status} {body}\n{server.Output}");
            }
            await Task.Delay(100);
        }
    }
}
