using Kairos.Storage.Events;
using static Kairos.Storage.Conformance.StoreSamples;

namespace Kairos.Storage.Conformance;

/// <summary>What every <see cref="IEventLog"/> must do.</summary>
public abstract class EventLogConformance : StoreConformanceBase
{
    /// <summary>Types chosen to trip prefix filters: neighbours of "fund" that are not "fund.…", and '_' (a LIKE wildcard).</summary>
    private static readonly string[] s_types =
    [
        "fund", "fund.nav", "fund.nav.updated", "fund.positions.synced", "fund-x.nav", "fundx.nav", "funds.nav",
        "fun.nav", "fund_a.nav", "data.completed", "data.report.completed", "okx.positions.synced", "FUND.nav",
    ];

    private async Task<List<EventRecord>> AppendOneOfEachTypeAsync(int rounds = 1)
    {
        var events = new List<EventRecord>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var type in s_types)
            {
                events.Add(Event($"e{events.Count:D3}", type, Start.AddSeconds(events.Count)));
            }
        }
        return [.. await Store.Events.AppendAsync(events)];
    }

    private async Task<List<EventRecord>> ReadAllPagesAsync(EventQuery query)
    {
        var all = new List<EventRecord>();
        string? cursor = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await Store.Events.QueryAsync(query with { Cursor = cursor });
            all.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return all;
            }
            Assert.Equal(query.Limit, page.Items.Count);
            cursor = page.NextCursor;
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    private static string[] NewestFirst(IEnumerable<EventRecord> events) =>
        events.OrderByDescending(e => e.Sequence).Select(e => e.Id).ToArray();

    [Fact]
    public async Task Append_assigns_increasing_sequences_in_order_and_returns_the_stored_events()
    {
        var input = new[] { Event("a", "x.one", Start, subject: "s", runId: "r1"), Event("b", "x.two", Start.AddSeconds(-5)), Event("c", "x.one", Start) };

        var stored = await Store.Events.AppendAsync(input);
        var more = await Store.Events.AppendAsync([Event("d", "x.one", Start)]);

        Assert.Equal(["a", "b", "c"], stored.Select(e => e.Id));
        Assert.True(stored[0].Sequence > 0);
        Assert.True(stored[0].Sequence < stored[1].Sequence && stored[1].Sequence < stored[2].Sequence);
        Assert.True(more[0].Sequence > stored[2].Sequence);
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Equal(input[i] with { Sequence = stored[i].Sequence }, stored[i]);
            Assert.Equal(stored[i], await Store.Events.GetAsync(input[i].Id));
        }
        Assert.Equal(more[0].Sequence, await Store.Events.GetLastSequenceAsync());
    }

    [Fact]
    public async Task An_empty_log_has_last_sequence_zero_and_unknown_ids_read_as_null()
    {
        Assert.Equal(0, await Store.Events.GetLastSequenceAsync());
        Assert.Null(await Store.Events.GetAsync("nope"));
        Assert.Empty(await Store.Events.AppendAsync([]));
    }

    [Fact]
    public async Task Appending_an_existing_id_returns_the_stored_event_and_writes_nothing()
    {
        var first = (await Store.Events.AppendAsync([Event("dup", "x.one", Start)]))[0];

        var again = await Store.Events.AppendAsync([Event("new", "x.two", Start), Event("dup", "x.changed", Start.AddHours(1)), Event("new", "x.three", Start)]);

        Assert.Equal(first, again[1]);
        Assert.Equal(again[0], again[2]);
        Assert.Equal("x.two", again[2].Type);
        Assert.Equal(2, (await Store.Events.QueryAsync(new EventQuery())).Items.Count);
        Assert.Equal(again[0].Sequence, await Store.Events.GetLastSequenceAsync());
    }

    [Theory]
    [InlineData(100, -1)]
    [InlineData(100, 70)]
    [InlineData(33, 32)]
    public async Task A_large_batch_is_stored_in_order_even_with_a_stored_id_inside(int size, int duplicateAt)
    {
        // Stores may write a batch in chunks (SQLite: 32 events per INSERT); a chunk holding an id already stored
        // must not lose, reorder or renumber anything around it.
        var earlier = (await Store.Events.AppendAsync([Event("stored", "x.old", Start)]))[0];
        var input = Enumerable.Range(0, size)
            .Select(i => i == duplicateAt ? Event("stored", "x.changed", Start) : Event($"b{i:D3}", "x.batch", Start.AddSeconds(i)))
            .ToArray();

        var stored = await Store.Events.AppendAsync(input);

        Assert.Equal(input.Select(e => e.Id), stored.Select(e => e.Id));
        var fresh = stored.Where((_, i) => i != duplicateAt).ToArray();
        for (var i = 1; i < fresh.Length; i++)
        {
            Assert.True(fresh[i].Sequence > fresh[i - 1].Sequence, $"event {fresh[i].Id} is numbered before {fresh[i - 1].Id}");
        }
        Assert.True(fresh[0].Sequence > earlier.Sequence);
        if (duplicateAt >= 0)
        {
            Assert.Equal(earlier, stored[duplicateAt]);
        }
        foreach (var e in fresh)
        {
            Assert.Equal(e, await Store.Events.GetAsync(e.Id));
        }
        Assert.Equal(fresh[^1].Sequence, await Store.Events.GetLastSequenceAsync());
        Assert.Equal(fresh.Length + 1, (await Store.Events.QueryAsync(new EventQuery { Limit = 1000 })).Items.Count);
    }

    [Fact]
    public async Task Large_data_round_trips_and_the_events_after_it_are_stored_whole()
    {
        // A store may let large values go after writing them (SQLite unbinds them); what follows must not lose a field.
        var large = Event("large", "x.big", Start) with { DataJson = "{\"blob\": \"" + new string('x', 40_000) + "\"}" };
        var batch = new[] { large, Event("small-1", "x.big", Start), Event("small-2", "x.other", Start.AddSeconds(1), subject: "s", runId: "r") };

        var stored = await Store.Events.AppendAsync(batch);
        var single = await Store.Events.AppendAsync([large with { Id = "large-alone" }]);
        var after = await Store.Events.AppendAsync([Event("small-3", "x.big", Start)]);

        foreach (var e in stored.Concat(single).Concat(after))
        {
            Assert.Equal(e, await Store.Events.GetAsync(e.Id));
        }
        Assert.Equal(batch[2] with { Sequence = stored[2].Sequence }, stored[2]);
        Assert.Equal(large.DataJson, (await Store.Events.GetAsync("large-alone"))!.DataJson);
    }

    [Fact]
    public async Task Query_returns_newest_first_and_pages_without_gaps_or_duplicates()
    {
        var events = await AppendOneOfEachTypeAsync(rounds: 3);

        Assert.Equal(NewestFirst(events), (await ReadAllPagesAsync(new EventQuery { Limit = 4 })).Select(e => e.Id));
        var page = await Store.Events.QueryAsync(new EventQuery { Limit = 1000 });
        Assert.Equal(events.OrderByDescending(e => e.Sequence), page.Items);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("fund.*")]
    [InlineData("fund.#")]
    [InlineData("*.completed")]
    [InlineData("#.completed")]
    [InlineData("fund.*.updated")]
    [InlineData("*.nav")]
    [InlineData("#")]
    [InlineData("fund.nav")]
    [InlineData("fund")]
    [InlineData("fund_a.#")]
    [InlineData("no.such.type")]
    public async Task Type_patterns_select_exactly_the_matching_types_across_pages(string pattern)
    {
        var events = await AppendOneOfEachTypeAsync(rounds: 4);
        var topic = TopicPattern.Parse(pattern);

        var paged = await ReadAllPagesAsync(new EventQuery { Type = pattern, Limit = 3 });

        Assert.Equal(NewestFirst(events.Where(e => topic.Matches(e.Type))), paged.Select(e => e.Id));
    }

    [Fact]
    public async Task A_sparse_pattern_still_fills_its_pages()
    {
        var events = new List<EventRecord>();
        for (var i = 0; i < 600; i++)
        {
            events.Add(Event($"e{i:D4}", i % 97 == 0 ? "data.report.completed" : "fund.nav.updated", Start.AddSeconds(i)));
        }
        var stored = await Store.Events.AppendAsync(events);

        var first = await Store.Events.QueryAsync(new EventQuery { Type = "*.*.completed", Limit = 2 });
        var all = await ReadAllPagesAsync(new EventQuery { Type = "*.*.completed", Limit = 2 });

        Assert.Equal(2, first.Items.Count);
        Assert.Equal(NewestFirst(stored.Where(e => e.Type == "data.report.completed")), all.Select(e => e.Id));
    }

    [Fact]
    public async Task Source_subject_run_and_time_filters_apply_alone_and_together()
    {
        var events = new List<EventRecord>();
        for (var i = 0; i < 30; i++)
        {
            events.Add(Event($"e{i:D2}", i % 2 == 0 ? "fund.nav.updated" : "run.failed", Start.AddMinutes(i),
                source: i % 3 == 0 ? "fund" : "kairos", subject: i % 5 == 0 ? "000001" : null, runId: i % 4 == 0 ? "run-" + (i % 8) : null));
        }
        var stored = await Store.Events.AppendAsync(events);
        var since = Start.AddMinutes(10);
        var until = Start.AddMinutes(20);

        string[] Expect(Func<EventRecord, bool> filter) => NewestFirst(stored.Where(filter));
        async Task<string[]> Read(EventQuery query) => (await ReadAllPagesAsync(query with { Limit = 2 })).Select(e => e.Id).ToArray();

        Assert.Equal(Expect(e => e.Source == "fund"), await Read(new EventQuery { Source = "fund" }));
        Assert.Equal(Expect(e => e.Subject == "000001"), await Read(new EventQuery { Subject = "000001" }));
        Assert.Equal(Expect(e => e.RunId == "run-4"), await Read(new EventQuery { RunId = "run-4" }));
        Assert.Equal(Expect(e => e.Time >= since), await Read(new EventQuery { Since = since }));
        Assert.Equal(Expect(e => e.Time < until), await Read(new EventQuery { Until = until }));
        Assert.Equal(
            Expect(e => e.Type.StartsWith("fund.", StringComparison.Ordinal) && e.Source == "fund" && e.Time >= since && e.Time < until),
            await Read(new EventQuery { Type = "fund.#", Source = "fund", Since = since, Until = until }));
        Assert.NotEmpty(Expect(e => e.Type.StartsWith("fund.", StringComparison.Ordinal) && e.Source == "fund" && e.Time >= since && e.Time < until));
    }

    [Fact]
    public async Task Invalid_patterns_and_cursors_are_argument_errors()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Events.QueryAsync(new EventQuery { Type = "fund..nav" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Events.QueryAsync(new EventQuery { Type = "fund.n*v" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Events.QueryAsync(new EventQuery { Cursor = "x" }));
    }

    [Fact]
    public async Task Limit_is_clamped_between_1_and_1000()
    {
        var events = Enumerable.Range(0, 1001).Select(i => Event($"e{i:D4}", "x.y", Start)).ToList();
        await Store.Events.AppendAsync(events);

        Assert.Single((await Store.Events.QueryAsync(new EventQuery { Limit = -5 })).Items);
        var huge = await Store.Events.QueryAsync(new EventQuery { Limit = 5000 });
        Assert.Equal(1000, huge.Items.Count);
        Assert.NotNull(huge.NextCursor);
    }

    [Fact]
    public async Task ReadAfter_returns_events_after_a_sequence_oldest_first()
    {
        var stored = await AppendOneOfEachTypeAsync();

        var afterThird = await Store.Events.ReadAfterAsync(stored[2].Sequence, 4);
        var fromStart = await Store.Events.ReadAfterAsync(0, 1000);
        var atEnd = await Store.Events.ReadAfterAsync(stored[^1].Sequence, 10);

        Assert.Equal(stored.Skip(3).Take(4), afterThird);
        Assert.Equal(stored, fromStart);
        Assert.Empty(atEnd);
    }

    [Fact]
    public async Task DeleteOld_by_age_removes_the_oldest_in_batches()
    {
        var stored = await Store.Events.AppendAsync(Enumerable.Range(0, 10).Select(i => Event($"e{i}", "x.y", Start.AddDays(i))).ToList());

        Assert.Equal(3, await Store.Events.DeleteOldAsync(Start.AddDays(5), maxCount: 1000, batchSize: 3));
        Assert.Equal(2, await Store.Events.DeleteOldAsync(Start.AddDays(5), maxCount: 1000, batchSize: 3));
        Assert.Equal(0, await Store.Events.DeleteOldAsync(Start.AddDays(5), maxCount: 1000, batchSize: 3));

        Assert.Equal(stored.Skip(5), await Store.Events.ReadAfterAsync(0, 100));
    }

    [Fact]
    public async Task DeleteOld_by_count_keeps_the_newest_maxCount()
    {
        var stored = await Store.Events.AppendAsync(Enumerable.Range(0, 10).Select(i => Event($"e{i}", "x.y", Start.AddMinutes(i))).ToList());

        Assert.Equal(4, await Store.Events.DeleteOldAsync(Start.AddYears(-1), maxCount: 6, batchSize: 100));
        Assert.Equal(0, await Store.Events.DeleteOldAsync(Start.AddYears(-1), maxCount: 6, batchSize: 100));

        Assert.Equal(stored.Skip(4), await Store.Events.ReadAfterAsync(0, 100));
    }

    [Fact]
    public async Task DeleteOld_applies_count_and_age_together_within_one_batch()
    {
        await Store.Events.AppendAsync(Enumerable.Range(0, 10).Select(i => Event($"e{i}", "x.y", Start.AddDays(i))).ToList());

        // Beyond the newest 8: e0, e1. Older than day 4: e0..e3. Together four, of which the batch allows three.
        Assert.Equal(3, await Store.Events.DeleteOldAsync(Start.AddDays(4), maxCount: 8, batchSize: 3));
        Assert.Equal(["e3", "e4"], (await Store.Events.ReadAfterAsync(0, 2)).Select(e => e.Id));
        Assert.Equal(1, await Store.Events.DeleteOldAsync(Start.AddDays(4), maxCount: 8, batchSize: 3));
    }

    [Fact]
    public async Task Sequences_are_never_reused_after_the_newest_events_are_deleted()
    {
        var stored = await Store.Events.AppendAsync([Event("a", "x.y", Start), Event("b", "x.y", Start)]);

        Assert.Equal(2, await Store.Events.DeleteOldAsync(Start.AddDays(1), maxCount: 0, batchSize: 10));
        Assert.Equal(stored[1].Sequence, await Store.Events.GetLastSequenceAsync());
        var next = await Store.Events.AppendAsync([Event("c", "x.y", Start)]);

        Assert.True(next[0].Sequence > stored[1].Sequence);
    }

    [Fact]
    public async Task Concurrent_appends_all_land_with_distinct_sequences()
    {
        var appends = Enumerable.Range(0, 20).Select(i => Store.Events.AppendAsync([Event($"c{i}", "x.y", Start), Event($"d{i}", "x.z", Start)]));

        var results = await Task.WhenAll(appends);

        var sequences = results.SelectMany(r => r).Select(e => e.Sequence).ToList();
        Assert.Equal(40, sequences.Distinct().Count());
        Assert.All(results, pair => Assert.True(pair[0].Sequence < pair[1].Sequence));
        Assert.Equal(40, (await Store.Events.ReadAfterAsync(0, 100)).Count);
    }
}
