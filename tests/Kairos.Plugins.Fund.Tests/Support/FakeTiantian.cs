using System.Globalization;
using System.Text;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Fund.Tests.Support;

/// <summary>
/// The 'tiantian' endpoints on a real loopback server, answering from in-memory NAV tables as the source does:
/// <c>f10/lsjz</c> filters by startDate/endDate (inclusive), pages newest first with the server's own page size
/// (it ignores larger requests), demands the Referer; <c>fundgz</c> answers an estimate or <c>jsonpgz();</c>.
/// </summary>
internal sealed class FakeTiantian
{
    private readonly Dictionary<string, SortedDictionary<DateOnly, (string Nav, string Acc)>> _navs = [];
    private readonly Dictionary<string, string> _estimates = [];
    private readonly HashSet<string> _broken = [];
    private readonly HashSet<string> _estimateRoutes = [];

    public FakeTiantian(FixtureServer server, int serverPageSize = 3)
    {
        ServerPageSize = serverPageSize;
        server.Handle("GET", "/f10/lsjz", History);
    }

    public int ServerPageSize { get; }

    public FixtureServer Server { get; private set; } = null!;

    public static FakeTiantian Start(FixtureServer server, int serverPageSize = 3) => new(server, serverPageSize) { Server = server };

    /// <summary>Publishes NAVs (or money-market income per 10k / 7-day yield) of a fund.</summary>
    public FakeTiantian Nav(string code, string date, string nav, string acc = "")
    {
        if (!_navs.TryGetValue(code, out var table))
        {
            _navs[code] = table = [];
        }
        RouteEstimate(code);
        table[DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture)] = (nav, acc);
        return this;
    }

    public FakeTiantian Estimate(string code, string name, string officialDate, string officialNav, string estimate, string change, string time)
    {
        _estimates[code] = $$"""jsonpgz({"fundcode":"{{code}}","name":"{{name}}","jzrq":"{{officialDate}}","dwjz":"{{officialNav}}","gsz":"{{estimate}}","gszzl":"{{change}}","gztime":"{{time}}"});""";
        return this;
    }

    /// <summary>Makes every answer about this fund an error page (HTTP 200, HTML), as the source sometimes does.</summary>
    public FakeTiantian Broken(string code)
    {
        _broken.Add(code);
        RouteEstimate(code);
        return this;
    }

    private void RouteEstimate(string code)
    {
        if (_estimateRoutes.Add(code))
        {
            Server.Handle("GET", $"/js/{code}.js", context => Estimate(context, code));
        }
    }

    private Task History(HttpContext context)
    {
        var query = context.Request.Query;
        var code = query["fundCode"].ToString();
        if (!context.Request.Headers.Referer.ToString().StartsWith("https://fundf10.eastmoney.com/", StringComparison.Ordinal))
        {
            return Json(context, """{"Data":"","ErrCode":-999,"ErrMsg":"","TotalCount":0,"Expansion":null,"PageSize":0,"PageIndex":0}""");
        }
        if (_broken.Contains(code))
        {
            return Html(context);
        }
        var from = Date(query["startDate"]);
        var to = Date(query["endDate"]);
        var rows = (_navs.TryGetValue(code, out var table) ? table : [])
            .Where(r => (from is null || r.Key >= from) && (to is null || r.Key <= to))
            .OrderByDescending(r => r.Key)
            .Select(r => LsjzBodies.Row(r.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Value.Nav, r.Value.Acc))
            .ToList();
        var pageIndex = int.Parse(query["pageIndex"].ToString(), CultureInfo.InvariantCulture);
        var size = Math.Min(ServerPageSize, int.Parse(query["pageSize"].ToString(), CultureInfo.InvariantCulture));
        var page = rows.Skip((pageIndex - 1) * size).Take(size);
        return Json(context, LsjzBodies.Page(page, rows.Count, size, pageIndex));
    }

    private Task Estimate(HttpContext context, string code)
    {
        if (_broken.Contains(code))
        {
            return Html(context);
        }
        context.Response.ContentType = "application/javascript; charset=utf-8";
        return context.Response.WriteAsync(_estimates.TryGetValue(code, out var body) ? body : "jsonpgz();", Encoding.UTF8);
    }

    private static DateOnly? Date(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task Json(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body, Encoding.UTF8);
    }

    private static Task Html(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync("<html><body>系统繁忙，请稍后再试</body></html>", Encoding.UTF8);
    }
}
