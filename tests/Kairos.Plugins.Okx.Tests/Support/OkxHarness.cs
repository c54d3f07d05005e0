using System.Globalization;
using System.Text;
using Kairos.Plugins.Okx.Client;
using Kairos.Sdk.Http;
using Kairos.Sdk.Plugins;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Tests.Support;

/// <summary>
/// A loopback Kestrel server playing OKX (recorded fixtures; signed endpoints verify the signature headers with the
/// configured secret and the timestamp against the server's own clock) plus an <see cref="OkxClient"/> built the way
/// the host builds plugin clients — the SDK's <c>AddKairosHttpClientDefaults</c> + <c>AddPluginHttpClient</c> (resilience
/// pipeline with tiny delays) with <see cref="OkxSigningHandler"/> as primary handler — and every log captured at Trace.
/// </summary>
internal sealed class OkxHarness : IAsyncDisposable
{
    public const string ApiKey = "ak-5b1e7c44-9d2f-4c61-a7e0-okx-key";
    public const string SecretKey = "22582BD0CFF14C41EDBF1AB98506286D";
    public const string Passphrase = "Pass-phrase-93f1";

    /// <summary>2024-06-03T08:00:00Z.</summary>
    public static readonly DateTimeOffset Start = new(2024, 6, 3, 8, 0, 0, TimeSpan.Zero);

    public static readonly string FixturesFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "okx");

    public static readonly HttpResilienceSettings FastResilience = new()
    {
        MaxRetries = 1,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    private readonly ServiceProvider _services;

    private OkxHarness(FixtureServer server, OkxSettings settings)
    {
        Server = server;
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

    public FixtureServer Server { get; }

    public LogCapture Logs { get; } = new();

    public ObservableTime Time { get; } = new(Start);

    public OkxSettings Settings { get; }

    public OkxClient Client { get; }

    /// <summary>The server's clock offset from the test clock (OKX's clock minus ours).</summary>
    public TimeSpan ServerClockOffset { get; set; }

    /// <summary>How far a signed timestamp may be from the server's clock before it answers 50102.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Signed requests the server accepted, with the server's time when each arrived.</summary>
    public List<(string Timestamp, DateTimeOffset ServerTime)> AcceptedSignatures { get; } = [];

    public DateTimeOffset ServerNow => Time.GetUtcNow() + ServerClockOffset;

    /// <summary>Starts the server; <c>/api/v5/public/time</c> answers the server's clock unless a test maps it otherwise.</summary>
    public static async Task<OkxHarness> StartAsync(Func<OkxSettings, OkxSettings>? configure = null, bool dynamicTime = true)
    {
        var server = await FixtureServer.StartAsync();
        var settings = new OkxSettings
        {
            BaseUrl = server.BaseUri,
            ApiKey = ApiKey,
            SecretKey = SecretKey,
            Passphrase = Passphrase,
        };
        var harness = new OkxHarness(server, configure?.Invoke(settings) ?? settings);
        if (dynamicTime)
        {
            server.Handle("GET", "/api/v5/public/time", context =>
            {
                context.Response.ContentType = "application/json";
                var ms = harness.ServerNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                return context.Response.WriteAsync($$"""{"code":"0","msg":"","data":[{"ts":"{{ms}}"}]}""");
            });
        }
        return harness;
    }

    /// <summary>
    /// Loads the recorded exchanges whose case satisfies <paramref name="include"/>; entries recorded with OK-ACCESS
    /// headers verify the signature before answering.
    /// </summary>
    public OkxHarness Load(Func<IndexedFixture, bool> include)
    {
        foreach (var fixture in IndexedFixture.LoadIndex(FixturesFolder).Where(include))
        {
            var entry = fixture.ToEntry();
            Server.Add(fixture.RequestHeaders.ContainsKey("OK-ACCESS-SIGN") ? Signed(entry) : entry);
        }
        return this;
    }

    /// <summary>Loads fixtures by case text and path.</summary>
    public OkxHarness Load(string path, string @case) => Load(f => f.Url.AbsolutePath == path && f.Case == @case);

    /// <summary>A signed entry answering <paramref name="body"/> after verifying the signature.</summary>
    public FixtureEntry SignedBody(string path, string body, int status = 200, Func<IQueryCollection, bool>? query = null) =>
        Signed(new FixtureEntry
        {
            Path = path,
            Query = query,
            Status = status,
            Body = Encoding.UTF8.GetBytes(body),
            ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });

    public static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(FixturesFolder, file));

    /// <summary>Wraps a canned entry so that it first checks key, passphrase, timestamp and signature like OKX does.</summary>
    public FixtureEntry Signed(FixtureEntry entry) => entry with
    {
        Headers = null,
        Handler = async context =>
        {
            var rejection = Verify(context);
            if (rejection is not null)
            {
                context.Response.StatusCode = 401;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(rejection);
                return;
            }
            context.Response.StatusCode = entry.Status;
            foreach (var (name, value) in entry.ResponseHeaders)
            {
                context.Response.Headers[name] = value;
            }
            if (entry.Body is { Length: > 0 } body)
            {
                await context.Response.Body.WriteAsync(body);
            }
        },
    };

    private string? Verify(HttpContext context)
    {
        var headers = context.Request.Headers;
        string H(string name) => headers[name].ToString();
        if (H("OK-ACCESS-KEY") != ApiKey)
        {
            return """{"code":"50111","data":[],"msg":"Invalid OK-ACCESS-KEY"}""";
        }
        if (H("OK-ACCESS-PASSPHRASE") != Passphrase)
        {
            return """{"code":"50105","data":[],"msg":"OK-ACCESS-PASSPHRASE incorrect"}""";
        }
        var timestamp = H("OK-ACCESS-TIMESTAMP");
        if (!DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sent))
        {
            return """{"code":"50112","data":[],"msg":"Invalid OK-ACCESS-TIMESTAMP"}""";
        }
        var serverNow = ServerNow;
        if ((sent - serverNow).Duration() > TimestampWindow)
        {
            return """{"code":"50102","data":[],"msg":"Timestamp request expired"}""";
        }
        // The exact request target as sent (path and raw query), which is what the client must have signed.
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var expected = OkxSigner.Sign(SecretKey, timestamp, context.Request.Method, target, "");
        if (H("OK-ACCESS-SIGN") != expected)
        {
            return """{"code":"50113","data":[],"msg":"Invalid Sign"}""";
        }
        lock (AcceptedSignatures)
        {
            AcceptedSignatures.Add((timestamp, serverNow));
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
