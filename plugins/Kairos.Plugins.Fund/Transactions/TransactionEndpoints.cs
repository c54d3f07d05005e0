using System.Globalization;
using Kairos.Plugins.Fund.Holdings;
using Kairos.Plugins.Fund.Http;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Tiantian;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Fund.Transactions;

/// <summary>
/// <c>POST /transactions</c>: a buy or sell made elsewhere, entered as dealt:
/// <c>{"fund_code", "kind": "buy"|"sell", "trade_date", "shares", "amount", "fee", "nav", "note", "external_id"}</c> —
/// for a buy, <c>amount</c> is the yuan paid (fee included); for a sell, the yuan received (fee deducted). Posting
/// the same <c>external_id</c> again changes nothing. <c>GET /transactions?fund_code=&amp;status=</c> lists the ledger,
/// DCA purchases included.
/// </summary>
internal static class TransactionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/transactions", async (HttpRequest request, IPluginDatabase database, TimeProvider time, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(request, ct).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }
            var store = new FundStore(database);
            var now = time.GetUtcNow();
            var t = Read(body, now);
            if (t is null)
            {
                return Results.ValidationProblem(body.Errors);
            }
            if (t.ExternalId is { } externalId && await store.GetTransactionByExternalIdAsync(externalId, ct).ConfigureAwait(false) is { } known)
            {
                return Results.Ok(TransactionView.From(known));
            }
            if (t.Kind == TransactionKinds.Sell)
            {
                var held = (await HoldingReader.ReadAsync(store, t.FundCode, ct).ConfigureAwait(false)).Select(h => h.Holding.Shares).FirstOrDefault();
                if (t.Shares > held)
                {
                    return Problems.Invalid("shares", $"{t.Shares} is more than the {held.ToString(CultureInfo.InvariantCulture)} units of {t.FundCode} held");
                }
            }
            await store.EnsureFollowedAsync(t.FundCode, now, ct).ConfigureAwait(false);
            await store.TryInsertTransactionAsync(t, ct).ConfigureAwait(false);
            return Results.Created($"{request.PathBase}/transactions/{t.TransactionId}", TransactionView.From(t));
        });

        endpoints.MapGet("/transactions", async (string? fund_code, string? status, IPluginDatabase database, CancellationToken ct) =>
        {
            if (status is not (null or FundTransaction.Pending or FundTransaction.Confirmed))
            {
                return Problems.Invalid("status", $"'{status}' is not a status: pending or confirmed");
            }
            var ledger = await new FundStore(database).GetTransactionsAsync(string.IsNullOrEmpty(fund_code) ? null : fund_code, status, ct).ConfigureAwait(false);
            return Results.Ok(new TransactionList(ledger.Select(TransactionView.From).ToList()));
        });
    }

    private static FundTransaction? Read(JsonBody body, DateTimeOffset now)
    {
        var code = body.String("fund_code");
        var kind = body.String("kind");
        var trade = body.Date("trade_date");
        var shares = body.Decimal("shares");
        var amount = body.Decimal("amount");
        var fee = body.Decimal("fee") ?? 0.00m;
        var nav = body.Decimal("nav");
        var note = body.String("note");
        var externalId = body.String("external_id");
        body.RejectUnknown("a fund transaction");
        if (code is null || !FundCode.IsValid(code))
        {
            Fail(body, "fund_code", code is null ? "is required: a 6-digit fund code such as 000001" : $"'{code}' is not a fund code: exactly 6 digits");
        }
        if (kind is not (TransactionKinds.Buy or TransactionKinds.Sell))
        {
            Fail(body, "kind", kind is null ? "is required: buy or sell" : $"'{kind}' is not buy or sell (DCA purchases are recorded by the dca_execute task)");
        }
        if (trade is null)
        {
            Fail(body, "trade_date", "is required: the day whose NAV priced it, such as 2025-06-10");
        }
        else if (trade > ChinaMarket.Today(now))
        {
            Fail(body, "trade_date", $"{trade:yyyy-MM-dd} is in the future");
        }
        if (shares is not > 0m)
        {
            Fail(body, "shares", shares is null ? "is required: the units bought or sold" : $"{shares} must be more than 0");
        }
        if (amount is not > 0m)
        {
            Fail(body, "amount", amount is null ? "is required: the yuan paid (buy, fee included) or received (sell, fee deducted)" : $"{amount} must be more than 0");
        }
        if (fee < 0m || (kind == TransactionKinds.Buy && fee > amount))
        {
            Fail(body, "fee", $"{fee} must be at least 0 and, for a buy, at most the amount");
        }
        if (nav is <= 0m)
        {
            Fail(body, "nav", $"{nav} must be more than 0");
        }
        if (externalId is { Length: > 200 })
        {
            Fail(body, "external_id", "is longer than 200 characters");
        }
        if (body.Errors.Count > 0)
        {
            return null;
        }
        var id = "manual-" + (externalId is null ? Guid.NewGuid().ToString("N")[..16] : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(externalId)))[..16]);
        var net = kind == TransactionKinds.Buy ? amount - fee : amount;
        return new FundTransaction(id, code!, kind!, FundTransaction.Confirmed, null, null, trade!.Value, amount!.Value, null, fee, net, nav, shares, note, externalId, now, now);
    }

    private static void Fail(JsonBody body, string field, string message)
    {
        if (!body.Errors.ContainsKey(field))
        {
            body.Fail(field, message);
        }
    }
}

internal sealed record TransactionList(IReadOnlyList<TransactionView> Transactions);

/// <summary>A ledger entry as the API shows it (amounts as exact strings).</summary>
internal sealed record TransactionView(
    string TransactionId, string FundCode, string Kind, string Status, string? PlanId, string? DueDate, string TradeDate, string Amount,
    string? FeeRate, string? Fee, string? NetAmount, string? Nav, string? Shares, string? Note, string? ExternalId, DateTimeOffset RecordedAt, DateTimeOffset? ConfirmedAt)
{
    public static TransactionView From(FundTransaction t) =>
        new(t.TransactionId, t.FundCode, t.Kind, t.Status, t.PlanId, t.DueDate is { } d ? Date(d) : null, Date(t.TradeDate), Text(t.Amount),
            Text(t.FeeRate), Text(t.Fee), Text(t.NetAmount), Text(t.Nav), Text(t.Shares), t.Note, t.ExternalId, t.RecordedAt, t.ConfirmedAt);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
