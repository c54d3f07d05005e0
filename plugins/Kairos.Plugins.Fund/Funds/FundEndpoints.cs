using Kairos.Plugins.Fund.Http;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Tiantian;
using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Fund.Funds;

/// <summary>
/// <c>POST /funds</c> <c>{"code": "000001", "kind": "standard"|"money_market"}</c> follows a fund (201; 200 when it
/// was followed already, with its kind updated); <c>GET /funds</c> and <c>GET /funds/{code}</c> list followed funds
/// with their latest NAV (or money-market yield), estimate and holding; <c>DELETE /funds/{code}</c> stops following
/// (its NAVs and ledger stay).
/// </summary>
internal static class FundEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/funds", async (HttpRequest request, IPluginDatabase database, TimeProvider time, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(request, ct).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }
            var code = body.String("code");
            if (code is null && !body.Errors.ContainsKey("code"))
            {
                body.Fail("code", "is required: a 6-digit fund code such as 000001");
            }
            else if (code is not null && !FundCode.IsValid(code))
            {
                body.Fail("code", $"'{code}' is not a fund code: exactly 6 digits, such as 000001");
            }
            var kindText = body.String("kind") ?? FundKinds.StandardText;
            var kind = FundKinds.TryParse(kindText);
            if (kind is null && !body.Errors.ContainsKey("kind"))
            {
                body.Fail("kind", $"'{kindText}' is not a fund kind: standard or money_market");
            }
            body.RejectUnknown("a fund");
            if (body.Errors.Count > 0)
            {
                return Results.ValidationProblem(body.Errors);
            }
            var store = new FundStore(database);
            var created = await store.FollowAsync(code!, kind!.Value, time.GetUtcNow(), ct).ConfigureAwait(false);
            var view = await FundView.BuildAsync(store, (await store.GetFundAsync(code!, ct).ConfigureAwait(false))!, ct).ConfigureAwait(false);
            return created ? Results.Created($"{request.PathBase}/funds/{code}", view) : Results.Ok(view);
        });

        endpoints.MapGet("/funds", async (IPluginDatabase database, CancellationToken ct) =>
        {
            var store = new FundStore(database);
            var views = new List<FundView>();
            foreach (var fund in await store.GetFundsAsync(followedOnly: true, ct).ConfigureAwait(false))
            {
                views.Add(await FundView.BuildAsync(store, fund, ct).ConfigureAwait(false));
            }
            return Results.Ok(new FundList(views));
        });

        endpoints.MapGet("/funds/{code}", async (string code, IPluginDatabase database, CancellationToken ct) =>
        {
            var store = new FundStore(database);
            return await store.GetFundAsync(code, ct).ConfigureAwait(false) is { } fund
                ? Results.Ok(await FundView.BuildAsync(store, fund, ct).ConfigureAwait(false))
                : Problems.NotFound($"fund {code} is not known: add it with POST /api/v1/plugins/fund/funds");
        });

        endpoints.MapDelete("/funds/{code}", async (string code, IPluginDatabase database, CancellationToken ct) =>
            await new FundStore(database).UnfollowAsync(code, ct).ConfigureAwait(false)
                ? Results.NoContent()
                : Problems.NotFound($"fund {code} is not followed"));
    }
}
