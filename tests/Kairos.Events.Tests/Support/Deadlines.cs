namespace Kairos.Events.Tests.Support;

/// <summary>How long a test waits for a signal before it fails; never a pause that timing depends on.</summary>
internal static class Deadlines
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static CancellationTokenSource Start() => new(Default);
}
