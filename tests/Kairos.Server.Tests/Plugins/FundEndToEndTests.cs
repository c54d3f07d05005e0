using System.Net;
using System.Text.Json;
using Kairos.Server.Tests.Fixtures;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Kairos.Server.Tests.Plugins;

/// <summary>
/// The built-in portfolio and fund plugins in the running server, against a recorded 'tiantian' source on loopback:
/// follow a fund, add a DCA plan and a purchase made elsewhere, run the three fund tasks through the seed's execute
/// endpoint (the seed's own example posts to /jobs/fund_nav_update/execute), read positions and net worth back —
/// and the seed's job body, now with the real fund_nav_update task.
/// </summary>
public sealed class FundEndToEndTests : IAsyncLifetime
{
    private const string Key = "fund-e2e-admin-key-0123456789";
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiantian");
    private FixtureServer _source = null!;
    private KairosServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _source = await FixtureServer.StartAsync();
        _source.Handle("GET", "/f10/lsjz", ServeHistoryAsync);
        _source.Handle("GET", "/js/000001.js", context => ServeFileAsync(context, "fundgz-js.success.js", "application/javascript"));
        _server = await KairosServerProcess.StartAsync(new KairosServerProcessOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["KAIROS_API_KEY"] = Key,
                ["KAIROS_DEFAULT_JOBS"] = "true",
                ["Plugins__fund__EstimateBaseUrl"] = _source.BaseUrl,
                ["Plugins__fund__HistoryBaseUrl"] = _source.BaseUrl,
                ["Plugins__fund__RequestIntervalMilliseconds"] = "0",
                ["Plugins__fund__RequestJitterMilliseconds"] = "0",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Fact]
    public async Task Funds_plans_and_purchases_become_positions_and_net_worth()
    {
        var (status, body, _) = await Call(HttpMethod.Post, "/api/v1/plugins/fund/funds", """{"code":"000001"}""");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{status} {body}");
        (status, body, _) = await Call(HttpMethod.Post, "/api/v1/plugins/fund/dca-plans",
            """{"fund_code":"000001","amount":"1000","frequency":"monthly","day_of_month":1,"fee_rate":"0.0015","start_date":"2026-11-01"}""");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{status} {body}");
        Assert.Equal("1000", body.GetProperty("amount").GetString());
        (status, body, _) = await Call(HttpMethod.Post, "/api/v1/plugins/fund/transactions",
            """{"fund_code":"000001","kind":"buy","trade_date":"2024-05-27","shares":"900.36","amount":"1000","fee":"1.50","nav":"1.1090","external_id":"bank-1"}""");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{status} {body}");

        // The default job exists and is scheduled now that the fund plugin is loaded.
        (status, body, _) = await Call(HttpMethod.Get, "/api/v1/scheduler/jobs/default_fund_nav_update");
        Assert.Equal("scheduled", body.GetProperty("state").GetString());

        var nav = await ExecuteAsync("fund_nav_update", """{"fund_codes":["000001"]}""");
        Assert.True(nav.GetProperty("status").GetString() == "succeeded", nav.ToString());
        var dca = await ExecuteAsync("dca_execute", "{}");
        Assert.True(dca.GetProperty("status").GetString() == "succeeded", dca.ToString());
        var sync = await ExecuteAsync("fund_position_sync", "{}");
        Assert.True(sync.GetProperty("status").GetString() == "succeeded", sync.ToString());

        (status, body, _) = await Call(HttpMethod.Get, "/api/v1/plugins/portfolio/positions?source=fund");
        Assert.Equal(HttpStatusCode.OK, status);
        var position = body.GetProperty("positions")[0];
        Assert.Equal("900.36", position.GetProperty("quantity").GetString());
        Assert.Equal("1.1090", position.GetProperty("price").GetString());
        // 900.36 units × the latest official NAV 1.1090 (2024-05-31 in the recorded history) = 998.49924 → 998.50;
        // cost 1000 (fee included) → unrealised P&L −1.50, average cost 1000 / 900.36 = 1.11066… → 1.1107.
        Assert.Equal("998.50", position.GetProperty("market_value").GetString());
        Assert.Equal("-1.50", position.GetProperty("unrealised_pnl").GetString());
        Assert.Equal("1.1107", position.GetProperty("average_cost").GetString());

        (status, body, _) = await Call(HttpMethod.Get, "/api/v1/plugins/portfolio/net-worth?currency=CNY");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("998.50", body.GetProperty("total").GetString());

        (_, body, _) = await Call(HttpMethod.Get, "/api/v1/scheduler/events?type=fund.%23");
        var types = body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("fund.nav.updated", types);
        Assert.Contains("fund.positions.synced", types);
    }

    [Fact]
    public async Task The_seed_job_body_runs_with_the_real_fund_nav_update_task()
    {
        var (status, body, _) = await Call(HttpMethod.Post, "/api/v1/scheduler/jobs",
            """{"job_id":"fund_nav_daily_update","name":"基金净值每日更新","task_id":"fund_nav_update","schedule":{"type":"cron","hour":15,"minute":30,"second":0},"config":{"fund_codes":["000001"]}}""");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("scheduled", body.GetProperty("state").GetString());
        var run = await ExecuteAsync("fund_nav_daily_update", "{}");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("fund_nav_daily_update", run.GetProperty("job_id").GetString());
        (status, body, _) = await Call(HttpMethod.Get, "/api/v1/plugins/fund/funds");
        Assert.Equal(HttpStatusCode.OK, status);

        // A data source other than 'tiantian' is a clear 400 naming the field, before anything runs.
        (status, body, _) = await Call(HttpMethod.Post, "/api/v1/scheduler/jobs/fund_nav_update/execute", """{"fund_codes":["000001"],"data_source":"yahoo"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("config.data_source", out _));
    }

    private async Task<JsonElement> ExecuteAsync(string jobOrTask, string overrides)
    {
        var (status, body, _) = await Call(HttpMethod.Post, $"/api/v1/scheduler/jobs/{jobOrTask}/execute?wait=60", overrides);
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        return body;
    }

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Call(HttpMethod method, string path, string? body = null) =>
        _server.CallAsync(method, path, Key, body);

    private static async Task ServeHistoryAsync(HttpContext context)
    {
        if (string.IsNullOrEmpty(context.Request.Headers.Referer))
        {
            await ServeFileAsync(context, "f10-lsjz.error-no-referer.json", "application/json");
            return;
        }
        var page = context.Request.Query["pageIndex"].ToString() == "2" ? "f10-lsjz.page2.json" : "f10-lsjz.page1.json";
        await ServeFileAsync(context, context.Request.Query["fundCode"] == "000001" ? page : "f10-lsjz.unknown-code.json", "application/json");
    }

    private static async Task ServeFileAsync(HttpContext context, string file, string contentType)
    {
        context.Response.ContentType = contentType + "; charset=utf-8";
        await context.Response.SendFileAsync(Path.Combine(FixtureFolder, file));
    }
}
