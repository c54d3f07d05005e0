using Kairos.Plugins.Wise.Client;
using Kairos.Sdk.Http;
using Kairos.Sdk.Plugins;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Tests.Support;

/// <summary>
/// A loopback fixture server plus a <see cref="WiseClient"/> built as the host builds plugin clients:
/// the SDK's AddKairosHttpClientDefaults + AddPluginHttpClient (resilience pipeline) with WiseAuthenticationHandler as
/// primary handler, and every log of every category captured at Trace.
/// </summary>
internal sealed class WiseHarness : IAsyncDisposable
{
    public const string Token = "wise-TEST-token-7f3a9c1e5b2d4f60";
    public const long ProfileId = 30000001;

    public static readonly DateTimeOffset Start = new(2024, 6, 3, 8, 0, 0, TimeSpan.Zero);

    public static readonly string FixturesFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wise");

    /// <summary>Tiny real delays: for tests that do not look at the waiting itself.</summary>
    public static readonly HttpResilienceSettings FastResilience = new()
    {
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    private readonly ServiceProvider _services;

    private WiseHarness(FixtureServer server, WiseSettings settings, HttpResilienceSettings resilience, bool fakePipelineTime)
    {
        Server = server;
        Settings = settings;
        // As the host builds plugin clients: the SDK's defaults + a named plugin client (resilience pipeline outermost),
        // with WiseAuthenticationHandler as primary handler, and every log of every category captured at Trace.
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (fakePipelineTime)
        {
            // The pipeline's waits then run on the observed fake clock; else tiny real delays.
            services.AddSingleton<TimeProvider>(Time);
        }
        services.AddKairosHttpClientDefaults();
        services.AddPluginHttpClient(ClientName, resilience: resilience)
            .ConfigurePrimaryHttpMessageHandler(() => WiseAuthenticationHandler.CreatePrimaryHandler(settings));
        _services = services.BuildServiceProvider();
        Client = new WiseClient(
            _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName),
            settings,
            Time,
            _services.GetRequiredService<ILoggerFactory>().CreateLogger<WiseClient>());
    }

    public const string ClientName = "wise";

    public FixtureServer Server { get; }

    public LogCapture Logs { get; } = new();

    public ObservedFakeTime Time { get; } = new(Start);

    public WiseSettings Settings { get; }

    public WiseClient Client { get; }

    public static async Task<WiseHarness> StartAsync(Func<WiseSettings, WiseSettings>? configure = null, HttpResilienceSettings? resilience = null, bool fakePipelineTime = false)
    {
        var server = await FixtureServer.StartAsync();
        var settings = new WiseSettings { BaseUrl = server.BaseUri, ApiToken = Token };
        settings = configure?.Invoke(settings) ?? settings;
        return new WiseHarness(server, settings, resilience ?? FastResilience, fakePipelineTime);
    }

    public WiseHarness Load(Func<IndexedFixture, bool> include)
    {
        Server.LoadIndex(FixturesFolder, include);
        return this;
    }

    public static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(FixturesFolder, file));

    /// <summary>
    /// The token was really used (the server saw it) and appears nowhere else: not in any captured log of any category
    /// (including the HTTP client factory's own), nor in the given exceptions or results.
    /// </summary>
    public void AssertTokenNeverLeaked(params object?[] outputs)
    {
        Assert.Contains(Server.Requests, r => r.Header("Authorization") == "Bearer " + Token);
        Assert.Contains(Logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal) && e.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        Assert.DoesNotContain(Token, Logs.AllText, StringComparison.Ordinal);
        foreach (var output in outputs)
        {
            var text = output switch
            {
                Exception ex => ex.ToString(),
                System.Collections.IEnumerable items and not string => string.Join("\n", items.Cast<object?>()),
                _ => output?.ToString() ?? "",
            };
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
