namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>The event types the syncs publish.</summary>
internal static class SyncEvents
{
    /// <summary>Published by <c>ibkr_balance_sync</c> after a successful sync; data <see cref="BalancesSynced"/>.</summary>
    public const string BalancesSynced = "ibkr.balances.synced";

    /// <summary>Published by <c>ibkr_position_sync</c> after a successful sync; data <see cref="PositionsSynced"/>.</summary>
    public const string PositionsSynced = "ibkr.positions.synced";
}

/// <summary>Data of <c>ibkr.balances.synced</c> and result of <c>ibkr_balance_sync</c>.</summary>
/// <param name="Mode"><c>gateway</c> or <c>flex</c>.</param>
/// <param name="SyncedAt">When the sync finished.</param>
/// <param name="Accounts">Every account synced.</param>
/// <param name="ExchangeRates">Exchange rates recorded (currency → base currency, source <c>ibkr</c>).</param>
internal sealed record BalancesSynced(string Mode, DateTimeOffset SyncedAt, IReadOnlyList<AccountBalancesSynced> Accounts, int ExchangeRates);

/// <summary>One account of <see cref="BalancesSynced"/>.</summary>
/// <param name="AccountId">The IBKR account.</param>
/// <param name="Currency">Its base currency.</param>
/// <param name="NetLiquidation">Net liquidation value in the base currency, when known.</param>
/// <param name="TotalCash">Total cash in the base currency, when known.</param>
/// <param name="Balances">Cash per currency as written.</param>
/// <param name="Applied">False when the portfolio already held a newer sync (nothing written).</param>
/// <param name="Added">Balances new in the portfolio.</param>
/// <param name="Updated">Balances whose value changed.</param>
/// <param name="Removed">Balances no longer reported (now gone).</param>
/// <param name="Unchanged">Balances reported as stored.</param>
internal sealed record AccountBalancesSynced(
    string AccountId,
    string? Currency,
    decimal? NetLiquidation,
    decimal? TotalCash,
    IReadOnlyList<CashLine> Balances,
    bool Applied,
    int Added,
    int Updated,
    int Removed,
    int Unchanged);

/// <summary>Data of <c>ibkr.positions.synced</c> and result of <c>ibkr_position_sync</c>.</summary>
/// <param name="Mode"><c>gateway</c> or <c>flex</c>.</param>
/// <param name="SyncedAt">When the sync finished.</param>
/// <param name="Accounts">Every account synced.</param>
internal sealed record PositionsSynced(string Mode, DateTimeOffset SyncedAt, IReadOnlyList<AccountPositionsSynced> Accounts);

/// <summary>One account of <see cref="PositionsSynced"/>.</summary>
/// <param name="AccountId">The IBKR account.</param>
/// <param name="Positions">Open positions written.</param>
/// <param name="MarketValue">Their market value per currency.</param>
/// <param name="Applied">False when the portfolio already held a newer sync (nothing written).</param>
/// <param name="Added">Positions new in the portfolio.</param>
/// <param name="Updated">Positions whose values changed.</param>
/// <param name="Removed">Positions no longer reported (closed; now gone).</param>
/// <param name="Unchanged">Positions reported as stored.</param>
internal sealed record AccountPositionsSynced(
    string AccountId,
    int Positions,
    IReadOnlyList<CurrencyAmount> MarketValue,
    bool Applied,
    int Added,
    int Updated,
    int Removed,
    int Unchanged);

/// <summary>An amount in a currency.</summary>
/// <param name="Currency">Currency code.</param>
/// <param name="Amount">The amount, exact.</param>
internal sealed record CurrencyAmount(string Currency, decimal Amount);
