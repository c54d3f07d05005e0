using System.Globalization;
using System.Text.Json.Nodes;

namespace Kairos.Plugins.Fund.Dca;

internal sealed record DcaPlanList(IReadOnlyList<DcaPlanView> Plans);

/// <summary>A DCA plan as the API shows it: amounts and rates as exact strings, <c>day_of_month</c> a number or <c>"last"</c>.</summary>
internal sealed record DcaPlanView(
    string PlanId, string FundCode, string Amount, string Frequency, int? Weekday, JsonNode? DayOfMonth, string FeeRate, string StartDate, string? EndDate,
    bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? LastDueDate, string? NextDueDate)
{
    public static DcaPlanView From(DcaPlan p, DateOnly? lastDue, DateOnly? nextDue) =>
        new(p.PlanId, p.FundCode, p.Amount.ToString(CultureInfo.InvariantCulture), DcaPlan.FrequencyText(p.Frequency), p.Weekday,
            p.DayOfMonth is not { } day ? null : day.IsLast ? JsonValue.Create("last") : JsonValue.Create(day.Day),
            p.FeeRate.ToString(CultureInfo.InvariantCulture), Date(p.StartDate), p.EndDate is { } end ? Date(end) : null, p.Active, p.CreatedAt, p.UpdatedAt,
            lastDue is { } l ? Date(l) : null, nextDue is { } n ? Date(n) : null);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
