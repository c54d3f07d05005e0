using Kairos.Plugins.Fund.Http;
using Kairos.Plugins.Fund.Storage;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Fund.Dca;

/// <summary>
/// <c>POST/GET /dca-plans</c>, <c>GET/PATCH/DELETE /dca-plans/{id}</c>. A plan names its fund, which is followed
/// from then on (as a standard fund unless added otherwise). Deleting a plan keeps its purchases.
/// </summary>
internal static class DcaPlanEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/dca-plans", async (HttpRequest request, IPluginDatabase database, ITradingCalendar calendar, TimeProvider time, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(request, ct).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }
            var now = time.GetUtcNow();
            var plan = DcaPlanRequest.Read(body, null, "plan-" + Guid.NewGuid().ToString("N")[..12], now);
            if (plan is null)
            {
                return Results.ValidationProblem(body.Errors);
            }
            var store = new FundStore(database);
            await store.EnsureFollowedAsync(plan.FundCode, now, ct).ConfigureAwait(false);
            await store.InsertPlanAsync(plan, ct).ConfigureAwait(false);
            return Results.Created($"{request.PathBase}/dca-plans/{plan.PlanId}", await ViewAsync(store, plan, calendar, now, ct).ConfigureAwait(false));
        });

        endpoints.MapGet("/dca-plans", async (IPluginDatabase database, ITradingCalendar calendar, TimeProvider time, CancellationToken ct) =>
        {
            var store = new FundStore(database);
            var views = new List<DcaPlanView>();
            foreach (var plan in await store.GetPlansAsync(activeOnly: false, ct).ConfigureAwait(false))
            {
                views.Add(await ViewAsync(store, plan, calendar, time.GetUtcNow(), ct).ConfigureAwait(false));
            }
            return Results.Ok(new DcaPlanList(views));
        });

        endpoints.MapGet("/dca-plans/{id}", async (string id, IPluginDatabase database, ITradingCalendar calendar, TimeProvider time, CancellationToken ct) =>
        {
            var store = new FundStore(database);
            return await store.GetPlanAsync(id, ct).ConfigureAwait(false) is { } plan
                ? Results.Ok(await ViewAsync(store, plan, calendar, time.GetUtcNow(), ct).ConfigureAwait(false))
                : Problems.NotFound($"DCA plan {id} does not exist");
        });

        endpoints.MapPatch("/dca-plans/{id}", async (string id, HttpRequest request, IPluginDatabase database, ITradingCalendar calendar, TimeProvider time, CancellationToken ct) =>
        {
            var store = new FundStore(database);
            if (await store.GetPlanAsync(id, ct).ConfigureAwait(false) is not { } existing)
            {
                return Problems.NotFound($"DCA plan {id} does not exist");
            }
            var (body, problem) = await JsonBody.ReadAsync(request, ct).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }
            var now = time.GetUtcNow();
            var plan = DcaPlanRequest.Read(body, existing, id, now);
            if (plan is null)
            {
                return Results.ValidationProblem(body.Errors);
            }
            await store.EnsureFollowedAsync(plan.FundCode, now, ct).ConfigureAwait(false);
            await store.UpdatePlanAsync(plan, ct).ConfigureAwait(false);
            return Results.Ok(await ViewAsync(store, plan, calendar, now, ct).ConfigureAwait(false));
        });

        endpoints.MapDelete("/dca-plans/{id}", async (string id, IPluginDatabase database, CancellationToken ct) =>
            await new FundStore(database).DeletePlanAsync(id, ct).ConfigureAwait(false)
                ? Results.NoContent()
                : Problems.NotFound($"DCA plan {id} does not exist"));
    }

    private static async Task<DcaPlanView> ViewAsync(FundStore store, DcaPlan plan, ITradingCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        var last = await store.GetLastDueDateAsync(plan.PlanId, ct).ConfigureAwait(false);
        var today = ChinaMarket.Today(now);
        var from = new[] { today, plan.StartDate, ChinaMarket.Today(plan.CreatedAt), last?.AddDays(1) ?? DateOnly.MinValue }.Max();
        var next = plan.Active ? DcaSchedule.NextDueDate(plan, from, calendar) : null;
        return DcaPlanView.From(plan, last, next);
    }
}
