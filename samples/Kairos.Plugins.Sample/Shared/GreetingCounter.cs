namespace Kairos.Plugins.Sample;

/// <summary>Counts the <c>sample.greeted</c> events this loaded version received.</summary>
public sealed class GreetingCounter
{
    private int _count;

    /// <summary>Greetings seen.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts one greeting.</summary>
    public void Add(Greeted greeted)
    {
        ArgumentNullException.ThrowIfNull(greeted);
        Interlocked.Increment(ref _count);
    }
}
