using Kairos.Testing.Time;
using Kairos.Plugins.Okx.Client;
using Kairos.Sdk.Http;
using Kairos.Sdk.Plugins;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Tests.Support;

/// <summary>
/// A <see cref="FakeOkx"/> plus an <see cref="OkxClient"/> built the way the host builds plugin clients — the SDK's
/// <c>AddKairosHttpClientDefaults</c> + <c>AddPluginHttpClient</c> (resilience pipeline with tiny delays) with
/// <see cref="OkxSigningHandler"/> as primary handler — and every log captured at Trace.
/// </summary>
internal sealed class OkxHarness : IAsyncDisposable
{
    public const string ApiKey = FakeOkx.ApiKey;
    public const string SecretKey = FakeOkx.SecretKey;
    public const string Passphrase = FakeOkx.Passphrase;

    /// <summary>2024-06-03T08:00:00Z.</summary>
    public static readonly DateTimeOffset Start = new(2024, 6, 3, 8, 0, 0, TimeSpan.Zero);

    public static readonly string FixturesFolder = FakeOkx.FixturesFolder;

    public static readonly HttpResilienceSettings FastResilience = new()
    {
        MaxRetries = 1,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    private readonly ServiceProvider _services;
    private readonly FakeOkx _okx;

    private OkxHarness(FakeOkx okx, ObservableTime time, OkxSettings settings)
    {
        _okx = okx;
        Time = time;
        Settings = settings;
        var services = new ServiceCollection();
        Logs.AddTo(services);
        services.AddKairosHttpClientDefaults();
        services.AddPluginHttpClient("okx", resilience: FastResilience)
            .ConfigurePrimaryHttpMessageHandler(() => OkxSigningHandler.CreatePrimaryHandler(settings, Time));
        _services = services.BuildServiceProvider();
        Client = new OkxClient(
            _services.GetRequiredService<IHttpClientFactory>().CreateClient("okx"),
            settings,
            Time,
            _services.GetRequiredService<ILogger<OkxClient>>());
    }

    public FixtureServer Server => _okx.Server;

    public LogCapture Logs { get; } = new();

    public ObservableTime Time { get; }

    public OkxSettings Settings { get; }

    public OkxClient Client { get; }

    /// <summary>The server's clock offset from the test clock (OKX's clock minus ours).</summary>
    public TimeSpan ServerClockOffset
    {
        get => _okx.ClockOffset;
        set => _okx.ClockOffset = value;
    }

    /// <summary>How far a signed timestamp may be from the server's clock before it answers 50102.</summary>
    public TimeSpan TimestampWindow
    {
        get => _okx.TimestampWindow;
        set => _okx.TimestampWindow = value;
    }

    /// <summary>Signed requests the server accepted, with the server's time when each arrived.</summary>
    public List<(string Timestamp, DateTimeOffset ServerTime)> AcceptedSignatures => _okx.AcceptedSignatures;

    public DateTimeOffset ServerNow => _okx.Now;

    /// <summary>Starts the server; <c>/api/v5/public/time</c> answers the server's clock unless a test maps it otherwise.</summary>
    public static async Task<OkxHarness> StartAsync(Func<OkxSettings, OkxSettings>? configure = null, bool dynamicTime = true)
    {
        var time = new ObservableTime(Start);
        var okx = await FakeOkx.StartAsync(time.GetUtcNow, dynamicTime);
        var settings = new OkxSettings
        {
            BaseUrl = okx.Server.BaseUri,
            ApiKey = ApiKey,
            SecretKey = SecretKey,
            Passphrase = Passphrase,
        };
        return new OkxHarness(okx, time, configure?.Invoke(settings) ?? settings);
    }

    /// <summary>Loads the recorded exchanges <paramref name="include"/> accepts; signed ones verify the signature first.</summary>
    public OkxHarness Load(Func<IndexedFixture, bool> include)
    {
        _okx.Load(include);
        return this;
    }

    /// <summary>Loads fixtures by case text and path.</summary>
    public OkxHarness Load(string path, string @case)
    {
        _okx.Load(path, @case);
        return this;
    }

    /// <summary>A signed entry answering <paramref name="body"/> after verifying the signature.</summary>
    public FixtureEntry SignedBody(string path, string body, int status = 200, Func<IQueryCollection, bool>? query = null) =>
        _okx.SignedBody(path, body, status, query);

    public static byte[] Fixture(string file) => FakeOkx.Fixture(file);

    /// <summary>Wraps a canned entry so that it first checks key, passphrase, timestamp and signature like OKX does.</summary>
    public FixtureEntry Signed(FixtureEntry entry) => _okx.Signed(entry);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
