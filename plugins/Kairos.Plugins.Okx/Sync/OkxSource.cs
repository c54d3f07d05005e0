using Kairos.Plugins.Okx.Client;
using Kairos.Plugins.Portfolio;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Sync;

/// <summary>
/// Creates an <see cref="OkxClient"/> for one run over the plugin's HTTP client (pipeline + signing handler). A new
/// client per run measures the clock offset to OKX once per run, before its first signed call.
/// </summary>
internal sealed class OkxSource(IHttpClientFactory httpClients, OkxSettings settings, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The portfolio source of everything this plugin writes.</summary>
    public const string Source = "okx";

    /// <summary>The name of the plugin's HTTP client.</summary>
    public const string HttpClientName = "okx";

    public const string TradingAccount = "trading";

    public const string FundingAccount = "funding";

    public const string PositionsAccount = "positions";

    /// <summary>The message of a private task that cannot start for want of credentials (no request is sent).</summary>
    public const string MissingCredentials =
        "OKX API credentials are not configured: set Plugins:okx:ApiKey, Plugins:okx:SecretKey and Plugins:okx:Passphrase (a key with Read permission), then reload the plugin.";

    /// <summary>The error type of a run that cannot start for want of settings.</summary>
    public const string ConfigurationError = "ConfigurationError";

    /// <summary>The error type of a run where some parts failed and others were stored.</summary>
    public const string PartialFailure = "PartialFailure";

    public OkxSettings Settings => settings;

    public TimeProvider Time => time;

    public OkxClient CreateClient() =>
        new(httpClients.CreateClient(HttpClientName), settings, time, loggers.CreateLogger<OkxClient>());

    /// <summary>Creates or renames one of the plugin's portfolio accounts (idempotent).</summary>
    public Task NameAccountAsync(IPortfolioStore portfolio, string accountId, string name, CancellationToken cancellationToken) =>
        portfolio.UpsertAccountAsync(new PortfolioAccount(Source, accountId)
        {
            Name = settings.Simulated ? name + " (demo)" : name,
            Kind = "exchange",
        }, cancellationToken);
}

/// <summary>A part of a sync that failed (an account, an instrument), for results and events.</summary>
/// <param name="Item">What failed: <c>funding</c>, <c>BTC-USDT</c>.</param>
/// <param name="ErrorType">The client's classification (<c>RateLimited</c>, <c>ServiceError</c>, <c>NotFound</c>, …).</param>
/// <param name="Message">What happened and what to do (never a secret).</param>
internal sealed record FailedItem(string Item, string ErrorType, string Message);
