using Kairos.Testing.Time;
using Kairos.Plugins.Ibkr.Flex;
using Kairos.Plugins.Ibkr.Gateway;
using Kairos.Sdk.Http;
using Kairos.Sdk.Plugins;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Tests.Support;

/// <summary>
/// A loopback Kestrel server replaying the IBKR fixtures (gateway under <c>/v1/api</c>, Flex under
/// <c>/AccountManagement/FlexWebService</c>) and the two clients built as the host builds plugin clients:
/// <c>AddKairosHttpClientDefaults</c> + <c>AddPluginHttpClient</c> (resilience pipeline, tiny delays), the gateway one
/// over <see cref="IbkrGatewayTls.CreatePrimaryHandler"/>, every log captured at Trace.
/// </summary>
internal sealed class IbkrHarness : IAsyncDisposable
{
    public const string FlexToken = "flex-tok-3141592653589793238462";
    public const string ExpiredToken = "flex-tok-expired-2718281828459";
    public const string QueryId = "987654";

    public static readonly DateTimeOffset Start = new(2024, 6, 3, 8, 10, 0, TimeSpan.Zero);

    public static readonly string FixturesFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ibkr");

    public static readonly HttpResilienceSettings FastResilience = new()
    {
        MaxRetries = 1,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    private readonly List<ServiceProvider> _providers = [];

    private IbkrHarness(FixtureServer server) => Server = server;

    public FixtureServer Server { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>The Flex client's clock (poll delays are observed and advanced by the tests).</summary>
    public ObservableTime Time { get; } = new(Start);

    public Uri GatewayBaseUrl => new(Server.BaseUrl + "/v1/api");

    public Uri FlexBaseUrl => new(Server.BaseUrl + "/AccountManagement/FlexWebService");

    public static async Task<IbkrHarness> StartAsync() => new(await FixtureServer.StartAsync());

    /// <summary>A gateway client on the test server; pacing uses the real clock at a high rate unless configured.</summary>
    public IbkrGatewayClient Gateway(Func<IbkrGatewaySettings, IbkrGatewaySettings>? configure = null, TimeProvider? time = null)
    {
        var settings = new IbkrGatewaySettings { BaseUrl = GatewayBaseUrl, MaxRequestsPerSecond = 200 };
        settings = configure?.Invoke(settings) ?? settings;
        var services = Services(b => b.ConfigurePrimaryHttpMessageHandler(() => IbkrGatewayTls.CreatePrimaryHandler(settings)));
        return new IbkrGatewayClient(services.Factory.CreateClient("ibkr"), settings, time ?? TimeProvider.System, services.Provider.GetRequiredService<ILogger<IbkrGatewayClient>>());
    }

    /// <summary>A Flex client on the test server (FlexBaseUrl set), on the observable clock.</summary>
    public IbkrFlexClient Flex(Func<IbkrFlexSettings, IbkrFlexSettings>? configure = null)
    {
        var settings = new IbkrFlexSettings { FlexBaseUrl = FlexBaseUrl, FlexToken = FlexToken, FlexQueryId = QueryId };
        settings = configure?.Invoke(settings) ?? settings;
        var services = Services(null);
        return new IbkrFlexClient(services.Factory.CreateClient("ibkr"), settings, Time, services.Provider.GetRequiredService<ILogger<IbkrFlexClient>>());
    }

    /// <summary>Loads gateway fixtures by case text.</summary>
    public IbkrHarness LoadGateway(params string[] cases)
    {
        LoadGateway(Server, cases);
        return this;
    }

    /// <summary>Loads gateway fixtures by case text into <paramref name="server"/>.</summary>
    public static void LoadGateway(FixtureServer server, params string[] cases) =>
        server.LoadIndex(FixturesFolder, f => f.Url.AbsolutePath.StartsWith("/v1/api/", StringComparison.Ordinal) && cases.Contains(f.Case));

    /// <summary>
    /// Loads Flex fixtures by case text as one sequence (each answers once, the last keeps answering), with the index's
    /// placeholders (<c>&lt;flex token&gt;</c>, <c>&lt;query id&gt;</c>, <c>&lt;expired token&gt;</c>) replaced by the test values.
    /// </summary>
    public IbkrHarness LoadFlexSequence(params string[] cases)
    {
        LoadFlexSequence(Server, cases);
        return this;
    }

    /// <summary>As <see cref="LoadFlexSequence(string[])"/>, into <paramref name="server"/>.</summary>
    public static void LoadFlexSequence(FixtureServer server, params string[] cases)
    {
        var fixtures = IndexedFixture.LoadIndex(FixturesFolder).Where(f => f.Url.AbsolutePath.Contains("FlexWebService", StringComparison.Ordinal)).ToList();
        var entries = cases.Select(c => fixtures.Single(f => f.Case == c)).Select(f => f.ToEntry() with
        {
            Query = FixtureEntry.QueryEquals(f.Query.ToDictionary(kv => kv.Key, kv => Substitute(kv.Value))),
        });
        server.AddSequence([.. entries]);
    }

    public static string Fixture(string file) => File.ReadAllText(Path.Combine(FixturesFolder, file));

    public static string ExtraFixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "extra", file));

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        await Server.DisposeAsync();
    }

    private static string Substitute(string value) => value switch
    {
        "<flex token>" => FlexToken,
        "<expired token>" => ExpiredToken,
        "<query id>" => QueryId,
        _ => value,
    };

    private (ServiceProvider Provider, IHttpClientFactory Factory) Services(Action<IHttpClientBuilder>? configure)
    {
        var services = new ServiceCollection();
        Logs.AddTo(services);
        services.AddKairosHttpClientDefaults();
        var builder = services.AddPluginHttpClient("ibkr", resilience: FastResilience);
        configure?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (provider, provider.GetRequiredService<IHttpClientFactory>());
    }
}
