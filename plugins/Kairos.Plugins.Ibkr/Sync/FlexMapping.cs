using System.Globalization;
using Kairos.Plugins.Ibkr.Flex.Statements;
using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// One account's Activity Flex statement as portfolio data. A statement holds cash and positions of one moment,
/// so both parts are always mapped.
/// </summary>
internal static class FlexMapping
{
    /// <summary>
    /// Cash per currency from the cash report (<c>endingCash</c>; the <c>BASE_SUMMARY</c> row and zero balances left
    /// out), open positions (summary rows; lot rows left out), the conversion rates, and net liquidation and cash
    /// from the newest equity summary row.
    /// </summary>
    /// <exception cref="IbkrParseException">A position has no id or no currency.</exception>
    public static AccountSnapshot Account(FlexAccountStatement statement, DateTimeOffset now)
    {
        var notes = new List<string>();
        var info = statement.AccountInformation;
        var equity = statement.EquitySummary.OrderBy(e => e.ReportDate).LastOrDefault();
        var baseCurrency = Codes.TryCurrency(info?.Currency) ?? Codes.TryCurrency(equity?.Currency);
        return new AccountSnapshot(statement.AccountId)
        {
            Name = info?.Alias ?? info?.Name,
            Currency = baseCurrency,
            Cash = Cash(statement, notes),
            Positions = Positions(statement, baseCurrency, notes),
            Rates = Rates(statement, now),
            NetLiquidation = equity?.Total,
            TotalCash = equity?.Cash ?? statement.CashReport.FirstOrDefault(c => c.IsBaseSummary)?.EndingCash,
            Notes = notes,
        };
    }

    private static List<CashLine> Cash(FlexAccountStatement statement, List<string> notes)
    {
        var cash = new List<CashLine>();
        foreach (var line in statement.CashReport.Where(c => !c.IsBaseSummary))
        {
            var currency = Codes.TryCurrency(line.Currency);
            if (currency is null || cash.Any(c => c.Currency == currency))
            {
                notes.Add($"Flex cash report of {statement.AccountId}: currency '{line.Currency}' is not a currency or is repeated; skipped.");
                continue;
            }
            if (line.EndingCash is { } total && total != 0m)
            {
                cash.Add(new CashLine(currency, total, line.EndingSettledCash));
            }
        }
        return cash;
    }

    private static List<PositionEntry> Positions(FlexAccountStatement statement, string? baseCurrency, List<string> notes)
    {
        var entries = new List<PositionEntry>();
        var seen = new HashSet<(string, PositionSide)>();
        foreach (var row in statement.OpenPositions)
        {
            // With lot detail a query lists each lot after its summary row: the summary is the position.
            if (row.LevelOfDetail is { } level && !level.Equals("SUMMARY", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (row.Quantity is not { } quantity || quantity == 0m)
            {
                continue;
            }
            var id = row.Conid?.ToString(CultureInfo.InvariantCulture) ?? row.Isin ?? row.Symbol
                ?? throw new IbkrParseException($"Flex statement of {statement.AccountId}: an OpenPosition has no conid, isin or symbol.");
            var side = row.Side switch
            {
                { } s when s.Equals("Short", StringComparison.OrdinalIgnoreCase) => PositionSide.Short,
                { } s when s.Equals("Long", StringComparison.OrdinalIgnoreCase) => PositionSide.Long,
                _ => quantity < 0m ? PositionSide.Short : PositionSide.Long,
            };
            if (!seen.Add((id, side)))
            {
                notes.Add($"Flex statement of {statement.AccountId}: position {id} is listed twice; the first is kept.");
                continue;
            }
            var currency = Codes.TryCurrency(row.Currency) ?? baseCurrency
                ?? throw new IbkrParseException($"Flex statement of {statement.AccountId}: position {id} has no currency, and the account no base currency.");
            entries.Add(new PositionEntry(id, InstrumentKinds.From(row.AssetCategory), side, Math.Abs(quantity), currency)
            {
                Name = row.Description ?? row.Symbol,
                AverageCost = row.CostBasisPrice ?? row.OpenPrice,
                Price = row.MarkPrice,
                MarketValue = row.PositionValue,
                UnrealisedPnl = row.FifoPnlUnrealized,
                CountsInNetWorth = InstrumentKinds.CountsInNetWorth(row.AssetCategory),
            });
        }
        return entries;
    }

    private static List<ExchangeRate> Rates(FlexAccountStatement statement, DateTimeOffset now)
    {
        var rates = new List<ExchangeRate>();
        foreach (var rate in statement.ConversionRates)
        {
            var from = Codes.TryCurrency(rate.FromCurrency);
            var to = Codes.TryCurrency(rate.ToCurrency);
            if (from is null || to is null || from == to || rate.Rate is not { } value || value <= 0m)
            {
                continue;
            }
            // A report date has no time of day: the rate is the one of that date's close, stamped at its start (UTC).
            var time = rate.ReportDate is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
            rates.Add(new ExchangeRate(from, to, value, time, IbkrPlugin.PluginId));
        }
        return rates;
    }
}
