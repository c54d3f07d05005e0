using System.Globalization;
using Kairos.Plugins.Ibkr.Gateway.Models;
using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>Client Portal answers (accounts, summary, ledger, positions) as portfolio accounts, balances, positions and rates.</summary>
internal static class GatewayMapping
{
    /// <summary>
    /// Cash per currency from the ledger (the <c>BASE</c> aggregate left out, zero balances too), the ledger's rates
    /// to the base currency, and net liquidation and total cash from the summary.
    /// </summary>
    public static AccountSnapshot Balances(IbkrAccount account, IbkrAccountSummary summary, IReadOnlyList<IbkrLedgerEntry> ledger, DateTimeOffset now)
    {
        var notes = new List<string>();
        var baseCurrency = BaseCurrency(account) ?? Codes.TryCurrency(summary.NetLiquidation?.Currency);
        var cash = new List<CashLine>();
        var rates = new List<ExchangeRate>();
        foreach (var entry in ledger.Where(e => !e.IsBase))
        {
            var currency = Codes.TryCurrency(entry.Currency);
            if (currency is null || cash.Any(c => c.Currency == currency))
            {
                notes.Add($"IBKR ledger of {account.AccountId}: entry '{entry.Currency}' is not a currency or is repeated; skipped.");
                continue;
            }
            if (entry.CashBalance is { } total && total != 0m)
            {
                cash.Add(new CashLine(currency, total, entry.SettledCash));
            }
            if (baseCurrency is not null && currency != baseCurrency && entry.ExchangeRate is { } rate && rate > 0m)
            {
                rates.Add(new ExchangeRate(currency, baseCurrency, rate, entry.Timestamp ?? now, IbkrPlugin.PluginId));
            }
        }
        return new AccountSnapshot(account.AccountId)
        {
            Name = Name(account),
            Currency = baseCurrency,
            Cash = cash,
            Rates = rates,
            NetLiquidation = summary.NetLiquidation?.Amount,
            TotalCash = summary.TotalCashValue?.Amount,
            Notes = notes,
        };
    }

    /// <summary>
    /// The open positions: one per contract id and side (a short position is the absolute quantity on the short
    /// side, its market value negative as IBKR reports it); quantity 0 (closed today) left out.
    /// </summary>
    /// <exception cref="IbkrParseException">A position has neither a currency nor an account base currency.</exception>
    public static AccountSnapshot Positions(IbkrAccount account, IReadOnlyList<IbkrPosition> positions)
    {
        var notes = new List<string>();
        var baseCurrency = BaseCurrency(account);
        var entries = new List<PositionEntry>();
        var seen = new HashSet<(string, PositionSide)>();
        foreach (var p in positions)
        {
            if (p.Quantity is not { } quantity || quantity == 0m)
            {
                continue;
            }
            var id = p.Conid.ToString(CultureInfo.InvariantCulture);
            var side = quantity < 0m ? PositionSide.Short : PositionSide.Long;
            if (!seen.Add((id, side)))
            {
                notes.Add($"IBKR positions of {account.AccountId}: contract {id} is listed twice (the list changed while it was paged); the first is kept.");
                continue;
            }
            var currency = Codes.TryCurrency(p.Currency) ?? baseCurrency
                ?? throw new IbkrParseException($"IBKR position {id} of {account.AccountId} has no currency, and the account no base currency.");
            entries.Add(new PositionEntry(id, InstrumentKinds.From(p.AssetClass), side, Math.Abs(quantity), currency)
            {
                Name = DisplayName(p),
                // avgPrice is per unit like mktPrice; avgCost of an option or future includes the multiplier.
                AverageCost = p.AveragePrice ?? p.AverageCost,
                Price = p.MarketPrice,
                MarketValue = p.MarketValue,
                UnrealisedPnl = p.UnrealizedPnl,
                CountsInNetWorth = InstrumentKinds.CountsInNetWorth(p.AssetClass),
            });
        }
        return new AccountSnapshot(account.AccountId) { Name = Name(account), Currency = baseCurrency, Positions = entries, Notes = notes };
    }

    private static string? BaseCurrency(IbkrAccount account) => Codes.TryCurrency(account.Currency);

    private static string? Name(IbkrAccount account) => account.Alias ?? account.DisplayName ?? account.Title;

    // A stock reads best by its company name; a derivative by its contract description ("AAPL JUN2024 200 C").
    private static string? DisplayName(IbkrPosition p) =>
        string.Equals(p.AssetClass, "STK", StringComparison.OrdinalIgnoreCase)
            ? p.Name ?? p.ContractDescription ?? p.Ticker
            : p.ContractDescription ?? p.Name ?? p.Ticker;
}
