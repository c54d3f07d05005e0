using System.Net;
using System.Text.Json.Nodes;

namespace Kairos.Plugins.Data.Tests.Reports;

public sealed class ReportEndpointTests
{
    [Fact]
    public async Task Reports_AreListed_AndServedInEachFormat()
    {
        await using var h = await ReportGenerationTaskTests.StartAsync();
        await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-09" });
        await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });
        var http = await h.Host.StartHttpAsync();

        var list = JsonNode.Parse(await http.GetStringAsync("/api/v1/plugins/data/reports"))!["reports"]!.AsArray();
        Assert.Equal(["portfolio-2026-10-cny", "portfolio-2026-09-cny"], list.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(["html", "csv", "json"], list[0]!["formats"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(("2026-10", "CNY"), (list[0]!["period"]!.GetValue<string>(), list[0]!["currency"]!.GetValue<string>()));

        using var html = await http.GetAsync("/api/v1/plugins/data/reports/portfolio-2026-10-cny");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Null(html.Content.Headers.ContentDisposition);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-cny.html")), await html.Content.ReadAsStringAsync());

        using var csv = await http.GetAsync("/api/v1/plugins/data/reports/portfolio-2026-10-cny?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("portfolio-2026-10-cny.csv", csv.Content.Headers.ContentDisposition!.FileName);
        Assert.StartsWith("section,source,account", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var json = await http.GetAsync("/api/v1/plugins/data/reports/portfolio-2026-10-cny?format=json");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal(20100.00m, JsonNode.Parse(await json.Content.ReadAsStringAsync())!["end"]!["total"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("/api/v1/plugins/data/reports/portfolio-2030-01-cny", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/plugins/data/reports/..%2F..%2Fkairos", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/plugins/data/reports/portfolio-2026-10-cny?format=pdf", HttpStatusCode.BadRequest)]
    public async Task Reports_UnknownOrBadRequests_AnswerProblems(string url, HttpStatusCode expected)
    {
        await using var h = await ReportGenerationTaskTests.StartAsync();
        await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });
        await File.WriteAllTextAsync(Path.Combine(h.DataDirectory, "kairos.html"), "secret");
        var http = await h.Host.StartHttpAsync();

        using var response = await http.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
