using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Portfolio.Http;

/// <summary>
/// The portfolio's endpoints, served under <c>/api/v1/plugins/portfolio/</c>. Read only: the finance plugins write
/// through <see cref="IPortfolioStore"/>. Bad query parameters answer RFC 7807 validation problems keyed by parameter.
/// </summary>
internal static class PortfolioEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/accounts", async (string? source, IPortfolioStore store, CancellationToken ct) =>
            Results.Ok(new AccountList((await store.GetAccountsAsync(source, ct).ConfigureAwait(false)).Select(AccountView.From).ToList())));

        endpoints.MapGet("/balances", async (string? source, IPortfolioStore store, CancellationToken ct) =>
            Results.Ok(new BalanceList((await store.GetBalancesAsync(source, ct).ConfigureAwait(false)).Select(BalanceView.From).ToList())));

        endpoints.MapGet("/positions", async (string? source, IPortfolioStore store, CancellationToken ct) =>
            Results.Ok(new PositionList((await store.GetPositionsAsync(source, ct).ConfigureAwait(false)).Select(PositionView.From).ToList())));

        endpoints.MapGet("/transactions", GetTransactionsAsync);

        endpoints.MapGet("/fx-rates", async (string? @base, string? quote, IPortfolioStore store, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var b = OptionalCurrency(@base, "base", errors);
            var q = OptionalCurrency(quote, "quote", errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var rates = await store.GetLatestExchangeRatesAsync(b, q, ct).ConfigureAwait(false);
            return Results.Ok(new RateList(rates.Select(RateView.From).ToList()));
        });

        endpoints.MapGet("/net-worth", async (string? currency, IPortfolioStore store, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var c = OptionalCurrency(currency, "currency", errors);
            return errors.Count > 0
                ? Results.ValidationProblem(errors)
                : Results.Ok(NetWorthView.From(await store.GetNetWorthAsync(c, ct).ConfigureAwait(false)));
        });

        endpoints.MapGet("/net-worth/history", async (string? currency, string? since, IPortfolioStore store, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var c = OptionalCurrency(currency, "currency", errors);
            DateOnly? from = null;
            if (!string.IsNullOrEmpty(since))
            {
                if (DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    from = d;
                }
                else
                {
                    errors["since"] = [$"'{since}' is not a date such as 2025-01-31"];
                }
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var points = await store.GetNetWorthHistoryAsync(c, from, ct).ConfigureAwait(false);
            return Results.Ok(new NetWorthHistoryView(c ?? store.BaseCurrency, points.Select(NetWorthPointView.From).ToList()));
        });
    }

    private static async Task<IResult> GetTransactionsAsync(string? source, string? since, string? until, string? cursor, int? limit, IPortfolioStore store, PortfolioSettings settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = settings.TimeZone;
        var from = Instant(since, "since", zone, endOfDay: false, errors);
        var to = Instant(until, "until", zone, endOfDay: true, errors);
        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["must be between 1 and 500"];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        try
        {
            var page = await store.GetTransactionsAsync(new TransactionQuery
            {
                Source = string.IsNullOrEmpty(source) ? null : source,
                Since = from,
                Until = to,
                Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
                Limit = limit ?? 100,
            }, ct).ConfigureAwait(false);
            return Results.Ok(new TransactionList(page.Items.Select(TransactionView.From).ToList(), page.NextCursor));
        }
        catch (ArgumentException ex) when (ex.ParamName == "cursor")
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = [ex.Message] });
        }
    }

    /// <summary>
    /// A date (<c>2025-01-31</c>, a day in the portfolio's zone: <c>since</c> from its start, <c>until</c> through its end)
    /// or an ISO-8601 instant (<c>2025-01-31T08:00:00Z</c>; without an offset it is UTC).
    /// </summary>
    private static DateTimeOffset? Instant(string? text, string name, TimeZoneInfo zone, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = (endOfDay ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }
        errors[name] = [$"'{text}' is not a date (2025-01-31) or an ISO-8601 time (2025-01-31T08:00:00Z)"];
        return null;
    }

    private static string? OptionalCurrency(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var code = Codes.TryCurrency(text);
        if (code is null)
        {
            errors[name] = [$"'{text}' is not a currency code such as CNY or USD"];
        }
        return code;
    }
}
