using Microsoft.AspNetCore.Http;

namespace Kairos.Testing.Http;

/// <summary>
/// One recorded exchange the <see cref="FixtureServer"/> can answer: a request matcher and either a canned
/// response (status, headers, body) or a custom <see cref="Handler"/>.
/// </summary>
public sealed record FixtureEntry
{
    /// <summary>HTTP method to match (case-insensitive).</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Request path to match exactly (case-sensitive), e.g. <c>/v2/profiles</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Optional query matcher; <c>null</c> accepts any query.</summary>
    public Func<IQueryCollection, bool>? Query { get; init; }

    /// <summary>Optional header predicate; <c>null</c> accepts any headers.</summary>
    public Func<IHeaderDictionary, bool>? Headers { get; init; }

    /// <summary>Response status code.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Response headers (Content-Type included). Content-Length and Transfer-Encoding are ignored.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>Response body bytes; <c>null</c> sends none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>
    /// How many requests this entry answers before it is used up (<c>null</c> = unlimited). When every matching
    /// entry is used up, the last matching one keeps answering, so a sequence ends on its final answer.
    /// </summary>
    public int? Times { get; init; }

    /// <summary>A custom handler that writes the response itself (status and body fields are then ignored).</summary>
    public Func<HttpContext, Task>? Handler { get; init; }

    /// <summary>Optional label for diagnostics (the fixture's <c>case</c> when loaded from an index).</summary>
    public string? Name { get; init; }

    /// <summary>Does the request match method, path, query and headers?</summary>
    public bool Matches(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Method, Method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(request.Path.Value, Path, StringComparison.Ordinal)
            && (Query is null || Query(request.Query))
            && (Headers is null || Headers(request.Headers));
    }

    /// <summary>A query matcher requiring exactly these keys and values, ignoring the keys in <paramref name="ignore"/> (e.g. cache-busters).</summary>
    public static Func<IQueryCollection, bool> QueryEquals(IReadOnlyDictionary<string, string> expected, params string[] ignore)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var ignored = new HashSet<string>(ignore, StringComparer.Ordinal);
        return query =>
        {
            var actualKeys = query.Keys.Where(k => !ignored.Contains(k)).ToHashSet(StringComparer.Ordinal);
            var expectedKeys = expected.Keys.Where(k => !ignored.Contains(k)).ToHashSet(StringComparer.Ordinal);
            return actualKeys.SetEquals(expectedKeys)
                && expectedKeys.All(k => string.Equals(query[k].ToString(), expected[k], StringComparison.Ordinal));
        };
    }

    /// <summary>A query matcher requiring at least these keys and values (other keys allowed).</summary>
    public static Func<IQueryCollection, bool> QueryContains(IReadOnlyDictionary<string, string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return query => expected.All(kv => query.TryGetValue(kv.Key, out var v) && string.Equals(v.ToString(), kv.Value, StringComparison.Ordinal));
    }
}
