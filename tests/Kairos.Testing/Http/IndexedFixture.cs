using System.Text.Json;

namespace Kairos.Testing.Http;

/// <summary>One entry of a fixtures folder's <c>index.json</c> (see the fixtures README).</summary>
public sealed record IndexedFixture
{
    /// <summary>The <c>case</c> text, e.g. <c>success, page 1 of 2</c>.</summary>
    public required string Case { get; init; }

    /// <summary>Request method.</summary>
    public required string Method { get; init; }

    /// <summary>Request URL as recorded (real host); only its path is matched.</summary>
    public required Uri Url { get; init; }

    /// <summary>Expected query keys and values.</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    /// <summary>Expected request headers; a value containing <c>&lt;placeholder&gt;</c> only requires the header to be present.</summary>
    public required IReadOnlyDictionary<string, string> RequestHeaders { get; init; }

    /// <summary>Response status.</summary>
    public required int Status { get; init; }

    /// <summary>Response headers.</summary>
    public required IReadOnlyDictionary<string, string> ResponseHeaders { get; init; }

    /// <summary>Full path of the body file, or <c>null</c> when the response has no body.</summary>
    public string? BodyFile { get; init; }

    /// <summary>The <c>sequence</c> labels (e.g. <c>lsjz:1</c>), empty when none.</summary>
    public IReadOnlyList<string> Sequence { get; init; } = [];

    /// <summary>Turns the recorded exchange into a server entry, ignoring the query keys in <paramref name="ignoreQueryKeys"/>.</summary>
    public FixtureEntry ToEntry(params string[] ignoreQueryKeys)
    {
        var headers = RequestHeaders;
        return new FixtureEntry
        {
            Name = Case,
            Method = Method,
            Path = Url.AbsolutePath,
            Query = FixtureEntry.QueryEquals(Query, ignoreQueryKeys),
            Headers = headers.Count == 0 ? null : h => headers.All(kv => HeaderMatches(h, kv.Key, kv.Value)),
            Status = Status,
            ResponseHeaders = ResponseHeaders,
            Body = BodyFile is null ? null : File.ReadAllBytes(BodyFile),
        };
    }

    private static bool HeaderMatches(Microsoft.AspNetCore.Http.IHeaderDictionary headers, string name, string expected)
    {
        if (!headers.TryGetValue(name, out var actual) || string.IsNullOrEmpty(actual.ToString()))
        {
            return false;
        }
        return expected.Contains('<', StringComparison.Ordinal) || string.Equals(actual.ToString(), expected, StringComparison.Ordinal);
    }

    /// <summary>Reads every entry of <c>index.json</c> in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<IndexedFixture> LoadIndex(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "index.json")));
        var list = new List<IndexedFixture>();
        foreach (var f in doc.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            var request = f.GetProperty("request");
            var response = f.GetProperty("response");
            var bodyFile = response.TryGetProperty("bodyFile", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            list.Add(new IndexedFixture
            {
                Case = f.GetProperty("case").GetString() ?? "",
                Method = request.GetProperty("method").GetString() ?? "GET",
                Url = new Uri(request.GetProperty("url").GetString() ?? "/", UriKind.Absolute),
                Query = ReadMap(request, "query"),
                RequestHeaders = ReadMap(request, "headers"),
                Status = response.GetProperty("status").GetInt32(),
                ResponseHeaders = ReadMap(response, "headers"),
                BodyFile = bodyFile is null ? null : Path.Combine(folder, bodyFile),
                Sequence = f.TryGetProperty("sequence", out var s) && s.ValueKind == JsonValueKind.Array
                    ? s.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
                    : [],
            });
        }
        return list;
    }

    private static Dictionary<string, string> ReadMap(JsonElement parent, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (parent.TryGetProperty(name, out var obj) && obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in obj.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            }
        }
        return map;
    }
}
