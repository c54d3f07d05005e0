using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway.Models;

/// <summary>
/// Account values (<c>GET /portfolio/{accountId}/summary</c>), keyed by IBKR's lower-case metric name
/// (<c>netliquidation</c>, <c>totalcashvalue</c>, segment variants <c>-c</c>/<c>-s</c>, …).
/// </summary>
/// <param name="AccountId">The account asked for.</param>
/// <param name="Values">Every metric, unknown ones included.</param>
public sealed record IbkrAccountSummary(string AccountId, IReadOnlyDictionary<string, IbkrSummaryValue> Values)
{
    /// <summary>Net liquidation value (<c>netliquidation</c>).</summary>
    public IbkrSummaryValue? NetLiquidation => Get("netliquidation");

    /// <summary>Total cash (<c>totalcashvalue</c>).</summary>
    public IbkrSummaryValue? TotalCashValue => Get("totalcashvalue");

    /// <summary>Available funds (<c>availablefunds</c>).</summary>
    public IbkrSummaryValue? AvailableFunds => Get("availablefunds");

    /// <summary>Buying power (<c>buyingpower</c>).</summary>
    public IbkrSummaryValue? BuyingPower => Get("buyingpower");

    /// <summary>Equity with loan value (<c>equitywithloanvalue</c>).</summary>
    public IbkrSummaryValue? EquityWithLoanValue => Get("equitywithloanvalue");

    /// <summary>Gross position value (<c>grosspositionvalue</c>).</summary>
    public IbkrSummaryValue? GrossPositionValue => Get("grosspositionvalue");

    /// <summary>A metric by name, or null when absent.</summary>
    public IbkrSummaryValue? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    internal static IbkrAccountSummary Parse(string accountId, JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new IbkrParseException($"IBKR summary of {accountId}: the answer is not an object.");
        }
        var values = new Dictionary<string, IbkrSummaryValue>(StringComparer.Ordinal);
        foreach (var metric in obj.EnumerateObject())
        {
            if (metric.Value.ValueKind == JsonValueKind.Object)
            {
                values[metric.Name] = IbkrSummaryValue.Parse(metric.Name, metric.Value);
            }
        }
        return new IbkrAccountSummary(accountId, values);
    }
}

/// <summary>One summary metric: numeric ones use <see cref="Amount"/>, text ones <see cref="Value"/>; both null when IBKR says <c>isNull</c>.</summary>
/// <param name="Amount"><c>amount</c>, exact.</param>
/// <param name="Currency"><c>currency</c> (null for ratios and text).</param>
/// <param name="Value"><c>value</c> (text metrics such as <c>accounttype</c>).</param>
/// <param name="Timestamp"><c>timestamp</c> (epoch ms).</param>
public sealed record IbkrSummaryValue(decimal? Amount, string? Currency, string? Value, DateTimeOffset? Timestamp)
{
    internal static IbkrSummaryValue Parse(string name, JsonElement obj)
    {
        var what = "summary metric " + name;
        var isNull = IbkrJson.Boolean(obj, "isNull");
        return new IbkrSummaryValue(
            isNull ? null : IbkrJson.Decimal(obj, "amount", what),
            IbkrJson.Text(obj, "currency"),
            isNull ? null : IbkrJson.Text(obj, "value"),
            IbkrJson.EpochMilliseconds(obj, "timestamp", what));
    }
}
