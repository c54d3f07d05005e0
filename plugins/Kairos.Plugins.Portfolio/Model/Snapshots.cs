namespace Kairos.Plugins.Portfolio;

/// <summary>One balance of one account as it stood at the close of <see cref="Date"/> (a daily snapshot).</summary>
public sealed record BalanceSnapshotRow(DateOnly Date, string Source, string AccountId, string Asset, string AssetClass, decimal Total, decimal? Available, decimal? Frozen);

/// <summary>One position of one account as it stood at the close of <see cref="Date"/> (a daily snapshot).</summary>
public sealed record PositionSnapshotRow(
    DateOnly Date,
    string Source,
    string AccountId,
    string InstrumentId,
    PositionSide Side,
    string InstrumentKind,
    string? Name,
    decimal Quantity,
    decimal? AverageCost,
    decimal? Price,
    decimal? MarketValue,
    string Currency,
    decimal? UnrealisedPnl,
    bool CountsInNetWorth);
