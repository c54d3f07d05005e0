using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Kairos.Testing.Http;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) that answers recorded exchanges, so a client's real HTTP stack
/// (headers, encodings, timeouts, the resilience pipeline) runs in tests. Every request is recorded.
/// </summary>
/// <remarks>
/// Matching: the first registered entry that matches and is not used up answers; when every matching entry is used
/// up (<see cref="FixtureEntry.Times"/>), the last matching one answers again. Unmatched requests get
/// <see cref="Fallback"/> (default: 404 with a text naming the request).
/// </remarks>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<(FixtureEntry Entry, int Used)> _entries = [];
    private readonly List<ReceivedRequest> _requests = [];

    private FixtureServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:51234</c> (no trailing slash).</summary>
    public string BaseUrl => BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>The server's base address as a URI.</summary>
    public Uri BaseUri { get; }

    /// <summary>Handler for requests no entry matches. Default: 404 with <c>no fixture for METHOD /path?query</c>.</summary>
    public Func<HttpContext, Task> Fallback { get; set; } = DefaultFallback;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get { lock (_gate) { return _requests.ToArray(); } }
    }

    /// <summary>Starts a server on 127.0.0.1 with a port chosen by the OS.</summary>
    public static async Task<FixtureServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // Empty builder: no configuration files (so no file watchers / reload), no logging providers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FixtureServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer s
            ? s.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            : null;
        server = new FixtureServer(app, new Uri(address ?? throw new InvalidOperationException("Kestrel reported no address.")));
        return server;
    }

    /// <summary>Registers an entry.</summary>
    public FixtureServer Add(FixtureEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate) { _entries.Add((entry, 0)); }
        return this;
    }

    /// <summary>Registers entries answered in order: each but the last answers once; the last keeps answering.</summary>
    public FixtureServer AddSequence(params FixtureEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Length; i++)
        {
            Add(i < entries.Length - 1 ? entries[i] with { Times = 1 } : entries[i]);
        }
        return this;
    }

    /// <summary>Registers a canned response.</summary>
    public FixtureServer Map(string method, string path, int status, string? body = null, string? contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        var responseHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        if (contentType is not null && body is not null)
        {
            responseHeaders.TryAdd("Content-Type", contentType);
        }
        return Add(new FixtureEntry
        {
            Method = method,
            Path = path,
            Status = status,
            Body = body is null ? null : Encoding.UTF8.GetBytes(body),
            ResponseHeaders = responseHeaders,
        });
    }

    /// <summary>Registers a canned response whose body is a file (e.g. a recorded fixture).</summary>
    public FixtureServer MapFile(string method, string path, int status, string bodyFile, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        var responseHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        responseHeaders.TryAdd("Content-Type", contentType);
        return Add(new FixtureEntry { Method = method, Path = path, Status = status, Body = File.ReadAllBytes(bodyFile), ResponseHeaders = responseHeaders });
    }

    /// <summary>Registers a custom handler for a method and path (e.g. to verify a signature before answering).</summary>
    public FixtureServer Handle(string method, string path, Func<HttpContext, Task> handler) =>
        Add(new FixtureEntry { Method = method, Path = path, Handler = handler });

    /// <summary>
    /// Loads the entries of <c>index.json</c> in <paramref name="folder"/> (optionally only those <paramref name="include"/> accepts).
    /// Entries that require more request headers are tried first, so "blocked without Referer" only answers requests
    /// that lack the header. Query keys in <paramref name="ignoreQueryKeys"/> (cache-busters) are not compared.
    /// </summary>
    public FixtureServer LoadIndex(string folder, Func<IndexedFixture, bool>? include = null, params string[] ignoreQueryKeys)
    {
        foreach (var f in IndexedFixture.LoadIndex(folder)
                     .Where(f => include is null || include(f))
                     .OrderByDescending(f => f.RequestHeaders.Count))
        {
            Add(f.ToEntry(ignoreQueryKeys));
        }
        return this;
    }

    /// <summary>Requests received for a path.</summary>
    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) =>
        Requests.Where(r => string.Equals(r.Path, path, StringComparison.Ordinal)).ToArray();

    /// <summary>Removes every entry and recorded request.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _entries.Clear();
            _requests.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var received = new ReceivedRequest(
            request.Method,
            request.Path.Value ?? "",
            (request.Path.Value ?? "") + request.QueryString.Value,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray());
        FixtureEntry? chosen = null;
        lock (_gate)
        {
            _requests.Add(received);
            var lastMatch = -1;
            for (var i = 0; i < _entries.Count; i++)
            {
                var (entry, used) = _entries[i];
                if (!entry.Matches(request))
                {
                    continue;
                }
                lastMatch = i;
                if (entry.Times is null || used < entry.Times)
                {
                    chosen = entry;
                    _entries[i] = (entry, used + 1);
                    break;
                }
            }
            if (chosen is null && lastMatch >= 0)
            {
                chosen = _entries[lastMatch].Entry;
            }
        }

        // The handler may read the body again.
        request.Body = new MemoryStream(received.Body);
        if (chosen is null)
        {
            await Fallback(context).ConfigureAwait(false);
            return;
        }
        if (chosen.Handler is not null)
        {
            await chosen.Handler(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = chosen.Status;
        foreach (var (name, value) in chosen.ResponseHeaders)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = value;
            }
        }
        if (chosen.Body is { Length: > 0 } body)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task DefaultFallback(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"no fixture for {context.Request.Method} {context.Request.Path}{context.Request.QueryString}", context.RequestAborted);
    }
}
