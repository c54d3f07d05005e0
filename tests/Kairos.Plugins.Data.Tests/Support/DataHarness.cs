using System.Text.Json.Nodes;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Data.Tests.Support;

/// <summary>
/// The portfolio and data plugins loaded as the host loads them (data sees portfolio's exported store), over one real
/// SQLite file that also holds the Kairos store's own tables (jobs, runs, events), as in the server; the data plugin's
/// <see cref="IHostMaintenance"/> is a real implementation over that store; the clock is fake.
/// </summary>
internal sealed class DataHarness : IAsyncDisposable
{
    private DataHarness(PluginTestHost host, SqliteKairosStore store, StoreHostMaintenance maintenance, LoadedPlugin portfolio, LoadedPlugin data)
    {
        Host = host;
        Store = store;
        Maintenance = maintenance;
        Portfolio = portfolio;
        Data = data;
    }

    public PluginTestHost Host { get; }

    public SqliteKairosStore Store { get; }

    public StoreHostMaintenance Maintenance { get; }

    public LoadedPlugin Portfolio { get; }

    public LoadedPlugin Data { get; }

    public IPortfolioStore PortfolioStore => Portfolio.Get<IPortfolioStore>();

    public string DataDirectory => Host.Folder;

    /// <summary>A Beijing wall-clock time as an instant.</summary>
    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 10, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(8));

    /// <param name="now">The fake clock's start.</param>
    /// <param name="dataSettings">The data plugin's settings.</param>
    /// <param name="portfolioSettings">The portfolio plugin's settings.</param>
    /// <param name="wrapMaintenance">Wraps the host maintenance the data plugin gets (to observe it).</param>
    public static async Task<DataHarness> StartAsync(DateTimeOffset now, IDictionary<string, string?>? dataSettings = null, IDictionary<string, string?>? portfolioSettings = null,
        Func<IHostMaintenance, IHostMaintenance>? wrapMaintenance = null)
    {
        var host = new PluginTestHost(now);
        // The Kairos schema first, as the server does: its first migration switches auto_vacuum to INCREMENTAL, which
        // SQLite only allows before any table exists.
        var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = host.Folder, Time = host.Time });
        await store.InitializeAsync();
        var maintenance = new StoreHostMaintenance(store, host.Folder);
        var portfolio = await host.LoadAsync(new PortfolioPlugin(), portfolioSettings);
        var data = await host.LoadAsync(new WithHostServices(new DataPlugin(), s => s.AddSingleton(wrapMaintenance?.Invoke(maintenance) ?? maintenance)), dataSettings, portfolio);
        return new DataHarness(host, store, maintenance, portfolio, data);
    }

    public void SetTime(DateTimeOffset now) => Host.Time.SetUtcNow(now);

    public Task<(TaskResult Result, TestTaskContext Context)> RunAsync(string taskId, JsonObject? config = null, bool validate = true) =>
        Data.RunAsync(taskId, config, validate: validate);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Host.DisposeAsync();
    }
}
