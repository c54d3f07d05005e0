using Kairos.Plugins.Ibkr.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Ibkr.Tests.Gateway;

public class IbkrRequestPacerTests
{
    [Fact]
    public async Task Requests_are_spaced_a_tenth_of_a_second_apart_at_ten_per_second()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero));
        var pacer = new IbkrRequestPacer(10, time);

        await pacer.WaitAsync();
        var second = pacer.WaitAsync().AsTask();
        var third = pacer.WaitAsync().AsTask();

        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await third;
    }

    [Fact]
    public async Task After_an_idle_pause_the_next_request_goes_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero));
        var pacer = new IbkrRequestPacer(10, time);

        await pacer.WaitAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(pacer.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_throws()
    {
        var time = new FakeTimeProvider();
        var pacer = new IbkrRequestPacer(1, time);
        await pacer.WaitAsync();
        using var cancel = new CancellationTokenSource();

        var waiting = pacer.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task An_endpoint_interval_spaces_calls_to_that_endpoint_only()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero));
        var pacer = new IbkrRequestPacer(10, time);

        await pacer.WaitAsync("portfolio/accounts", TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(1));
        var other = pacer.WaitAsync();
        var accounts = pacer.WaitAsync("portfolio/accounts", TimeSpan.FromSeconds(5)).AsTask();

        Assert.True(other.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(3999));
        Assert.False(accounts.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await accounts;
        // The endpoint's slot is also a slot of the overall pace: the next request waits a tenth of a second after it.
        Assert.False(pacer.WaitAsync().IsCompleted);
    }
}
