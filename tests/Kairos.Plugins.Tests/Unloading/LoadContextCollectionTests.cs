using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Unloading;

/// <summary>
/// The proof that the host keeps no plugin type: after an unload (or an upgrade) the old collectible load
/// context is really collected, even after its task ran, its events were published and handled and its
/// endpoints (Minimal API handlers over its own types) answered through the running server.
/// </summary>
public sealed class LoadContextCollectionTests
{
    private const int MaxCollections = 30;

    [Fact]
    public async Task Deleting_a_plugin_that_was_used_lets_its_load_context_be_collected()
    {
        await using var h = PluginHarness.Create(settings: new Dictionary<string, string?> { ["Plugins:sample:Greeting"] = "Hi" });
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);
        await UseTheSampleAsync(h, server);

        Assert.True(await h.Manager.DeleteAsync("sample"));

        using var gone = await server.Client.GetAsync(new Uri("/api/v1/plugins/sample/version", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(h.Host.HasTask("sample_greet"));
        Assert.Equal(0, h.Host.SubscriptionCount);
        Assert.Null(h.Manager.Get("sample"));
        Assert.False(Directory.Exists(Path.Combine(h.Plugins, "sample")));
        Assert.True(Collected(h.Manager.GetUnloadedContext("sample")!), "the unloaded plugin's load context is still alive: something keeps a plugin type");
    }

    [Fact]
    public async Task After_an_upgrade_the_old_version_is_collected_while_the_new_one_runs()
    {
        await using var h = PluginHarness.Create();
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);
        await UseTheSampleAsync(h, server);

        h.CopySample(2);
        await h.Manager.ScanAsync();
        await UseTheSampleAsync(h, server);

        Assert.Equal("2.0.0", h.Info("sample").Version);
        Assert.True(Collected(h.Manager.GetUnloadedContext("sample")!), "version 1's load context is still alive after the upgrade");
    }

    private static async Task UseTheSampleAsync(PluginHarness h, PluginApiServer server)
    {
        var result = await h.Host.RunAsync("sample_greet", new JsonObject { ["name"] = "Ada" });
        Assert.True(result.Succeeded, result.Error);
        foreach (var path in new[] { "version", "hello/Bob", "greetings/count", "greetings/stored" })
        {
            await server.GetJsonAsync("/api/v1/plugins/sample/" + path);
        }
    }

    /// <summary>
    /// Collects until the context is gone, at most <see cref="MaxCollections"/> times. Between rounds, work items
    /// already queued on the thread pool (e.g. the DI container compiling a resolver in the background) get to
    /// finish: they hold plugin objects for a moment, which delays the collection but is no leak.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Collected(WeakReference context)
    {
        for (var i = 0; i < MaxCollections && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (context.IsAlive)
            {
                SpinWait.SpinUntil(() => ThreadPool.PendingWorkItemCount == 0, TimeSpan.FromMilliseconds(200));
            }
        }
        return !context.IsAlive;
    }
}
