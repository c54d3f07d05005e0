namespace Kairos.Plugins.Portfolio;

/// <summary>A position as stored: the current holding of one instrument on one side in one account.</summary>
/// <param name="Source">The source that wrote it.</param>
/// <param name="AccountId">The account.</param>
/// <param name="InstrumentId">The instrument's id within the source.</param>
/// <param name="InstrumentKind">What it is (<c>fund</c>, <c>stock</c>, …).</param>
/// <param name="Side">Long or short.</param>
/// <param name="Name">Display name, or null.</param>
/// <param name="Quantity">Units held.</param>
/// <param name="AverageCost">Average cost per unit, or null.</param>
/// <param name="Price">Latest price per unit, or null.</param>
/// <param name="MarketValue">Value in <paramref name="Currency"/>, or null.</param>
/// <param name="Currency">Currency of the prices and values.</param>
/// <param name="UnrealisedPnl">Unrealised profit or loss, or null.</param>
/// <param name="CountsInNetWorth">False when the value is carried by the account's balances.</param>
/// <param name="AsOf">The sync that last changed this position.</param>
public sealed record PortfolioPosition(
    string Source,
    string AccountId,
    string InstrumentId,
    string InstrumentKind,
    PositionSide Side,
    string? Name,
    decimal Quantity,
    decimal? AverageCost,
    decimal? Price,
    decimal? MarketValue,
    string Currency,
    decimal? UnrealisedPnl,
    bool CountsInNetWorth,
    DateTimeOffset AsOf);
