namespace Kairos.Plugins.Portfolio;

/// <summary>
/// A transaction of an account. <paramref name="ExternalId"/> is unique per <paramref name="Source"/>: writing the
/// same one again updates it instead of adding a copy.
/// </summary>
/// <param name="Source">The source that wrote it.</param>
/// <param name="ExternalId">The source's own id of the transaction (stable across syncs).</param>
/// <param name="AccountId">The account.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Kind">One of <see cref="TransactionKinds.All"/>.</param>
/// <param name="Amount">Cash effect on the account, signed: positive for money in (sell, dividend, deposit), negative for money out (buy, fee, withdrawal).</param>
/// <param name="Currency">Currency of <paramref name="Amount"/>, upper case.</param>
public sealed record PortfolioTransaction(
    string Source,
    string ExternalId,
    string AccountId,
    DateTimeOffset OccurredAt,
    string Kind,
    decimal Amount,
    string Currency)
{
    /// <summary>The fee included in or charged with the transaction (positive), or null.</summary>
    public decimal? Fee { get; init; }

    /// <summary>Currency of <see cref="Fee"/> when it differs from <see cref="PortfolioTransaction.Currency"/>, or null.</summary>
    public string? FeeCurrency { get; init; }

    /// <summary>The instrument traded, or null.</summary>
    public string? InstrumentId { get; init; }

    /// <summary>Units traded (positive), or null.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Price per unit, or null.</summary>
    public decimal? Price { get; init; }

    /// <summary>Free text, or null.</summary>
    public string? Description { get; init; }
}
