using System.Text;
using System.Text.Json.Nodes;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Plugins.Wise.Transactions;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;
using static Kairos.Plugins.Wise.Tests.Support.WiseFeed;

namespace Kairos.Plugins.Wise.Tests.Transactions;

public sealed class TransactionSyncTaskTests
{
    [Fact]
    public async Task SecondIdenticalSync_ChangesNothing()
    {
        await using var h = await StartAsync(scaKey: true);
        ServeActivityPages(h);
        ServeStatements(h, h.ScaKey);
        await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());
        var before = await h.RowsAsync("SELECT * FROM portfolio_transactions ORDER BY external_id");

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());

        Assert.True(result.Succeeded, result.Error);
        var profile = WisePluginHarness.Data(result)["profiles"]![0]!;
        Assert.Equal((0, 0, 3), ((int)profile["inserted"]!, (int)profile["updated"]!, (int)profile["unchanged"]!));
        Assert.Equal(before, await h.RowsAsync("SELECT * FROM portfolio_transactions ORDER BY external_id"));
    }

    [Fact]
    public async Task NextSync_StartsFromTheLastPointMinusTheOverlap_AddsTheNew_AndUpdatesWhatChanged()
    {
        await using var h = await StartAsync();
        ServeActivityPages(h);
        await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false));
        h.Clock.Fake.Advance(TimeSpan.FromDays(1));
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(WisePluginHarness.FixturesFolder, "v1-profiles-activities.page1.json")))!["activities"]![1]!;
        card["primaryAmount"] = "4.40 EUR"; // Wise settled the card payment at another amount
        h.Server.Add(new FixtureEntry
        {
            Path = Activities,
            Query = FixtureEntry.QueryEquals(new Dictionary<string, string> { ["since"] = "2024-05-31T00:00:00.000Z", ["until"] = "2024-06-04T00:00:00.000Z", ["size"] = "100" }),
            Body = Encoding.UTF8.GetBytes(Page(null, card.ToJsonString(),
                Activity("NEW-1", "BALANCE_DEPOSIT", "<positive>Added to EUR</positive>", "<positive>+ 2,500.5 EUR</positive>", "2024-06-03T09:00:00.000Z"))),
        });

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, new JsonObject { ["statements"] = false });

        Assert.True(result.Succeeded, result.Error);
        var profile = WisePluginHarness.Data(result)["profiles"]![0]!;
        Assert.Equal((1, 1, 0), ((int)profile["inserted"]!, (int)profile["updated"]!, (int)profile["unchanged"]!));
        var stored = await StoredAsync(h);
        Assert.Equal(4, stored.Count);
        Assert.Equal(-4.40m, stored[CardId].Amount);
        Assert.Equal((2500.5m, "deposit"), (stored["NEW-1"].Amount, stored["NEW-1"].Kind));
        Assert.Equal(["30000001|2024-06-04T00:00:00.0000000Z"], await h.RowsAsync("SELECT profile_id, synced_until FROM wise_sync_state"));
        Assert.Equal(2, h.Events(TransactionSyncTask.SyncedEvent).Count);
    }

    [Fact]
    public async Task RunStoppedHalfWay_KeepsTheCursor_AndTheNextRunResumesFromThatPage()
    {
        await using var h = await StartAsync();
        h.Load(f => f.Url.AbsolutePath == Activities && f.Case.StartsWith("success, page 1", StringComparison.Ordinal));
        h.Server.Add(new FixtureEntry { Path = Activities, Query = q => q.ContainsKey("nextCursor"), Status = 500 });

        var (failed, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false));

        Assert.False(failed.Succeeded);
        Assert.Equal("SourceUnavailable", failed.ErrorType);
        Assert.Equal(2, (await StoredAsync(h)).Count);
        Assert.Equal([$"null|2024-05-01T00:00:00.0000000Z|2024-06-03T00:00:00.0000000Z|2|{Cursor}"],
            await h.RowsAsync("SELECT synced_until, window_since, window_until, page_size, next_cursor FROM wise_sync_state"));

        h.Server.Reset();
        h.Load(f => f.Url.AbsolutePath == Activities && f.Case.StartsWith("success, page 2", StringComparison.Ordinal));
        h.Server.Add(new FixtureEntry { Path = Activities, Query = q => q["since"] == "2024-05-31T00:00:00.000Z", Body = Encoding.UTF8.GetBytes(Page(null)) });

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, new JsonObject { ["statements"] = false, ["page_size"] = 2 });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([Cursor, null], h.Server.RequestsTo(Activities).Select(r => r.QueryValue("nextCursor")));
        Assert.Equal(3, (await StoredAsync(h)).Count);
        Assert.True((bool)WisePluginHarness.Data(result)["profiles"]![0]!["resumed_from_cursor"]!);
        // Synced up to the run's now (the clock moved on by the retry delays of the failed run).
        Assert.Equal([$"{h.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}|null"], await h.RowsAsync("SELECT synced_until, next_cursor FROM wise_sync_state"));
    }

    [Fact]
    public async Task StoredCursorNoLongerAccepted_TheWindowIsReadAgainFromItsFirstPage()
    {
        await using var h = await StartAsync();
        var fresh = false;
        h.Server.Handle("GET", Activities, async ctx =>
        {
            var cursor = ctx.Request.Query["nextCursor"].ToString();
            ctx.Response.ContentType = "application/json";
            if (cursor == "stale")
            {
                ctx.Response.StatusCode = fresh ? 400 : 500;
                await ctx.Response.WriteAsync("""{"errors":[{"code":"invalid.cursor","message":"Cursor expired"}]}""");
                return;
            }
            var page = cursor.Length == 0
                ? Page(fresh ? "fresh" : "stale", Activity("A-1", "CARD_PAYMENT", "Shop", "10 EUR", "2024-05-10T10:00:00.000Z"))
                : Page(null, Activity("A-2", "CARD_PAYMENT", "Cafe", "2.5 EUR", "2024-05-09T10:00:00.000Z"));
            await ctx.Response.WriteAsync(page);
        });
        Assert.False((await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false))).Result.Succeeded);
        fresh = true;

        var (result, context) = await h.RunAsync(TransactionSyncTask.Id, new JsonObject { ["statements"] = false });

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(context.Lines, l => l.Contains("no longer accepts the stored cursor", StringComparison.Ordinal));
        Assert.Equal(["A-1", "A-2"], (await StoredAsync(h)).Keys.Order());
        Assert.Equal(-2.5m, (await StoredAsync(h))["A-2"].Amount);
    }

    [Fact]
    public async Task RevokedToken_FailsWithACredentialsError_AndKeepsNoProgress()
    {
        await using var h = await StartAsync();
        h.Server.Map("GET", Activities, 401, """{"error":"invalid_token","error_description":"Invalid token"}""");

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false));

        Assert.False(result.Succeeded);
        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Single(h.Server.RequestsTo(Activities));
        Assert.Equal(0, await h.CountAsync("wise_sync_state"));
        Assert.Empty(h.Events(TransactionSyncTask.SyncedEvent));
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task RateLimitedPage_IsRepeatedAfterRetryAfter()
    {
        await using var h = await StartAsync();
        h.Load(f => f.Url.AbsolutePath == Activities && f.Case == "error: rate limited");
        var limited = h.Server.Requests.Count;
        h.Server.Reset();
        h.Server.AddSequence(
            new FixtureEntry { Path = Activities, Status = 429, ResponseHeaders = new Dictionary<string, string> { ["Retry-After"] = "5", ["X-Rate-Limited-By"] = "wise-public-api" } },
            new FixtureEntry { Path = Activities, Body = Encoding.UTF8.GetBytes(Page(null, Activity("A-1", "CARD_PAYMENT", "Shop", "10 EUR", "2024-05-10T10:00:00.000Z"))) });

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false));

        Assert.Equal(0, limited);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([TimeSpan.FromSeconds(5)], h.Clock.Waits);
        Assert.Equal(2, h.Server.RequestsTo(Activities).Count);
        Assert.Single(await StoredAsync(h));
    }

    [Fact]
    public async Task MalformedPage_FailsWithAParseErrorNamingTheEndpoint()
    {
        await using var h = await StartAsync();
        h.Server.Map("GET", Activities, 200, """{"cursor": null, "activities": [{"id": "A-1", "type": "CARD_PAYMENT"}]}""");

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false));

        Assert.False(result.Succeeded);
        Assert.Equal("ParseError", result.ErrorType);
        Assert.Contains("GET " + Activities, result.Error, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(h));
    }

    [Fact]
    public async Task CancelledActivity_IsRecordedWithoutCashEffect()
    {
        await using var h = await StartAsync();
        h.Server.Map("GET", Activities, 200, Page(null, Activity("A-9", "TRANSFER", "Landlord", "850 EUR", "2024-05-10T10:00:00.000Z", status: "CANCELLED")));

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow(statements: false));

        Assert.True(result.Succeeded, result.Error);
        var stored = Assert.Single((await StoredAsync(h)).Values);
        Assert.Equal((0m, "Landlord (cancelled) [TRANSFER]"), (stored.Amount, stored.Description));
    }

    [Theory]
    [InlineData("{\"page_size\": 0}", "page_size")]
    [InlineData("{\"since\": \"last tuesday\"}", "since")]
    public async Task BadConfig_FailsBeforeAnyRequest(string config, string key)
    {
        await using var h = await StartAsync();

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, JsonNode.Parse(config)!.AsObject());

        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }
}
