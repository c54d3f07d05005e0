using System.Text.Json;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Ibkr.Tests.Support;

/// <summary>
/// The portfolio and ibkr plugins loaded as the host loads them (ibkr sees portfolio's exported store) over one real
/// SQLite file, IBKR served by a <see cref="FixtureServer"/> on loopback replaying the fixtures, every log of every
/// category captured at Trace, and the fake clock driven through every wait (<see cref="DrivenClock"/>).
/// </summary>
internal sealed class IbkrPluginHarness : IAsyncDisposable
{
    public const string GatewayPath = "/v1/api";
    public const string FlexPath = "/AccountManagement/FlexWebService";

    private IbkrPluginHarness(PluginTestHost host, LoadedPlugin portfolio, LoadedPlugin ibkr, FixtureServer server, DrivenClock clock)
    {
        Host = host;
        Portfolio = portfolio;
        Ibkr = ibkr;
        Server = server;
        Clock = clock;
    }

    public PluginTestHost Host { get; }

    public LoadedPlugin Portfolio { get; }

    public LoadedPlugin Ibkr { get; }

    public FixtureServer Server { get; }

    public DrivenClock Clock { get; }

    public IPortfolioStore Store => Portfolio.Get<IPortfolioStore>();

    /// <summary>Gateway mode against the fixture server (plain HTTP), or against <paramref name="baseUrl"/>.</summary>
    public static Task<IbkrPluginHarness> GatewayAsync(Action<FixtureServer>? fixtures = null, IDictionary<string, string?>? settings = null) =>
        StartAsync(server => Task.FromResult(Merge(new()
        {
            ["Mode"] = "gateway",
            ["BaseUrl"] = server.BaseUrl + GatewayPath,
        }, settings)), fixtures);

    /// <summary>Flex mode against the fixture server (FlexBaseUrl set) with <see cref="IbkrHarness.FlexToken"/>.</summary>
    public static Task<IbkrPluginHarness> FlexAsync(Action<FixtureServer>? fixtures = null, IDictionary<string, string?>? settings = null) =>
        StartAsync(server => Task.FromResult(Merge(new()
        {
            ["Mode"] = "flex",
            ["FlexBaseUrl"] = server.BaseUrl + FlexPath,
            ["FlexToken"] = IbkrHarness.FlexToken,
            ["FlexQueryId"] = IbkrHarness.QueryId,
        }, settings)), fixtures);

    /// <summary>Starts with the settings <paramref name="settings"/> makes for the fixture server (e.g. after starting a proxy to it).</summary>
    public static async Task<IbkrPluginHarness> StartAsync(Func<FixtureServer, Task<Dictionary<string, string?>>> settings, Action<FixtureServer>? fixtures = null)
    {
        var server = await FixtureServer.StartAsync();
        fixtures?.Invoke(server);
        var host = new PluginTestHost(IbkrHarness.Start);
        var clock = new DrivenClock(host.Time);
        var portfolio = await host.LoadAsync(new PortfolioPlugin());
        var ibkr = await host.LoadAsync(new ClockedPlugin(new IbkrPlugin(), clock), await settings(server), portfolio);
        return new IbkrPluginHarness(host, portfolio, ibkr, server, clock);
    }

    public Task<(TaskResult Result, TestTaskContext Context)> RunAsync(string taskId) => Ibkr.RunAsync(taskId);

    /// <summary>Runs a task and asserts it succeeded (showing its error otherwise).</summary>
    public async Task<(TaskResult Result, TestTaskContext Context)> RunOkAsync(string taskId)
    {
        var run = await RunAsync(taskId);
        Assert.True(run.Result.Succeeded, $"{taskId} failed: {run.Result.ErrorType} {run.Result.Error}\n{string.Join("\n", run.Context.Lines)}");
        return run;
    }

    public IReadOnlyList<KairosEvent> Events(string type) => Host.EventsOfType(type);

    public async Task<IReadOnlyList<PortfolioBalance>> BalancesAsync() =>
        (await Store.GetBalancesAsync("ibkr")).OrderBy(b => b.AccountId, StringComparer.Ordinal).ThenBy(b => b.Asset, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<PortfolioPosition>> PositionsAsync() =>
        (await Store.GetPositionsAsync("ibkr")).OrderBy(p => p.AccountId, StringComparer.Ordinal).ThenBy(p => p.InstrumentId, StringComparer.Ordinal).ToList();

    /// <summary>Every captured log entry, run log line, result and event, as one text (for "the secret is absent").</summary>
    public string EverythingRecorded(params (TaskResult Result, TestTaskContext Context)[] runs) => string.Join("\n",
        new[] { Host.Logs.AllText }
            .Concat(runs.SelectMany(r => r.Context.Lines))
            .Concat(runs.Select(r => $"{r.Result.Error} {r.Result.ErrorType} {r.Result.Data?.ToJsonString()}"))
            .Concat(Host.Events.ToArray().Select(e => JsonSerializer.Serialize(e))));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Clock.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> values, IDictionary<string, string?>? overrides)
    {
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return values;
    }
}
