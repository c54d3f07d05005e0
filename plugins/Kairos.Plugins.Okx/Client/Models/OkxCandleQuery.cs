namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>
/// Which candles to fetch. The client walks back in time: the first page from <c>/market/candles</c>, older pages from
/// <c>/market/history-candles</c> with <c>after</c> = the oldest time received, until <see cref="MaxCandles"/>,
/// <see cref="Since"/> or an empty page is reached.
/// </summary>
public sealed record OkxCandleQuery
{
    /// <summary>Instrument id (<c>BTC-USDT</c>).</summary>
    public required string InstrumentId { get; init; }

    /// <summary>Bar size (<c>1m</c>, <c>1H</c>, <c>1D</c>, <c>1Dutc</c>…). Default <c>1H</c>.</summary>
    public string Bar { get; init; } = "1H";

    /// <summary>Rows asked per page (1–300; OKX's default 100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Most candles to return in total.</summary>
    public int MaxCandles { get; init; } = 100;

    /// <summary>Oldest candle time wanted (inclusive); paging stops once it is passed. Null = no bound.</summary>
    public DateTimeOffset? Since { get; init; }
}
