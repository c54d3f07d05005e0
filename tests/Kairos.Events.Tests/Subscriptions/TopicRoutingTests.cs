using Kairos.Events.Tests.Support;
using Kairos.Storage.Events;

namespace Kairos.Events.Tests.Subscriptions;

public class TopicRoutingTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "fund.nav.updated", "fund.nav.updated", true },
        { "fund.nav.updated", "fund.nav.synced", false },
        { "fund.nav.updated", "fund.nav", false },
        { "fund.*", "fund.nav", true },
        { "fund.*", "fund.nav.updated", false },
        { "fund.*", "fund", false },
        { "fund.#", "fund", true },
        { "fund.#", "fund.nav", true },
        { "fund.#", "fund.nav.updated", true },
        { "fund.#", "funds.nav", false },
        { "*.completed", "data.completed", true },
        { "*.completed", "data.report.completed", false },
        { "*.completed", "completed", false },
        { "#.completed", "data.report.completed", true },
        { "#.completed", "completed", true },
        { "fund.*.updated", "fund.nav.updated", true },
        { "fund.*.updated", "fund.nav.price.updated", false },
        { "fund.#.updated", "fund.nav.price.updated", true },
        { "#", "okx.positions.synced", true },
        { "Fund.nav", "fund.nav", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TopicPattern_matches_as_documented(string pattern, string type, bool expected) =>
        Assert.Equal(expected, TopicPattern.Parse(pattern).Matches(type));

    [Fact]
    public async Task Each_subscriber_receives_exactly_the_types_its_pattern_matches()
    {
        string[] types = ["fund.nav", "fund.nav.updated", "fund.positions.synced", "data.completed", "data.report.completed", "okx.positions.synced", "fund"];
        string[] patterns = ["fund.*", "fund.#", "*.completed", "fund.nav.updated", "#.synced", "#"];
        await using var harness = await BusHarness.StartAsync();
        var collectors = patterns.ToDictionary(p => p, _ => new EventCollector());
        foreach (var (pattern, collector) in collectors)
        {
            harness.Bus.Subscribe(pattern, collector.Handler);
        }

        foreach (var type in types)
        {
            await harness.PublishAsync(type);
        }
        await harness.DrainAsync();

        foreach (var (pattern, collector) in collectors)
        {
            var topic = TopicPattern.Parse(pattern);
            var expected = types.Where(topic.Matches).ToArray();
            Assert.Equal(expected, collector.Drain().Select(e => e.Type).ToArray());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("fund..nav")]
    [InlineData("fund.n av")]
    [InlineData("fund.*x")]
    public async Task Subscribe_refuses_a_malformed_pattern(string pattern)
    {
        await using var harness = await BusHarness.StartAsync();
        var error = Assert.Throws<ArgumentException>(() => harness.Bus.Subscribe(pattern, (_, _) => Task.CompletedTask));
        Assert.Equal("pattern", error.ParamName);
    }
}
