using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Kairos.Sdk.Http;

/// <summary>
/// The standard resilience pipeline of plugin HTTP clients: total timeout → retry (exponential backoff with jitter,
/// honouring <c>Retry-After</c>, for 408, 429, 5xx and network failures) → circuit breaker → attempt timeout.
/// The host builds every plugin client with it; tests build the same handler over a loopback server.
/// </summary>
public static class KairosHttpResilience
{
    /// <summary>Builds the pipeline on the given clock (a fake clock in tests).</summary>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(HttpResilienceSettings? settings = null, TimeProvider? time = null)
    {
        settings ??= new HttpResilienceSettings();
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time ?? TimeProvider.System };
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.TotalTimeout, Name = "total" });
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = settings.CircuitFailureRatio,
            MinimumThroughput = settings.CircuitMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = settings.CircuitBreakDuration,
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = "attempt" });
        return builder.Build();
    }

    /// <summary>A handler running the pipeline around <paramref name="inner"/> (default: a fresh <see cref="SocketsHttpHandler"/>).</summary>
    public static DelegatingHandler CreateHandler(HttpResilienceSettings? settings = null, TimeProvider? time = null, HttpMessageHandler? inner = null) =>
        new ResilienceHandler(CreatePipeline(settings, time)) { InnerHandler = inner ?? new SocketsHttpHandler() };

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: TimeoutException } => true,
        { Exception: Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };
}
