using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Plugins.Sync.Testing;
using Kairos.Plugins.Wise.Sync;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Kairos.Testing.Http;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Wise.Tests.Support;

/// <summary>
/// The portfolio and wise plugins loaded as the host loads them (wise sees portfolio's exported store, its HTTP client
/// runs the host's pipeline over its authentication handler) over one real SQLite file, with Wise played by a
/// <see cref="FixtureServer"/> on loopback and every log of every category captured at Trace.
/// </summary>
internal sealed class WisePluginHarness : IAsyncDisposable
{
    public const string Token = "wise-PLUGIN-token-3c9e1a7f55d04b2b";
    public const long ProfileId = 30000001;
    public const string Account = "30000001";

    /// <summary>2024-06-03T00:00Z: the fixtures' activity window ends here.</summary>
    public static readonly DateTimeOffset Start = new(2024, 6, 3, 0, 0, 0, TimeSpan.Zero);

    private readonly List<(TaskResult Result, TestTaskContext Context)> _runs = [];

    private WisePluginHarness(PluginTestHost host, DrivenClock clock, LoadedPlugin portfolio, LoadedPlugin wise, FixtureServer server, RSA? scaKey, string? scaKeyPath)
    {
        Host = host;
        Clock = clock;
        Portfolio = portfolio;
        Wise = wise;
        Server = server;
        ScaKey = scaKey;
        ScaKeyPath = scaKeyPath;
    }

    public PluginTestHost Host { get; }

    public DrivenClock Clock { get; }

    public LoadedPlugin Portfolio { get; }

    public LoadedPlugin Wise { get; }

    public FixtureServer Server { get; }

    /// <summary>The key pair whose private half is at <see cref="ScaKeyPath"/> (when the harness was asked for one).</summary>
    public RSA? ScaKey { get; }

    public string? ScaKeyPath { get; }

    public IPortfolioStore Store => Portfolio.Get<IPortfolioStore>();

    public static string FixturesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "wise");

    public static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(FixturesFolder, file));

    /// <summary>Starts Wise's stand-in and the two plugins. <paramref name="settings"/> edits the wise settings (token, base URL set).</summary>
    public static async Task<WisePluginHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null, bool scaKey = false, DateTimeOffset? now = null)
    {
        var server = await FixtureServer.StartAsync();
        var host = new PluginTestHost(now ?? Start);
        var clock = new DrivenClock(host.Time);
        RSA? key = null;
        string? keyPath = null;
        if (scaKey)
        {
            key = RSA.Create(2048);
            keyPath = Path.Combine(host.Folder, "wise-sca-private.pem");
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        }
        var values = new Dictionary<string, string?> { ["BaseUrl"] = server.BaseUrl, ["ApiToken"] = Token, ["ScaPrivateKeyPath"] = keyPath };
        settings?.Invoke(values);
        var portfolio = await host.LoadAsync(new PortfolioPlugin());
        var wise = await host.LoadAsync(new SeamPlugin(new WisePlugin(), clock, WiseSource.HttpClientName), values, portfolio);
        return new WisePluginHarness(host, clock, portfolio, wise, server, key, keyPath);
    }

    /// <summary>Serves the recorded exchanges whose case satisfies <paramref name="include"/>.</summary>
    public WisePluginHarness Load(Func<IndexedFixture, bool> include)
    {
        Server.LoadIndex(FixturesFolder, include);
        return this;
    }

    /// <summary>Runs a task as the executor does, advancing the clock through every wait it starts.</summary>
    public async Task<(TaskResult Result, TestTaskContext Context)> RunAsync(string taskId, JsonObject? config = null)
    {
        var run = await Clock.DriveAsync(Wise.RunAsync(taskId, config));
        lock (_runs)
        {
            _runs.Add(run);
        }
        return run;
    }

    public IReadOnlyList<KairosEvent> Events(string type) => Host.EventsOfType(type);

    /// <summary>The result's data as JSON (snake_case, as stored with the run).</summary>
    public static JsonNode Data(TaskResult result) => result.Data ?? throw new InvalidOperationException("the run has no data");

    public async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var connection = new SqliteConnection(SqliteTestDatabase.ConnectionString(Host.DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

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
    /// The token was really sent, and neither it, the SCA key path nor a signature appears anywhere else: not in any
    /// log entry of any category at any level (message, state, scopes, exception), nor in a run's result, error or log
    /// lines, nor in an event.
    /// </summary>
    public void AssertSecretsNeverLeaked(params string[] moreSecrets)
    {
        Assert.Contains(Server.Requests, r => r.Header("Authorization") == "Bearer " + Token);
        Assert.Contains(Host.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        var secrets = new List<string> { Token };
        if (ScaKeyPath is not null)
        {
            secrets.Add(ScaKeyPath);
        }
        secrets.AddRange(Server.Requests.Select(r => r.Header("X-Signature")).OfType<string>());
        secrets.AddRange(moreSecrets);
        SecretScan.AssertAbsent(secrets, Host, _runs);
    }

    public async ValueTask DisposeAsync()
    {
        ScaKey?.Dispose();
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }
}
