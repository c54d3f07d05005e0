namespace Kairos.Plugins.Portfolio;

/// <summary>A balance as stored: the current value of one asset in one account.</summary>
/// <param name="Source">The source that wrote it.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Asset">The currency or asset code.</param>
/// <param name="AssetClass">The asset class (<c>cash</c>, <c>crypto</c>, …).</param>
/// <param name="Total">The whole amount.</param>
/// <param name="Available">The usable part, or null.</param>
/// <param name="Frozen">The blocked part, or null.</param>
/// <param name="AsOf">The sync that last changed this value.</param>
public sealed record PortfolioBalance(
    string Source,
    string AccountId,
    string Asset,
    string AssetClass,
    decimal Total,
    decimal? Available,
    decimal? Frozen,
    DateTimeOffset AsOf);
