using Kairos.Plugins.Fund.Tiantian;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Fund.Tests.Tiantian;

public sealed class RequestPacerTests
{
    [Fact]
    public async Task WaitTurn_SameHost_SpacesCallsByIntervalPlusJitter()
    {
        var time = new FakeTimeProvider();
        var pacer = new RequestPacer(time, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(400), () => 0.5);

        var first = pacer.WaitTurnAsync("a.example", CancellationToken.None);
        var second = pacer.WaitTurnAsync("a.example", CancellationToken.None);
        var third = pacer.WaitTurnAsync("a.example", CancellationToken.None);

        Assert.True(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1199));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        time.Advance(TimeSpan.FromMilliseconds(1199));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third;
    }

    [Fact]
    public void WaitTurn_OtherHost_DoesNotWait()
    {
        var time = new FakeTimeProvider();
        var pacer = new RequestPacer(time, TimeSpan.FromSeconds(1), TimeSpan.Zero);

        Assert.True(pacer.WaitTurnAsync("a.example", CancellationToken.None).IsCompleted);
        Assert.True(pacer.WaitTurnAsync("b.example", CancellationToken.None).IsCompleted);
        Assert.False(pacer.WaitTurnAsync("a.example", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void WaitTurn_AfterTheIntervalPassed_DoesNotWait()
    {
        var time = new FakeTimeProvider();
        var pacer = new RequestPacer(time, TimeSpan.FromSeconds(1), TimeSpan.Zero);

        Assert.True(pacer.WaitTurnAsync("a.example", CancellationToken.None).IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(pacer.WaitTurnAsync("a.example", CancellationToken.None).IsCompleted);
    }
}
