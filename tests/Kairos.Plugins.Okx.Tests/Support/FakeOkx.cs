using System.Globalization;
using System.Text;
using Kairos.Plugins.Okx.Client;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Kairos.Plugins.Okx.Tests.Support;

/// <summary>
/// OKX played by a loopback Kestrel server: recorded fixtures, <c>/api/v5/public/time</c> answering its own clock
/// (the test clock plus <see cref="ClockOffset"/>), and signed endpoints that verify key, passphrase, timestamp window
/// and signature exactly as OKX does before answering (50111, 50105, 50112, 50102, 50113 otherwise).
/// </summary>
internal sealed class FakeOkx
{
    public const string ApiKey = "ak-5b1e7c44-9d2f-4c61-a7e0-okx-key";
    public const string SecretKey = "22582BD0CFF14C41EDBF1AB98506286D";
    public const string Passphrase = "Pass-phrase-93f1";

    public static readonly string FixturesFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "okx");

    private readonly Func<DateTimeOffset> _testNow;

    private FakeOkx(FixtureServer server, Func<DateTimeOffset> testNow)
    {
        Server = server;
        _testNow = testNow;
    }

    public FixtureServer Server { get; }

    /// <summary>The server's clock offset from the test clock (OKX's clock minus ours).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>How far a signed timestamp may be from the server's clock before it answers 50102.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Signed requests the server accepted, with the server's time when each arrived.</summary>
    public List<(string Timestamp, DateTimeOffset ServerTime)> AcceptedSignatures { get; } = [];

    public DateTimeOffset Now => _testNow() + ClockOffset;

    /// <summary>Starts the server; <c>/api/v5/public/time</c> answers the server's clock unless <paramref name="dynamicTime"/> is false.</summary>
    public static async Task<FakeOkx> StartAsync(Func<DateTimeOffset> testNow, bool dynamicTime = true)
    {
        var okx = new FakeOkx(await FixtureServer.StartAsync(), testNow);
        if (dynamicTime)
        {
            okx.Server.Handle("GET", "/api/v5/public/time", context =>
            {
                context.Response.ContentType = "application/json";
                var ms = okx.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                return context.Response.WriteAsync($$"""{"code":"0","msg":"","data":[{"ts":"{{ms}}"}]}""");
            });
        }
        return okx;
    }

    public static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(FixturesFolder, file));

    /// <summary>Loads the recorded exchanges <paramref name="include"/> accepts; those recorded with OK-ACCESS headers verify the signature first.</summary>
    public FakeOkx Load(Func<IndexedFixture, bool> include)
    {
        foreach (var fixture in IndexedFixture.LoadIndex(FixturesFolder).Where(include))
        {
            var entry = fixture.ToEntry();
            Server.Add(fixture.RequestHeaders.ContainsKey("OK-ACCESS-SIGN") ? Signed(entry) : entry);
        }
        return this;
    }

    /// <summary>Loads fixtures by path and case text.</summary>
    public FakeOkx Load(string path, string @case) => Load(f => f.Url.AbsolutePath == path && f.Case == @case);

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
        var serverNow = Now;
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
}
