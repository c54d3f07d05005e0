using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Wise.Tests.Client;

public sealed class WiseActivitiesTests
{
    private static readonly DateTimeOffset Since = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2024, 6, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetActivities_TwoRecordedPages_FollowsTheCursorUntilNull()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(f => f.Sequence.Any(s => s.StartsWith("activities:", StringComparison.Ordinal)));

        var activities = await h.Client.GetActivitiesAsync(WiseHarness.ProfileId, Since, Until, pageSize: 2);

        Assert.Equal(3, activities.Count);
        Assert.Equal(["TRANSFER", "CARD_PAYMENT", "BALANCE_DEPOSIT"], activities.Select(a => a.Type));
        var card = activities[1];
        Assert.Equal("CARD_TRANSACTION", card.ResourceType);
        Assert.Equal("77001", card.ResourceId);
        Assert.Equal("Coffee Corner", card.PlainTitle);
        Assert.Null(card.Description);
        Assert.Equal("4.20 EUR", card.PrimaryAmount);
        Assert.Equal("3.58 GBP", card.SecondaryAmount);
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 7, 12, 0, TimeSpan.Zero), card.CreatedOn);
        Assert.Null(activities[0].SecondaryAmount);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Null(h.Server.Requests[0].QueryValue("nextCursor"));
        Assert.Equal("WyJQUklPUklUWSIsMTcxNzMyMDAwMDAwMCwiMTIzNDUiXQ==", h.Server.Requests[1].QueryValue("nextCursor"));
        Assert.Equal("2024-05-01T00:00:00.000Z", h.Server.Requests[1].QueryValue("since"));
        h.AssertTokenNeverLeaked(activities);
    }

    [Fact]
    public async Task GetActivities_CursorThatNeverChanges_StopsWithParseError()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Add(new FixtureEntry { Path = "/v1/profiles/30000001/activities", Body = WiseHarness.Fixture("v1-profiles-activities.page1.json") });

        var ex = await Assert.ThrowsAsync<WiseParseException>(() => h.Client.GetActivitiesAsync(WiseHarness.ProfileId, Since, Until, 2));

        Assert.Equal("GET /v1/profiles/30000001/activities", ex.Endpoint);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task GetActivities_EmptyFeed_ReturnsEmpty()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Map("GET", "/v1/profiles/30000001/activities", 200, """{"cursor":null,"activities":[]}""");

        Assert.Empty(await h.Client.GetActivitiesAsync(WiseHarness.ProfileId, Since, Until));
    }
}
