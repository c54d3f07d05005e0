namespace Kairos.Server.Metrics;

internal static class AtomicDouble
{
    public static void Add(ref double location, double amount)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + amount, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
