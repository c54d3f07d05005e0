using System.Net;
using System.Text.Json.Nodes;
using Kairos.Plugins.Data.Tests.Support;

namespace Kairos.Plugins.Data.Tests.Export;

public sealed class ExportEndpointTests
{
    [Fact]
    public async Task Download_StreamsTheSameRowsAsTheTask()
    {
        await using var h = await DataHarness.StartAsync(DataExportTaskTests.Now);
        await DataExportTaskTests.WriteTransactionsAsync(h.PortfolioStore, 700);
        var (result, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "transactions", ["format"] = "json", ["since"] = "2026-10-01T01:00:00Z" });
        var http = await h.Host.StartHttpAsync();

        using var response = await http.GetAsync("/api/v1/plugins/data/exports/transactions?format=json&since=2026-10-01T01:00:00Z", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("transactions-20261101T000000Z.json", response.Content.Headers.ContentDisposition!.FileName);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(result.Data!["file"]!.GetValue<string>()), body);
        Assert.Equal(640, JsonNode.Parse(body)!.AsArray().Count);
    }

    [Fact]
    public async Task ExportFiles_AreListed_AndDownloadable()
    {
        await using var h = await DataHarness.StartAsync(DataExportTaskTests.Now);
        await DataExportTaskTests.WriteTransactionsAsync(h.PortfolioStore, 10);
        var (result, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "transactions" });
        var http = await h.Host.StartHttpAsync();

        var list = JsonNode.Parse(await http.GetStringAsync("/api/v1/plugins/data/exports"))!["exports"]!.AsArray();
        var item = Assert.Single(list)!;
        Assert.Equal(("transactions-20261101T000000Z.csv", "transactions", "csv"), (item["name"]!.GetValue<string>(), item["dataset"]!.GetValue<string>(), item["format"]!.GetValue<string>()));
        using var file = await http.GetAsync("/api/v1/plugins/data/exports/files/transactions-20261101T000000Z.csv");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(result.Data!["file"]!.GetValue<string>()), await file.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/plugins/data/exports/accounts", HttpStatusCode.BadRequest, "dataset")]
    [InlineData("/api/v1/plugins/data/exports/runs?since=soon", HttpStatusCode.BadRequest, "since")]
    [InlineData("/api/v1/plugins/data/exports/files/transactions-20261101T000000Z.csv", HttpStatusCode.NotFound, "no export file")]
    [InlineData("/api/v1/plugins/data/exports/files/..%2Fkairos.db", HttpStatusCode.NotFound, "no export file")]
    public async Task BadRequests_AnswerProblems_NamingWhatIsWrong(string url, HttpStatusCode expected, string mentioned)
    {
        await using var h = await DataHarness.StartAsync(DataExportTaskTests.Now);
        var http = await h.Host.StartHttpAsync();

        using var response = await http.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
