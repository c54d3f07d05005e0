namespace Kairos.Server.Configuration;

/// <summary>
/// The <c>Retention</c> configuration section (<c>Retention__RunDays=30</c> in the environment). Zero keeps
/// history forever. Enforced by the data-cleanup maintenance, not by the server host.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary><c>Retention:RunDays</c>: ended runs (with their log lines) older than this are deleted.</summary>
    public int RunDays { get; init; } = 30;

    /// <summary><c>Retention:EventDays</c>: events older than this are deleted.</summary>
    public int EventDays { get; init; } = 30;

    /// <summary><c>Retention:MaxRunsPerJob</c>: at most this many ended runs are kept per job.</summary>
    public int MaxRunsPerJob { get; init; } = 1000;
}
