using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// What one sync read of one IBKR account, ready for the portfolio. A part the sync did not read is null
/// (<see cref="Cash"/> or <see cref="Positions"/>): the writer keeps that part as stored.
/// </summary>
/// <param name="AccountId">The IBKR account id (<c>U1234567</c>, paper <c>DU…</c>).</param>
internal sealed record AccountSnapshot(string AccountId)
{
    /// <summary>The user's alias or the account title, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The account's base currency, upper case, or null.</summary>
    public string? Currency { get; init; }

    /// <summary>Cash per currency (zero balances left out), or null when this sync did not read cash.</summary>
    public IReadOnlyList<CashLine>? Cash { get; init; }

    /// <summary>Open positions, or null when this sync did not read positions.</summary>
    public IReadOnlyList<PositionEntry>? Positions { get; init; }

    /// <summary>Exchange rates the source reported (currency → base currency).</summary>
    public IReadOnlyList<ExchangeRate> Rates { get; init; } = [];

    /// <summary>Net liquidation value in the base currency, when read.</summary>
    public decimal? NetLiquidation { get; init; }

    /// <summary>Total cash in the base currency, when read.</summary>
    public decimal? TotalCash { get; init; }

    /// <summary>What was skipped and why (written to the run's log).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The cash as portfolio balances, or null when not read.</summary>
    public IReadOnlyList<BalanceEntry>? Balances => Cash?.Select(c => new BalanceEntry(c.Currency, c.Total)).ToList();
}

/// <summary>Cash of one currency.</summary>
/// <param name="Currency">Currency code, upper case.</param>
/// <param name="Total">The cash balance (negative = borrowed), exact.</param>
/// <param name="Settled">The settled part, when the source says.</param>
internal sealed record CashLine(string Currency, decimal Total, decimal? Settled);
