using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Okx.Sync;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Plugins.Sync.Testing;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Kairos.Testing.Http;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Okx.Tests.Support;

/// <summary>
/// The portfolio and okx plugins loaded as the host loads them (okx sees portfolio's exported store; its HTTP client
/// runs the host's pipeline over the signing handler) over one real SQLite file, with OKX played by a
/// <see cref="FakeOkx"/> that verifies every signature, and every log of every category captured at Trace.
/// </summary>
internal sealed class OkxPluginHarness : IAsyncDisposable
{
    /// <summary>2024-06-03T08:00:00Z, shortly after the fixtures' data.</summary>
    public static readonly DateTimeOffset Start = new(2024, 6, 3, 8, 0, 0, TimeSpan.Zero);

    private readonly List<(TaskResult Result, TestTaskContext Context)> _runs = [];

    private OkxPluginHarness(PluginTestHost host, DrivenClock clock, LoadedPlugin portfolio, LoadedPlugin okx, FakeOkx server)
    {
        Host = host;
        Clock = clock;
        Portfolio = portfolio;
        Okx = okx;
        Server = server;
    }

    public PluginTestHost Host { get; }

    public DrivenClock Clock { get; }

    public LoadedPlugin Portfolio { get; }

    public LoadedPlugin Okx { get; }

    public FakeOkx Server { get; }

    public IPortfolioStore Store => Portfolio.Get<IPortfolioStore>();

    /// <summary>Starts OKX's stand-in and the two plugins; <paramref name="settings"/> edits the okx settings (credentials and base URL set).</summary>
    public static async Task<OkxPluginHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null)
    {
        var host = new PluginTestHost(Start);
        var clock = new DrivenClock(host.Time);
        var server = await FakeOkx.StartAsync(clock.GetUtcNow);
        var values = new Dictionary<string, string?>
        {
            ["BaseUrl"] = server.Server.BaseUrl,
            ["ApiKey"] = FakeOkx.ApiKey,
            ["SecretKey"] = FakeOkx.SecretKey,
            ["Passphrase"] = FakeOkx.Passphrase,
        };
        settings?.Invoke(values);
        var portfolio = await host.LoadAsync(new PortfolioPlugin());
        var okx = await host.LoadAsync(new SeamPlugin(new OkxPlugin(), clock, OkxSource.HttpClientName), values, portfolio);
        return new OkxPluginHarness(host, clock, portfolio, okx, server);
    }

    /// <summary>Serves a fixture body for any query (signed endpoints verify the signature first).</summary>
    public OkxPluginHarness Serve(string path, string fixtureFile, bool signed = true)
    {
        var entry = new FixtureEntry
        {
            Path = path,
            Body = FakeOkx.Fixture(fixtureFile),
            ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        };
        Server.Server.Add(signed ? Server.Signed(entry) : entry);
        return this;
    }

    /// <summary>Runs a task as the executor does, advancing the clock through every wait it starts.</summary>
    public async Task<(TaskResult Result, TestTaskContext Context)> RunAsync(string taskId, JsonObject? config = null)
    {
        var run = await Clock.DriveAsync(Okx.RunAsync(taskId, config));
        lock (_runs)
        {
            _runs.Add(run);
        }
        return run;
    }

    public IReadOnlyList<KairosEvent> Events(string type) => Host.EventsOfType(type);

    public static JsonNode Data(TaskResult result) => result.Data ?? throw new InvalidOperationException("the run has no data");

    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) => Server.Server.RequestsTo(path);

    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new SqliteConnection(SqliteTestDatabase.ConnectionString(Host.DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    /// <summary>
    /// The credentials were really used (the server accepted signatures), and neither the key, the secret, the
    /// passphrase nor any signature sent appears anywhere else: not in any log entry of any category at any level
    /// (message, state, scopes, exception), nor in a run's result, error or log lines, nor in an event.
    /// </summary>
    public void AssertSecretsNeverLeaked()
    {
        Assert.Contains(Server.Server.Requests, r => r.Header("OK-ACCESS-KEY") == FakeOkx.ApiKey);
        Assert.Contains(Host.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        var secrets = new List<string> { FakeOkx.ApiKey, FakeOkx.SecretKey, FakeOkx.Passphrase };
        secrets.AddRange(Server.Server.Requests.Select(r => r.Header("OK-ACCESS-SIGN")).OfType<string>().Where(s => s.Length > 0));
        SecretScan.AssertAbsent(secrets, Host, _runs);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.Server.DisposeAsync();
    }
}
