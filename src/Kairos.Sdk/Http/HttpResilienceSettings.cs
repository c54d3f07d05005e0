namespace Kairos.Sdk.Http;

/// <summary>The knobs of the standard resilience pipeline every plugin HTTP client gets.</summary>
public sealed record HttpResilienceSettings
{
    /// <summary>Retries after the first attempt for transient failures (5xx, 408, 429, network errors, attempt timeouts).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Base delay of the exponential backoff (with jitter); a <c>Retry-After</c> header takes precedence.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait, including one asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of the whole request including retries (the run's budget for it).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Failure ratio that opens the circuit (over at least <see cref="CircuitMinimumThroughput"/> calls in 30 s).</summary>
    public double CircuitFailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed in the sampling window before the circuit may open.</summary>
    public int CircuitMinimumThroughput { get; init; } = 20;

    /// <summary>How long an open circuit rejects calls.</summary>
    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
