using Kairos.Plugins.Fund.Tiantian;
using Kairos.Sdk.Http;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Fund.Tests.Support;

/// <summary>
/// A loopback fixture server plus a <see cref="TiantianClient"/> built as the host builds plugin clients:
/// the SDK's plugin HttpClient wiring (resilience pipeline, tiny delays) + every log captured at Trace.
/// </summary>
internal sealed class TiantianHarness : IAsyncDisposable
{
    /// <summary>2024-06-03T07:00:00Z, i.e. the fixtures' cache-buster 1717398000000.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1717398000000);

    public static readonly string FixturesFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiantian");

    public static readonly HttpResilienceSettings FastResilience = new()
    {
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    private readonly ServiceProvider _services;

    private TiantianHarness(FixtureServer server, TiantianSettings settings)
    {
        Server = server;
        Settings = settings;
        // As the host builds plugin clients: the SDK's defaults + a named plugin client (resilience pipeline with tiny
        // real delays; the client's own pacing runs on the fake clock), every log captured at Trace.
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddKairosHttpClientDefaults();
        services.AddPluginHttpClient("fund", resilience: FastResilience);
        _services = services.BuildServiceProvider();
        Client = new TiantianClient(
            _services.GetRequiredService<IHttpClientFactory>().CreateClient("fund"),
            settings,
            Time,
            _services.GetRequiredService<ILoggerFactory>().CreateLogger<TiantianClient>());
    }

    public FixtureServer Server { get; }

    public LogCapture Logs { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public TiantianSettings Settings { get; }

    public TiantianClient Client { get; }

    public static async Task<TiantianHarness> StartAsync(Func<TiantianSettings, TiantianSettings>? configure = null)
    {
        var server = await FixtureServer.StartAsync();
        var settings = new TiantianSettings
        {
            EstimateBaseUrl = server.BaseUri,
            HistoryBaseUrl = server.BaseUri,
            RequestInterval = TimeSpan.Zero,
            RequestJitter = TimeSpan.Zero,
            RetryTimes = 2,
        };
        return new TiantianHarness(server, configure?.Invoke(settings) ?? settings);
    }

    /// <summary>Loads the recorded exchanges whose case satisfies <paramref name="include"/>.</summary>
    public TiantianHarness Load(Func<IndexedFixture, bool> include, params string[] ignoreQueryKeys)
    {
        Server.LoadIndex(FixturesFolder, include, ignoreQueryKeys);
        return this;
    }

    public static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(FixturesFolder, file));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
