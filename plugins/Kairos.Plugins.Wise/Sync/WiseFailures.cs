using Kairos.Plugins.Wise.Client;

namespace Kairos.Plugins.Wise.Sync;

/// <summary>
/// The error types the wise tasks fail with (a run's <c>error_type</c>), one per class of failure of the integrations
/// reference §0, and how a <see cref="WiseException"/> maps onto them.
/// </summary>
internal static class WiseFailures
{
    /// <summary>A setting is missing or invalid (no API token); nothing was sent.</summary>
    public const string Configuration = "ConfigurationError";

    /// <summary>Wise refused the token (401, or 403 without an SCA challenge); not retried.</summary>
    public const string Credentials = "CredentialsError";

    /// <summary>Strong customer authentication could not be satisfied.</summary>
    public const string Sca = "ScaRequired";

    /// <summary>Still rate limited after waiting as <c>Retry-After</c> asked, within the run's budget.</summary>
    public const string RateLimited = "RateLimited";

    /// <summary>Network failure, timeout or 5xx after the pipeline's retries.</summary>
    public const string Unavailable = "SourceUnavailable";

    /// <summary>Wise rejected the request itself (400, 404).</summary>
    public const string Rejected = "RequestRejected";

    /// <summary>A body that is not what the endpoint documents.</summary>
    public const string Parse = "ParseError";

    /// <summary>Some parts failed, others were stored.</summary>
    public const string Partial = "PartialFailure";

    /// <summary>The error type of a failed Wise call.</summary>
    public static string TypeOf(WiseException exception) => exception switch
    {
        WiseConfigurationException => Configuration,
        WiseCredentialsException => Credentials,
        WiseScaException => Sca,
        WiseRateLimitException => RateLimited,
        WiseTransportException => Unavailable,
        WiseRequestException => Rejected,
        WiseParseException => Parse,
        _ => "WiseError",
    };

    /// <summary>Failures that concern the whole token, so every further call would fail the same way: stop the run.</summary>
    public static bool StopsTheRun(WiseException exception) =>
        exception is WiseConfigurationException || (exception is WiseCredentialsException && exception.StatusCode != 403);

    /// <summary>The message of a run that cannot start for want of a token (no request is sent).</summary>
    public const string MissingToken =
        "Wise API token is not configured: set Plugins:wise:ApiToken to a personal API token (Wise.com → Settings → API tokens), then reload the plugin.";
}

/// <summary>A part of a sync that failed (a profile, a pair, a statement), for results and events.</summary>
/// <param name="Item">What failed: <c>profile 30000001</c>, <c>EUR/USD</c>.</param>
/// <param name="ErrorType">One of the <see cref="WiseFailures"/> types.</param>
/// <param name="Message">What happened and what to do (never a secret).</param>
internal sealed record FailedItem(string Item, string ErrorType, string Message);
