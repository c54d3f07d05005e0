using System.Globalization;
using System.Text.Json;
using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Client.Models;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Client;

/// <summary>
/// A client for the OKX REST API v5: the trading and funding balances, positions, tickers and candles. Private calls
/// are signed (see <see cref="OkxSigner"/>) with a timestamp corrected for the measured clock offset. The
/// <see cref="HttpClient"/> is expected to carry the host's standard resilience pipeline (generic retries of 429/5xx);
/// this client adds only what is specific to OKX: the envelope, rate-limit back-off for <c>50011</c> (also with HTTP
/// 200), one clock re-sync on <c>50102</c>, and error classification (see <see cref="OkxException"/>).
/// Private calls need <see cref="OkxSigningHandler"/> as the client's primary handler: it adds the signature headers
/// below the HTTP logging handlers, so secrets never reach a log.
/// </summary>
public sealed partial class OkxClient
{
    private readonly HttpClient _http;
    private readonly OkxSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="http">
    /// The HTTP client, built over <see cref="OkxSigningHandler.CreatePrimaryHandler"/> with the same settings and clock
    /// (base address is not used: URLs come from <see cref="OkxSettings.BaseUrl"/>).
    /// </param>
    /// <param name="settings">Settings, including the secrets.</param>
    /// <param name="time">The clock (for signature timestamps and back-off delays).</param>
    /// <param name="logger">The client's log; it never receives secrets.</param>
    public OkxClient(HttpClient http, OkxSettings settings, TimeProvider time, ILogger<OkxClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>The trading account: total equity and each currency (<c>GET /api/v5/account/balance</c>, signed).</summary>
    /// <param name="currencies">Only these currencies (up to 20); null or empty = all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<OkxTradingBalance> GetTradingBalanceAsync(IReadOnlyCollection<string>? currencies = null, CancellationToken cancellationToken = default)
    {
        RequireCredentials();
        using var document = await GetAsync("/api/v5/account/balance", CurrencyQuery(currencies), signed: true, cancellationToken).ConfigureAwait(false);
        var data = document.RootElement.GetProperty("data");
        return data.GetArrayLength() == 0
            ? new OkxTradingBalance(null, null, null, null, null, null, null, [])
            : OkxTradingBalance.Parse(data[0]);
    }

    /// <summary>The funding account's balances (<c>GET /api/v5/asset/balances</c>, signed); only currencies above zero.</summary>
    /// <param name="currencies">Only these currencies (up to 20); null or empty = all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<OkxFundingBalance>> GetFundingBalancesAsync(IReadOnlyCollection<string>? currencies = null, CancellationToken cancellationToken = default)
    {
        RequireCredentials();
        // This endpoint's rate window is 1 s (the others' 2 s), so its back-off starts at half.
        using var document = await GetAsync("/api/v5/asset/balances", CurrencyQuery(currencies), signed: true, cancellationToken,
            backoff: _settings.RateLimitBackoff / 2).ConfigureAwait(false);
        return ReadAll(document, OkxFundingBalance.Parse);
    }

    /// <summary>Open positions, every side (<c>net</c>, <c>long</c>, <c>short</c>) (<c>GET /api/v5/account/positions</c>, signed; no paging).</summary>
    /// <param name="instrumentType"><c>MARGIN</c>, <c>SWAP</c>, <c>FUTURES</c> or <c>OPTION</c>; null = all.</param>
    /// <param name="instrumentId">One instrument (or up to 10, comma-separated); null = all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<OkxPosition>> GetPositionsAsync(string? instrumentType = null, string? instrumentId = null, CancellationToken cancellationToken = default)
    {
        RequireCredentials();
        var query = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(instrumentType))
        {
            query.Add(new("instType", instrumentType));
        }
        if (!string.IsNullOrEmpty(instrumentId))
        {
            query.Add(new("instId", instrumentId));
        }
        using var document = await GetAsync("/api/v5/account/positions", query, signed: true, cancellationToken, instrumentId).ConfigureAwait(false);
        return ReadAll(document, OkxPosition.Parse);
    }

