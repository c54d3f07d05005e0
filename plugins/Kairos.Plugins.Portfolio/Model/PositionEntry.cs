namespace Kairos.Plugins.Portfolio;

/// <summary>One position of an account as a sync reports it (input of <see cref="IPortfolioStore.ReplaceAccountHoldingsAsync"/>).</summary>
/// <param name="InstrumentId">The instrument's id within the source (<c>000001</c>, <c>BTC-USDT-SWAP</c>, an IBKR conid).</param>
/// <param name="InstrumentKind">What it is, lower case: <c>fund</c>, <c>stock</c>, <c>etf</c>, <c>bond</c>, <c>option</c>, <c>future</c>, <c>swap</c>, <c>crypto</c>, …; also its asset class in the net-worth breakdown.</param>
/// <param name="Side">Long or short; (instrument, side) is unique within the account.</param>
/// <param name="Quantity">Units held (shares, contracts, coins), exact.</param>
/// <param name="Currency">The currency of the prices and values below, upper case.</param>
public sealed record PositionEntry(string InstrumentId, string InstrumentKind, PositionSide Side, decimal Quantity, string Currency)
{
    /// <summary>A display name, or null.</summary>
    public string? Name { get; init; }

    /// <summary>Average cost per unit, or null.</summary>
    public decimal? AverageCost { get; init; }

    /// <summary>The latest price per unit (a fund's NAV), or null.</summary>
    public decimal? Price { get; init; }

    /// <summary>The position's value in <see cref="Currency"/>, or null when unknown (net worth then names it as unvalued).</summary>
    public decimal? MarketValue { get; init; }

    /// <summary>Unrealised profit or loss in <see cref="Currency"/>, or null.</summary>
    public decimal? UnrealisedPnl { get; init; }

    /// <summary>
    /// False when the position's value is already carried by the account's balances (margin derivatives whose
    /// equity is in the balance), so net worth does not count it twice. True by default.
    /// </summary>
    public bool CountsInNetWorth { get; init; } = true;
}
