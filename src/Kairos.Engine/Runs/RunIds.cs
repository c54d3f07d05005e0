namespace Kairos.Engine.Runs;

/// <summary>Run ids: version-7 GUIDs (time-ordered), so ids sort roughly by creation.</summary>
public static class RunIds
{
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
    }
}
