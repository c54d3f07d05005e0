using Kairos.Storage;

namespace Kairos.Engine.Runs;

/// <summary>Run ids: version-7 UUIDs (time-ordered) in 32 lowercase hex digits, so ids sort roughly by creation.</summary>
public static class RunIds
{
    /// <summary>A new run id for the current time of <paramref name="time"/>.</summary>
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Uuid7.New(time.GetUtcNow()).ToString("N");
    }
}