    /// <summary>The ticker of one instrument (<c>GET /api/v5/market/ticker</c>, public).</summary>
    /// <exception cref="OkxInstrumentNotFoundException">OKX does not know the instrument.</exception>
    public async Task<OkxTicker> GetTickerAsync(string instrumentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrumentId);
        using var document = await GetAsync("/api/v5/market/ticker", [new("instId", instrumentId)], signed: false, cancellationToken, instrumentId).ConfigureAwait(false);
        var tickers = ReadAll(document, OkxTicker.Parse);
        return tickers.Count > 0 ? tickers[0] : throw new OkxInstrumentNotFoundException(instrumentId, code: null);
    }

    /// <summary>The tickers of every instrument of a type (<c>GET /api/v5/market/tickers</c>, public).</summary>
    /// <param name="instrumentType"><c>SPOT</c>, <c>SWAP</c>, <c>FUTURES</c> or <c>OPTION</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<OkxTicker>> GetTickersAsync(string instrumentType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrumentType);
        using var document = await GetAsync("/api/v5/market/tickers", [new("instType", instrumentType)], signed: false, cancellationToken).ConfigureAwait(false);
        return ReadAll(document, OkxTicker.Parse);
    }

    /// <summary>
    /// Candles, newest first, walking back in time: the first page from <c>/api/v5/market/candles</c>, older ones from
    /// <c>/api/v5/market/history-candles</c> with <c>after</c> = the oldest time received, until
    /// <see cref="OkxCandleQuery.MaxCandles"/> candles, <see cref="OkxCandleQuery.Since"/> or an empty page.
    /// The first candle may still be forming (<see cref="OkxCandle.IsConfirmed"/> false).
    /// </summary>
    /// <exception cref="OkxInstrumentNotFoundException">OKX does not know the instrument.</exception>
    public async Task<IReadOnlyList<OkxCandle>> GetCandlesAsync(OkxCandleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.InstrumentId);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 300);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.MaxCandles, 1);

        var candles = new List<OkxCandle>();
        DateTimeOffset? after = null;
        while (candles.Count < query.MaxCandles)
        {
            var limit = Math.Min(query.PageSize, query.MaxCandles - candles.Count);
            var parameters = new List<KeyValuePair<string, string>> { new("instId", query.InstrumentId), new("bar", query.Bar) };
            if (after is { } cursor)
            {
                parameters.Add(new("after", cursor.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
            }
            parameters.Add(new("limit", limit.ToString(CultureInfo.InvariantCulture)));
            var path = after is null ? "/api/v5/market/candles" : "/api/v5/market/history-candles";

            IReadOnlyList<OkxCandle> page;
            using (var document = await GetAsync(path, parameters, signed: false, cancellationToken, query.InstrumentId).ConfigureAwait(false))
            {
                page = ReadAll(document, OkxCandle.Parse);
            }
            if (page.Count == 0)
            {
                break;
            }

            var reachedSince = false;
            foreach (var candle in page.OrderByDescending(c => c.Time))
            {
                // `after` is exclusive, but guard against a server repeating rows anyway.
                if (after is { } previous && candle.Time >= previous)
                {
                    continue;
                }
                if (query.Since is { } since && candle.Time < since)
                {
                    reachedSince = true;
                    break;
                }
                if (candles.Count < query.MaxCandles)
                {
                    candles.Add(candle);
                }
            }
            var oldest = page.Min(c => c.Time);
            if (reachedSince || (after is { } last && oldest >= last))
            {
                break;
            }
            after = oldest;
        }
        return candles;
    }

    private void RequireCredentials()
    {
        if (!_settings.HasCredentials)
        {
            throw new OkxCredentialsException("OKX API credentials are not configured: set Plugins:okx:ApiKey, Plugins:okx:SecretKey and Plugins:okx:Passphrase.");
        }
    }

    private static List<KeyValuePair<string, string>> CurrencyQuery(IReadOnlyCollection<string>? currencies) =>
        currencies is { Count: > 0 } ? [new("ccy", string.Join(',', currencies))] : [];

    private static List<T> ReadAll<T>(JsonDocument document, Func<JsonElement, T> parse)
    {
        var items = new List<T>();
        foreach (var item in document.RootElement.GetProperty("data").EnumerateArray())
        {
            items.Add(parse(item));
        }
        return items;
    }
}
