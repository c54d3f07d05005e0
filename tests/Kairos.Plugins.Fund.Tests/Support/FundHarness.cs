using System.Text.Json.Nodes;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Fund.Tests.Support;

/// <summary>
/// The portfolio and fund plugins loaded as the host loads them (fund sees portfolio's exported store), over one real
/// SQLite file, with the 'tiantian' source served by a <see cref="FakeTiantian"/> on loopback and a fake clock.
/// </summary>
internal sealed class FundHarness : IAsyncDisposable
{
    private FundHarness(PluginTestHost host, LoadedPlugin portfolio, LoadedPlugin fund, FixtureServer server, FakeTiantian source)
    {
        Host = host;
        Portfolio = portfolio;
        Fund = fund;
        Server = server;
        Source = source;
    }

    public PluginTestHost Host { get; }

    public LoadedPlugin Portfolio { get; }

    public LoadedPlugin Fund { get; }

    public FixtureServer Server { get; }

    public FakeTiantian Source { get; }

    public IPortfolioStore PortfolioStore => Portfolio.Get<IPortfolioStore>();

    internal FundStore Store => new(Fund.Get<IPluginDatabase>());

    /// <summary>A Beijing time as an instant.</summary>
    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 10, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(8));

    public static async Task<FundHarness> StartAsync(DateTimeOffset now, IDictionary<string, string?>? fundSettings = null)
    {
        var server = await FixtureServer.StartAsync();
        var source = FakeTiantian.Start(server);
        var host = new PluginTestHost(now);
        var portfolio = await host.LoadAsync(new PortfolioPlugin());
        var settings = new Dictionary<string, string?>
        {
            ["EstimateBaseUrl"] = server.BaseUrl,
            ["HistoryBaseUrl"] = server.BaseUrl,
            ["RequestIntervalMilliseconds"] = "0",
            ["RequestJitterMilliseconds"] = "0",
            ["HistoryPageSize"] = "20",
        };
        foreach (var (key, value) in fundSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var fund = await host.LoadAsync(new FundPlugin(), settings, portfolio);
        return new FundHarness(host, portfolio, fund, server, source);
    }

    /// <summary>The stored NAVs of a fund as "date nav" text, exactly as stored.</summary>
    public async Task<List<string>> QueryNavsAsync(string code)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(SqliteTestDatabase.ConnectionString(Host.DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT nav_date || ' ' || unit_nav FROM fund_navs WHERE code = $code ORDER BY nav_date";
        command.Parameters.AddWithValue("$code", code);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    public void SetTime(DateTimeOffset now) => Host.Time.SetUtcNow(now);

    public Task<(TaskResult Result, TestTaskContext Context)> RunAsync(string taskId, JsonObject? config = null) => Fund.RunAsync(taskId, config);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }
}
