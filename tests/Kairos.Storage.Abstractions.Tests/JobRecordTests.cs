using Kairos.Storage.Jobs;

namespace Kairos.Storage.Abstractions.Tests;

/// <summary>
/// A record can hold the object that writes its schedule's text instead of the text (the engine's 100,000 jobs in
/// memory keep no copies): what it reads, compares and copies stays exactly what a record holding the text would.
/// </summary>
public sealed class JobRecordTests
{
    private const string Text = """{"type":"interval","seconds":1,"start_date":"2026-11-28T21:00:00+08:00","timezone":"Asia/Shanghai"}""";
    private static readonly DateTimeOffset At = new(2026, 11, 28, 13, 0, 0, TimeSpan.Zero);

    private static JobRecord Stored(string scheduleJson = Text) => new()
    {
        JobId = "a",
        Name = "A",
        TaskId = "kairos.noop",
        ScheduleJson = scheduleJson,
        FireFrom = At,
        CreatedAt = At,
        UpdatedAt = At,
    };

    /// <summary>Stands for a compiled schedule: its text is written anew on every call.</summary>
    private sealed class Writes(string text)
    {
        public int Calls { get; private set; }

        public override string ToString()
        {
            Calls++;
            return new string(text.AsSpan());
        }
    }

    [Fact]
    public void A_source_writing_the_same_text_replaces_the_text_and_reads_the_same()
    {
        var source = new Writes(Text);
        var stored = Stored();

        var held = stored.WithScheduleTextFrom(source);

        Assert.NotSame(stored, held);
        Assert.Equal(Text, held.ScheduleJson);
        Assert.Equal(stored, held);
        Assert.Equal(stored.GetHashCode(), held.GetHashCode());
        // The text is written on each read, not kept.
        var calls = source.Calls;
        Assert.NotSame(held.ScheduleJson, held.ScheduleJson);
        Assert.Equal(calls + 2, source.Calls);
    }

    [Fact]
    public void A_source_writing_other_text_is_refused_and_the_stored_text_kept()
    {
        var stored = Stored(Text.Replace("+08:00", "+08:00 ", StringComparison.Ordinal));

        Assert.Same(stored, stored.WithScheduleTextFrom(new Writes(Text)));
    }

    [Fact]
    public void Copies_keep_the_source_until_given_another_text()
    {
        var held = Stored().WithScheduleTextFrom(new Writes(Text));

        var paused = held with { State = JobState.Paused, Version = 2 };
        var rescheduled = paused with { ScheduleJson = """{"type":"date","run_date":"2030-01-01T00:00:00+08:00","timezone":"Asia/Shanghai"}""" };

        Assert.Equal(Text, paused.ScheduleJson);
        Assert.Equal(Stored() with { State = JobState.Paused, Version = 2 }, paused);
        Assert.Equal("""{"type":"date","run_date":"2030-01-01T00:00:00+08:00","timezone":"Asia/Shanghai"}""", rescheduled.ScheduleJson);
        Assert.Same(rescheduled, rescheduled.WithScheduleTextFrom(new Writes(Text)));
    }

    [Fact]
    public void Records_differing_in_any_member_are_not_equal()
    {
        var a = Stored();
        JobRecord[] others =
        [
            a with { JobId = "b" }, a with { Name = "B" }, a with { TaskId = "other" }, a with { ScheduleJson = "{}" },
            a with { ConfigJson = """{"k":1}""" }, a with { OptionsJson = """{"max_instances":2}""" }, a with { State = JobState.Paused },
            a with { FireFrom = At.AddSeconds(1) }, a with { CreatedAt = At.AddSeconds(1) }, a with { UpdatedAt = At.AddSeconds(1) },
            a with { Version = 2 },
        ];

        Assert.All(others, other => Assert.NotEqual(a, other));
        Assert.Equal(a, a with { });
        Assert.False(a.Equals(null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8 * 60)]
    [InlineData(5 * 60 + 45)] // Nepal
    [InlineData(-(3 * 60 + 30))] // Newfoundland
    [InlineData(14 * 60)]
    [InlineData(-14 * 60)]
    public void Instants_read_back_with_their_offset(int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var fireFrom = new DateTimeOffset(2026, 11, 28, 21, 0, 0, 123, offset).AddTicks(4567);
        var created = new DateTimeOffset(1970, 1, 1, 0, 0, 0, offset).AddTicks(1);
        var updated = new DateTimeOffset(9999, 12, 29, 0, 0, 0, offset);

        var record = Stored() with { FireFrom = fireFrom, CreatedAt = created, UpdatedAt = updated };

        Assert.Equal((fireFrom.Ticks, fireFrom.Offset), (record.FireFrom.Ticks, record.FireFrom.Offset));
        Assert.Equal((created.Ticks, created.Offset), (record.CreatedAt.Ticks, record.CreatedAt.Offset));
        Assert.Equal((updated.Ticks, updated.Offset), (record.UpdatedAt.Ticks, record.UpdatedAt.Offset));
        Assert.Equal((created.Ticks, created.Offset), ((record with { }).CreatedAt.Ticks, (record with { }).CreatedAt.Offset));
    }
}
