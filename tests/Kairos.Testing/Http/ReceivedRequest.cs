using System.Text;

namespace Kairos.Testing.Http;

/// <summary>A request as the <see cref="FixtureServer"/> received it, for assertions.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query.</param>
/// <param name="PathAndQuery">Path plus raw query string (as sent, still URL-encoded).</param>
/// <param name="Query">Decoded query values (a repeated key keeps its values joined by a comma).</param>
/// <param name="Headers">Request headers (case-insensitive names; repeated values joined by a comma).</param>
/// <param name="Body">Raw body bytes (empty when there was none).</param>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A header value or <c>null</c>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>A query value or <c>null</c>.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

    /// <inheritdoc />
    public override string ToString() => $"{Method} {PathAndQuery}";
}
