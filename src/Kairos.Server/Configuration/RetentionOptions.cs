namespace Kairos.Server.Configuration;

/// <summary>
/// The <c>Retention</c> configuration section (environment: <c>Retention__Runs__Days=90</c>). Zero keeps history
/// forever. Enforced by the data plugin's cleanup task, not by the server host.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary><c>Retention:Runs:Days</c> (90): ended runs older than this are deleted …</summary>
    public int RunDays { get; init; } = 90;

    /// <summary><c>Retention:Runs:KeepPerJob</c> (100): … but the newest this many runs of each job are always kept.</summary>
    public int KeepRunsPerJob { get; init; } = 100;

    /// <summary><c>Retention:Events:Days</c> (90): events older than this are deleted.</summary>
    public int EventDays { get; init; } = 90;

    /// <summary><c>Retention:Events:MaxCount</c> (1,000,000): the oldest events beyond this count are deleted.</summary>
    public long EventMaxCount { get; init; } = 1_000_000;

    /// <summary><c>Retention:Snapshots:Days</c> (730): daily balance and position snapshots older than this are deleted.</summary>
    public int SnapshotDays { get; init; } = 730;
}
