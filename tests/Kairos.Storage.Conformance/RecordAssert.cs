using Kairos.Storage.Runs;

namespace Kairos.Storage.Conformance;

/// <summary>Record comparisons that also look inside the log list (records compare lists by reference).</summary>
public static class RecordAssert
{
    private static readonly IReadOnlyList<RunLogLine> s_noLogs = Array.Empty<RunLogLine>();

    /// <summary>Every field equal, logs compared line by line.</summary>
    public static void RunEqual(RunRecord expected, RunRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Logs = s_noLogs }, actual with { Logs = s_noLogs });
        Assert.Equal(expected.Logs, actual.Logs);
    }

    /// <summary>Every field equal except the logs, which a history item does not carry.</summary>
    public static void RunEqualWithoutLogs(RunRecord expected, RunRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Empty(actual.Logs);
        Assert.Equal(expected with { Logs = s_noLogs }, actual with { Logs = s_noLogs });
    }

    public static void RunIds(IEnumerable<string> expected, IEnumerable<RunRecord> actual) =>
        Assert.Equal(expected.ToArray(), actual.Select(r => r.RunId).ToArray());
}
