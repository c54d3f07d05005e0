using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Endpoints;

[Collection(KeyedServerCollection.Name)]
public partial class ObservabilityEndpointTests(KeyedServerFixture fixture)
{
    private readonly KairosServerProcess _server = fixture.Server;

    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (\+Inf|-Inf|NaN|-?[0-9.]+([eE][+-]?[0-9]+)?)$""")]
    private static partial Regex SampleLine();

    [Fact]
    public async Task Health_WithoutKey_IsHealthy()
    {
        using var response = await _server.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_IsPrometheusTextFormat()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "metrics", KeyedServerFixture.ReadKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");

        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Assert.True(typed.Add(line.Split(' ')[2]), $"Family declared twice: {line}");
            }
            else if (!line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Assert.Matches(SampleLine(), line);
                var name = line.Split('{', ' ')[0];
                Assert.Contains(typed, family => name == family || name.StartsWith(family + "_", StringComparison.Ordinal));
            }
        }

        Assert.Contains("kairos_build_info", typed);
    }

    [Fact]
    public async Task Metrics_CountRequestsAsTheyHappen()
    {
        var before = await CountOf("kairos_http_requests_total{method=\"GET\",code=\"404\"}");
        using (await _server.SendAsync(HttpMethod.Get, "api/v1/scheduler/counted-404", KeyedServerFixture.AdminKey))
        {
        }

        var after = await CountOf("kairos_http_requests_total{method=\"GET\",code=\"404\"}");

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedWithoutKey()
    {
        using var response = await _server.Http.GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/scheduler/schedules/preview", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task ApiReferencePage_IsServedWithoutKey()
    {
        using var response = await _server.Http.GetAsync("api/reference/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<double> CountOf(string series)
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "metrics", KeyedServerFixture.ReadKey);
        var line = (await response.Content.ReadAsStringAsync()).Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
