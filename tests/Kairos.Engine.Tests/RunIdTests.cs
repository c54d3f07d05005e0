using Kairos.Engine.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests;

public class RunIdTests
{
    [Fact]
    public void A_run_id_is_a_version_7_uuid_carrying_the_millisecond_it_was_made()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T08:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture));
        var id = RunIds.New(time);

        Assert.Matches("^[0-9a-f]{32}$", id);
        var uuid = Guid.ParseExact(id, "N");
        Assert.Equal(7, uuid.Version);
        Assert.Contains(id[16], "89ab"); // variant 10xx
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), Convert.ToInt64(id[..12], 16));
    }

    [Fact]
    public void Ids_are_unique_and_sort_by_the_time_they_were_made()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ids = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            ids.Add(RunIds.New(time));
            if (i % 100 == 99)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var byMillisecond = ids.Chunk(100).Select(chunk => chunk.Order(StringComparer.Ordinal).ToArray()).ToArray();
        for (var i = 1; i < byMillisecond.Length; i++)
        {
            Assert.True(string.CompareOrdinal(byMillisecond[i - 1][^1], byMillisecond[i][0]) < 0, "a later millisecond sorts after an earlier one");
        }
    }
}
