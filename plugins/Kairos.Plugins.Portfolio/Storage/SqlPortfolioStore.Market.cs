using System.Data.Common;

namespace Kairos.Plugins.Portfolio.Storage;

internal sealed partial class SqlPortfolioStore
{
    public async Task<int> UpsertExchangeRatesAsync(IReadOnlyList<ExchangeRate> rates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var rows = rates.Select(r =>
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rates));
            var pair = $"{r.Base}/{r.Quote}";
            if (r.Rate <= 0)
            {
                throw new ArgumentException($"exchange rate {pair} is {r.Rate}; a rate is positive.", nameof(rates));
            }
            return r with { Base = Codes.Currency(r.Base, "base"), Quote = Codes.Currency(r.Quote, "quote"), Source = Codes.Id(r.Source, "source") };
        }).ToList();
        return await WriteAllAsync(rows, (connection, transaction, r) => Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO portfolio_exchange_rates (base_currency, quote_currency, source, rate_time, rate) VALUES (@base, @quote, @source, @at, @rate)
            ON CONFLICT (base_currency, quote_currency, source, rate_time) DO UPDATE SET rate = excluded.rate
            """, cancellationToken, ("@base", r.Base), ("@quote", r.Quote), ("@source", r.Source), ("@at", Sql.Text(r.Time)), ("@rate", Sql.Text(r.Rate))),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ExchangeRate>> GetLatestExchangeRatesAsync(string? baseCurrency = null, string? quoteCurrency = null, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>();
        if (baseCurrency is not null)
        {
            conditions.Add("r.base_currency = @base");
        }
        if (quoteCurrency is not null)
        {
            conditions.Add("r.quote_currency = @quote");
        }
        var where = conditions.Count == 0 ? "" : " AND " + string.Join(" AND ", conditions);
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await Sql.QueryAsync(connection, null, $"""
                SELECT r.base_currency, r.quote_currency, r.rate, r.rate_time, r.source FROM portfolio_exchange_rates r
                WHERE r.rate_time = (SELECT MAX(l.rate_time) FROM portfolio_exchange_rates l
                                     WHERE l.base_currency = r.base_currency AND l.quote_currency = r.quote_currency){where}
                ORDER BY r.base_currency, r.quote_currency, r.source
                """, ReadRate, cancellationToken,
                ("@base", baseCurrency is null ? null : Codes.TryCurrency(baseCurrency) ?? baseCurrency),
                ("@quote", quoteCurrency is null ? null : Codes.TryCurrency(quoteCurrency) ?? quoteCurrency)).ConfigureAwait(false);
            // Two sources may report a pair at the same instant: keep one per pair (the first source by name).
            return rows.DistinctBy(r => (r.Base, r.Quote)).ToList();
        }
    }

    public async Task<int> UpsertPricesAsync(IReadOnlyList<PriceQuote> prices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var rows = prices.Select(p =>
        {
            ArgumentNullException.ThrowIfNull(p, nameof(prices));
            return p with { Source = Codes.Id(p.Source, "source"), InstrumentId = Codes.Id(p.InstrumentId, "instrument_id"), Currency = Codes.Currency(p.Currency, "currency") };
        }).ToList();
        return await WriteAllAsync(rows, (connection, transaction, p) => Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO portfolio_prices (source, instrument_id, price_time, price, currency) VALUES (@source, @instrument, @at, @price, @currency)
            ON CONFLICT (source, instrument_id, price_time) DO UPDATE SET price = excluded.price, currency = excluded.currency
            """, cancellationToken, ("@source", p.Source), ("@instrument", p.InstrumentId), ("@at", Sql.Text(p.Time)), ("@price", Sql.Text(p.Price)), ("@currency", p.Currency)),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<PriceQuote?> GetLatestPriceAsync(string source, string instrumentId, CancellationToken cancellationToken = default)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await Sql.QueryAsync(connection, null, """
                SELECT source, instrument_id, price, currency, price_time FROM portfolio_prices
                WHERE source = @source AND instrument_id = @instrument ORDER BY price_time DESC LIMIT 1
                """, r => new PriceQuote(r.GetString(0), r.GetString(1), Sql.Decimal(r, 2), r.GetString(3), Sql.Instant(r, 4)),
                cancellationToken, ("@source", source), ("@instrument", instrumentId)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }
    }

    public async Task<int> UpsertCandlesAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var rows = candles.Select(c =>
        {
            ArgumentNullException.ThrowIfNull(c, nameof(candles));
            return c with { Source = Codes.Id(c.Source, "source"), InstrumentId = Codes.Id(c.InstrumentId, "instrument_id"), Bar = Codes.Id(c.Bar, "bar") };
        }).ToList();
        return await WriteAllAsync(rows, (connection, transaction, c) => Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO portfolio_candles (source, instrument_id, bar, open_time, open_price, high_price, low_price, close_price, volume)
            VALUES (@source, @instrument, @bar, @at, @open, @high, @low, @close, @volume)
            ON CONFLICT (source, instrument_id, bar, open_time) DO UPDATE SET open_price = excluded.open_price, high_price = excluded.high_price,
                low_price = excluded.low_price, close_price = excluded.close_price, volume = excluded.volume
            """, cancellationToken, ("@source", c.Source), ("@instrument", c.InstrumentId), ("@bar", c.Bar), ("@at", Sql.Text(c.OpenTime)),
            ("@open", Sql.Text(c.Open)), ("@high", Sql.Text(c.High)), ("@low", Sql.Text(c.Low)), ("@close", Sql.Text(c.Close)), ("@volume", Sql.Text(c.Volume))),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(string source, string instrumentId, string bar, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        var range = (since is null ? "" : " AND open_time >= @since") + (until is null ? "" : " AND open_time < @until");
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await Sql.QueryAsync(connection, null, $"""
                SELECT source, instrument_id, bar, open_time, open_price, high_price, low_price, close_price, volume FROM portfolio_candles
                WHERE source = @source AND instrument_id = @instrument AND bar = @bar{range} ORDER BY open_time
                """, r => new Candle(r.GetString(0), r.GetString(1), r.GetString(2), Sql.Instant(r, 3), Sql.Decimal(r, 4), Sql.Decimal(r, 5), Sql.Decimal(r, 6), Sql.Decimal(r, 7))
                {
                    Volume = Sql.NullableDecimal(r, 8),
                },
                cancellationToken, ("@source", source), ("@instrument", instrumentId), ("@bar", bar),
                ("@since", since is { } s ? Sql.Text(s) : null), ("@until", until is { } u ? Sql.Text(u) : null)).ConfigureAwait(false);
        }
    }

    internal static ExchangeRate ReadRate(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), Sql.Decimal(r, 2), Sql.Instant(r, 3), r.GetString(4));

    private async Task<int> WriteAllAsync<T>(List<T> rows, Func<DbConnection, DbTransaction, T, Task<int>> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var written = 0;
                foreach (var row in rows)
                {
                    written += await write(connection, transaction, row).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return written;
            }
        }
    }
}
