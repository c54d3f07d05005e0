using System.Security.Cryptography;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Plugins.Wise.Transactions;
using static Kairos.Plugins.Wise.Tests.Support.WiseFeed;

namespace Kairos.Plugins.Wise.Tests.Transactions;

/// <summary>Balance statements in the transaction sync: exact amounts, strong customer authentication, and what happens when they are not available.</summary>
public sealed class TransactionStatementTests
{
    [Fact]
    public async Task FirstSync_WalksEveryPage_SignsTheScaChallenge_AndRecordsExactStatementAmounts()
    {
        await using var h = await StartAsync(scaKey: true);
        ServeActivityPages(h);
        ServeStatements(h, h.ScaKey);

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());

        Assert.True(result.Succeeded, result.Error);
        var stored = await StoredAsync(h);
        Assert.Equal(3, stored.Count);
        // Exact signed amounts from the EUR statement (CARD-77001, TRANSFER-55001); the transfer has no line: display text.
        Assert.Equal((-4.2m, "EUR", "withdrawal"), (stored[CardId].Amount, stored[CardId].Currency, stored[CardId].Kind));
        Assert.Equal((1000m, "EUR", "deposit"), (stored[DepositId].Amount, stored[DepositId].Currency, stored[DepositId].Kind));
        Assert.Equal((-850m, "EUR", "withdrawal"), (stored[TransferId].Amount, stored[TransferId].Currency, stored[TransferId].Kind));
        Assert.Equal("Sample Landlord Sent by you [TRANSFER]", stored[TransferId].Description);
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 7, 12, 0, TimeSpan.Zero), stored[CardId].OccurredAt);
        Assert.All(stored.Values, t => Assert.Equal("30000001", t.AccountId));

        // Pages followed by cursor; the SCA challenge answered once with a signature the server verified.
        var pages = h.Server.RequestsTo(Activities);
        Assert.Equal([null, Cursor], pages.Select(r => r.QueryValue("nextCursor")));
        Assert.All(pages, r => Assert.Equal(("2024-05-01T00:00:00.000Z", "2024-06-03T00:00:00.000Z", "2"), (r.QueryValue("since"), r.QueryValue("until"), r.QueryValue("size"))));
        var statement = h.Server.RequestsTo(EurStatement);
        Assert.Equal(2, statement.Count);
        Assert.Equal(OneTimeToken, statement[1].Header("x-2fa-approval"));
        Assert.Equal(("2024-05-01T00:00:00.000Z", "2024-06-02T23:59:59.999Z"), (statement[1].QueryValue("intervalStart"), statement[1].QueryValue("intervalEnd")));

        Assert.Equal(["30000001|2024-06-03T00:00:00.0000000Z|null|null"], await h.RowsAsync("SELECT profile_id, synced_until, window_since, next_cursor FROM wise_sync_state"));
        var evt = Assert.Single(h.Events(TransactionSyncTask.SyncedEvent)).Data!.Value;
        var profile = Assert.Single(evt.GetProperty("profiles").EnumerateArray());
        Assert.Equal(("30000001", 2, 3, 3, 2), (profile.GetProperty("profile_id").GetString(), profile.GetProperty("pages").GetInt32(),
            profile.GetProperty("activities").GetInt32(), profile.GetProperty("inserted").GetInt32(), profile.GetProperty("exact_amounts").GetInt32()));
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 0, 0, 0, TimeSpan.Zero), profile.GetProperty("until").GetDateTimeOffset());
        Assert.Equal(["EUR read 2", "USD read 0"], profile.GetProperty("statements").EnumerateArray()
            .Select(s => $"{s.GetProperty("currency").GetString()} {s.GetProperty("status").GetString()} {s.GetProperty("lines").GetInt32()}"));
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task ScaChallengeWithoutAKey_IsReported_AndTheActivitiesAreStillRecordedFromTheirDisplayAmounts()
    {
        await using var h = await StartAsync();
        ServeActivityPages(h);
        ServeStatements(h, uploadedKey: null);

        var (result, context) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());

        Assert.True(result.Succeeded, result.Error);
        var stored = await StoredAsync(h);
        Assert.Equal((-4.20m, "EUR"), (stored[CardId].Amount, stored[CardId].Currency));
        Assert.Equal(1000m, stored[DepositId].Amount);
        Assert.Equal(-850m, stored[TransferId].Amount);
        Assert.Single(h.Server.RequestsTo(EurStatement));
        var eur = WisePluginHarness.Data(result)["profiles"]![0]!["statements"]!.AsArray().Single(s => (string?)s!["currency"] == "EUR")!;
        Assert.Equal(("sca_required", "ScaRequired"), ((string?)eur["status"], (string?)eur["error_type"]));
        Assert.Contains("Plugins:wise:ScaPrivateKeyPath", (string?)eur["message"], StringComparison.Ordinal);
        Assert.Contains(context.Lines, l => l.Contains("EUR statement is not available", StringComparison.Ordinal));
        Assert.Single(h.Events(TransactionSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task SignedRepeatRefused_IsReportedAsRejected_WithoutFailingTheSync()
    {
        await using var h = await StartAsync(scaKey: true);
        ServeActivityPages(h);
        using var otherKey = RSA.Create(2048);
        ServeStatements(h, otherKey);

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, h.Server.RequestsTo(EurStatement).Count);
        var eur = WisePluginHarness.Data(result)["profiles"]![0]!["statements"]![0]!;
        Assert.Equal("sca_rejected", (string?)eur["status"]);
        Assert.Contains("Upload the public key", (string?)eur["message"], StringComparison.Ordinal);
        Assert.Equal(3, (await StoredAsync(h)).Count);
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task UnreadableKeyFile_IsReportedWithoutItsPath()
    {
        await using var h = await StartAsync(settings: s => s["ScaPrivateKeyPath"] = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wise", "v2-profiles.json"));
        ServeActivityPages(h);
        ServeStatements(h, uploadedKey: null);

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());

        Assert.True(result.Succeeded, result.Error);
        var eur = WisePluginHarness.Data(result)["profiles"]![0]!["statements"]![0]!;
        Assert.Equal("sca_key_unreadable", (string?)eur["status"]);
        h.AssertSecretsNeverLeaked(Path.Combine(AppContext.BaseDirectory, "Fixtures"));
    }

    [Fact]
    public async Task StatementFailingTransiently_FailsTheRun_AfterStoringTheActivities()
    {
        await using var h = await StartAsync(scaKey: true);
        ServeActivityPages(h);
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath == WiseFeed.Balances);
        h.Server.Map("GET", EurStatement, 503, "");
        h.Server.Map("GET", UsdStatement, 200, """{"transactions": [], "query": {}}""");

        var (result, _) = await h.RunAsync(TransactionSyncTask.Id, FixtureWindow());

        Assert.False(result.Succeeded);
        Assert.Equal("SourceUnavailable", result.ErrorType);
        Assert.Contains("statement EUR", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await StoredAsync(h)).Count);
        Assert.Equal(["2024-06-03T00:00:00.0000000Z"], await h.RowsAsync("SELECT synced_until FROM wise_sync_state"));
    }
}
