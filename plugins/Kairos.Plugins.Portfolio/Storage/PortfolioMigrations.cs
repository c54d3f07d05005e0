using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Portfolio.Storage;

/// <summary>
/// The portfolio's schema. Amounts are TEXT holding the exact decimal (never REAL); instants are fixed-width UTC
/// ISO-8601 TEXT; dates <c>yyyy-MM-dd</c>. Column types are ones SQLite and PostgreSQL both accept.
/// </summary>
internal static class PortfolioMigrations
{
    public static readonly PluginMigration V1 = new(1, "accounts, balances, positions, transactions, rates, prices, candles, snapshots", """
        CREATE TABLE portfolio_accounts (
            source TEXT NOT NULL,
            account_id TEXT NOT NULL,
            name TEXT,
            currency TEXT,
            kind TEXT,
            synced_at TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (source, account_id));

        CREATE TABLE portfolio_balances (
            source TEXT NOT NULL,
            account_id TEXT NOT NULL,
            asset TEXT NOT NULL,
            asset_class TEXT NOT NULL,
            total TEXT NOT NULL,
            available TEXT,
            frozen TEXT,
            as_of TEXT NOT NULL,
            PRIMARY KEY (source, account_id, asset));

        CREATE TABLE portfolio_positions (
            source TEXT NOT NULL,
            account_id TEXT NOT NULL,
            instrument_id TEXT NOT NULL,
            side TEXT NOT NULL,
            instrument_kind TEXT NOT NULL,
            name TEXT,
            quantity TEXT NOT NULL,
            average_cost TEXT,
            price TEXT,
            market_value TEXT,
            currency TEXT NOT NULL,
            unrealised_pnl TEXT,
            counts_in_net_worth INTEGER NOT NULL,
            as_of TEXT NOT NULL,
            PRIMARY KEY (source, account_id, instrument_id, side));

        CREATE TABLE portfolio_transactions (
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            amount TEXT NOT NULL,
            currency TEXT NOT NULL,
            fee TEXT,
            fee_currency TEXT,
            instrument_id TEXT,
            quantity TEXT,
            price TEXT,
            description TEXT,
            recorded_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (source, external_id));

        CREATE INDEX portfolio_transactions_by_time ON portfolio_transactions (occurred_at, source, external_id);

        CREATE TABLE portfolio_exchange_rates (
            base_currency TEXT NOT NULL,
            quote_currency TEXT NOT NULL,
            source TEXT NOT NULL,
            rate_time TEXT NOT NULL,
            rate TEXT NOT NULL,
            PRIMARY KEY (base_currency, quote_currency, source, rate_time));

        CREATE TABLE portfolio_prices (
            source TEXT NOT NULL,
            instrument_id TEXT NOT NULL,
            price_time TEXT NOT NULL,
            price TEXT NOT NULL,
            currency TEXT NOT NULL,
            PRIMARY KEY (source, instrument_id, price_time));

        CREATE TABLE portfolio_candles (
            source TEXT NOT NULL,
            instrument_id TEXT NOT NULL,
            bar TEXT NOT NULL,
            open_time TEXT NOT NULL,
            open_price TEXT NOT NULL,
            high_price TEXT NOT NULL,
            low_price TEXT NOT NULL,
            close_price TEXT NOT NULL,
            volume TEXT,
            PRIMARY KEY (source, instrument_id, bar, open_time));

        CREATE TABLE portfolio_account_snapshots (
            snapshot_date TEXT NOT NULL,
            source TEXT NOT NULL,
            account_id TEXT NOT NULL,
            synced_at TEXT NOT NULL,
            PRIMARY KEY (snapshot_date, source, account_id));

        CREATE TABLE portfolio_balance_snapshots (
            snapshot_date TEXT NOT NULL,
            source TEXT NOT NULL,
            account_id TEXT NOT NULL,
            asset TEXT NOT NULL,
            asset_class TEXT NOT NULL,
            total TEXT NOT NULL,
            available TEXT,
            frozen TEXT,
            PRIMARY KEY (snapshot_date, source, account_id, asset));

        CREATE TABLE portfolio_position_snapshots (
            snapshot_date TEXT NOT NULL,
            source TEXT NOT NULL,
            account_id TEXT NOT NULL,
            instrument_id TEXT NOT NULL,
            side TEXT NOT NULL,
            instrument_kind TEXT NOT NULL,
            name TEXT,
            quantity TEXT NOT NULL,
            average_cost TEXT,
            price TEXT,
            market_value TEXT,
            currency TEXT NOT NULL,
            unrealised_pnl TEXT,
            counts_in_net_worth INTEGER NOT NULL,
            PRIMARY KEY (snapshot_date, source, account_id, instrument_id, side))
        """);

    public static IReadOnlyList<PluginMigration> All { get; } = [V1];
}
