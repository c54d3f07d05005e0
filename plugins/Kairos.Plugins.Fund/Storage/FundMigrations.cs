using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Fund.Storage;

/// <summary>
/// The fund plugin's schema. Money, NAVs, rates and shares are TEXT holding the exact decimal (never REAL); dates are
/// <c>yyyy-MM-dd</c> (Beijing dates); instants fixed-width UTC ISO-8601 TEXT.
/// </summary>
internal static class FundMigrations
{
    public static readonly PluginMigration V1 = new(1, "funds, NAVs, money-market yields, estimates, DCA plans, transactions", """
        CREATE TABLE fund_funds (
            code TEXT NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT,
            followed INTEGER NOT NULL,
            added_at TEXT NOT NULL);

        CREATE TABLE fund_navs (
            code TEXT NOT NULL,
            nav_date TEXT NOT NULL,
            unit_nav TEXT NOT NULL,
            accumulated_nav TEXT,
            daily_change_percent TEXT,
            subscription_status TEXT,
            redemption_status TEXT,
            dividend_note TEXT,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (code, nav_date));

        CREATE TABLE fund_money_market_yields (
            code TEXT NOT NULL,
            yield_date TEXT NOT NULL,
            income_per_10k TEXT NOT NULL,
            seven_day_yield_percent TEXT,
            subscription_status TEXT,
            redemption_status TEXT,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (code, yield_date));

        CREATE TABLE fund_estimates (
            code TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            official_nav TEXT NOT NULL,
            official_nav_date TEXT NOT NULL,
            estimated_nav TEXT NOT NULL,
            estimated_change_percent TEXT NOT NULL,
            estimate_time TEXT NOT NULL,
            fetched_at TEXT NOT NULL);

        CREATE TABLE fund_dca_plans (
            plan_id TEXT NOT NULL PRIMARY KEY,
            fund_code TEXT NOT NULL,
            amount TEXT NOT NULL,
            frequency TEXT NOT NULL,
            weekday INTEGER,
            day_of_month TEXT,
            fee_rate TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT,
            active INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);

        CREATE TABLE fund_transactions (
            transaction_id TEXT NOT NULL PRIMARY KEY,
            fund_code TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            plan_id TEXT,
            due_date TEXT,
            trade_date TEXT NOT NULL,
            amount TEXT NOT NULL,
            fee_rate TEXT,
            fee TEXT,
            net_amount TEXT,
            nav TEXT,
            shares TEXT,
            note TEXT,
            external_id TEXT,
            recorded_at TEXT NOT NULL,
            confirmed_at TEXT);

        CREATE UNIQUE INDEX fund_transactions_plan_due ON fund_transactions (plan_id, due_date);

        CREATE UNIQUE INDEX fund_transactions_external ON fund_transactions (external_id);

        CREATE INDEX fund_transactions_pending ON fund_transactions (status, trade_date)
        """);

    public static IReadOnlyList<PluginMigration> All { get; } = [V1];
}
