namespace Kairos.Storage.Abstractions.Tests;

/// <summary>
/// Run and event ids: RFC 9562 version 7 (the millisecond first, so ids sort by creation) with random bits drawn
/// from the kernel in blocks.
/// </summary>
public sealed class Uuid7Tests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 15, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void An_id_carries_the_millisecond_the_version_and_the_variant()
    {
        var bytes = Uuid7.New(At).ToByteArray(bigEndian: true);

        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }
        Assert.Equal(At.ToUnixTimeMilliseconds(), milliseconds);
        Assert.Equal(0x70, bytes[6] & 0xF0);
        Assert.Equal(0x80, bytes[8] & 0xC0);
        Assert.Equal(7, Uuid7.New(At).Version);
    }

    [Fact]
    public void Ids_of_one_millisecond_differ_across_many_blocks_of_random_bits()
    {
        // 20,000 ids draw the per-thread block of random bytes about 400 times.
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(ids.Add(Uuid7.New(At)));
        }
    }

    [Fact]
    public void Every_random_bit_takes_both_values()
    {
        // 74 random bits per id (bytes 6..15 less the version and variant); a source that left any of them fixed
        // (an unfilled buffer, a short read left as zeros) fails here. 2,000 ids: a fair bit stays one value with
        // probability 2^-1999.
        var seenOne = new byte[16];
        var seenZero = new byte[16];
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = Uuid7.New(At).ToByteArray(bigEndian: true);
            for (var b = 6; b < 16; b++)
            {
                seenOne[b] |= bytes[b];
                seenZero[b] |= (byte)~bytes[b];
            }
        }

        Assert.Equal(0x0F, seenOne[6] & seenZero[6]);
        Assert.Equal(0xFF, seenOne[7] & seenZero[7]);
        Assert.Equal(0x3F, seenOne[8] & seenZero[8]);
        for (var b = 9; b < 16; b++)
        {
            Assert.Equal(0xFF, seenOne[b] & seenZero[b]);
        }
    }

    [Fact]
    public async Task Threads_draw_their_own_blocks_and_never_repeat_an_id()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var made = new Guid[5_000];
            for (var i = 0; i < made.Length; i++)
            {
                made[i] = Uuid7.New(At);
            }
            return made;
        })));

        var all = perThread.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
