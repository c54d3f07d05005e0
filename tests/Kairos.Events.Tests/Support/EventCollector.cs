using System.Threading.Channels;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.Support;

/// <summary>A subscriber that records what it receives, in order, and lets a test wait for a number of events.</summary>
internal sealed class EventCollector
{
    private readonly Channel<KairosEvent> _events = Channel.CreateUnbounded<KairosEvent>();

    public Func<KairosEvent, CancellationToken, Task> Handler => (evt, _) =>
    {
        Add(evt);
        return Task.CompletedTask;
    };

    public int Pending => _events.Reader.Count;

    public void Add(KairosEvent evt) => _events.Writer.TryWrite(evt);

    public async Task<List<KairosEvent>> TakeAsync(int count)
    {
        using var deadline = Deadlines.Start();
        var taken = new List<KairosEvent>(count);
        try
        {
            while (taken.Count < count)
            {
                taken.Add(await _events.Reader.ReadAsync(deadline.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Expected {count} events within {Deadlines.Default}, got {taken.Count}.");
        }
        return taken;
    }

    /// <summary>Everything received so far (use after the bus has stopped and drained).</summary>
    public List<KairosEvent> Drain()
    {
        var all = new List<KairosEvent>();
        while (_events.Reader.TryRead(out var evt))
        {
            all.Add(evt);
        }
        return all;
    }
}
