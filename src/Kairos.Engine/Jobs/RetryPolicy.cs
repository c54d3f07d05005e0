namespace Kairos.Engine.Jobs;

/// <summary>
/// How a failed or timed-out run is retried: exponential backoff with full jitter
/// (a uniformly random delay in [0, min(max_backoff, backoff · 2^(n-1))] before attempt n+1).
/// </summary>
public sealed record RetryPolicy(int MaxAttempts = 1, double BackoffSeconds = 10, double MaxBackoffSeconds = 600)
{
    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new(1, 10, 600);

    /// <summary>The delay before the attempt after <paramref name="failedAttempt"/>.</summary>
    public TimeSpan DelayAfter(int failedAttempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Min(failedAttempt - 1, 30);
        var cap = Math.Min(MaxBackoffSeconds, BackoffSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(random.NextDouble() * cap);
    }
}
