using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Ibkr.Tests.Support;

/// <summary>A real Kestrel on 127.0.0.1 over HTTPS with a fresh self-signed certificate, like the Client Portal gateway.</summary>
internal sealed class HttpsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient? _upstream;

    private HttpsGateway(WebApplication app, int port, HttpClient? upstream)
    {
        _app = app;
        Port = port;
        _upstream = upstream;
    }

    public int Port { get; }

    /// <summary>Answers only <c>POST /v1/api/iserver/auth/status</c>, with <paramref name="authStatusBody"/>.</summary>
    public static Task<HttpsGateway> StartAsync(string authStatusBody) => StartAsync(null, async context =>
    {
        if (context.Request.Path == "/v1/api/iserver/auth/status")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(authStatusBody);
            return;
        }
        context.Response.StatusCode = 404;
    });

    /// <summary>Forwards every request to <paramref name="upstream"/> (a plain-HTTP fixture server) and answers with its response.</summary>
    public static Task<HttpsGateway> StartProxyAsync(Uri upstream)
    {
        var client = new HttpClient { BaseAddress = upstream };
        return StartAsync(client, async context =>
        {
            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            forward.Content = new ByteArrayContent(body.ToArray());
            using var answer = await client.SendAsync(forward, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }
            await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
        });
    }

    public Uri BaseUrl(string host) => new($"https://{host}:{Port}/v1/api");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream?.Dispose();
    }

    private static async Task<HttpsGateway> StartAsync(HttpClient? upstream, RequestDelegate handler)
    {
        var certificate = CreateSelfSigned();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration()
            .ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        return new HttpsGateway(app, new Uri(address).Port, upstream);
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(now, now.AddYears(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
