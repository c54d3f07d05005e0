using System.Data.Common;
using Kairos.Plugins.Fund.Dca;

namespace Kairos.Plugins.Fund.Storage;

internal sealed partial class FundStore
{
    private const string PlanColumns = "plan_id, fund_code, amount, frequency, weekday, day_of_month, fee_rate, start_date, end_date, active, created_at, updated_at";

    public Task InsertPlanAsync(DcaPlan plan, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO fund_dca_plans ({PlanColumns})
            VALUES (@id, @code, @amount, @frequency, @weekday, @day, @fee, @start, @end, @active, @created, @updated)
            """, cancellationToken, PlanParameters(plan));

    public async Task<bool> UpdatePlanAsync(DcaPlan plan, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE fund_dca_plans SET fund_code = @code, amount = @amount, frequency = @frequency, weekday = @weekday, day_of_month = @day,
                fee_rate = @fee, start_date = @start, end_date = @end, active = @active, updated_at = @updated
            WHERE plan_id = @id
            """, cancellationToken, PlanParameters(plan)).ConfigureAwait(false) > 0;

    public async Task<bool> DeletePlanAsync(string planId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM fund_dca_plans WHERE plan_id = @id", cancellationToken, ("@id", planId)).ConfigureAwait(false) > 0;

    public async Task<DcaPlan?> GetPlanAsync(string planId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {PlanColumns} FROM fund_dca_plans WHERE plan_id = @id", ReadPlan, cancellationToken, ("@id", planId)).ConfigureAwait(false)).FirstOrDefault();

    public Task<List<DcaPlan>> GetPlansAsync(bool activeOnly, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {PlanColumns} FROM fund_dca_plans{(activeOnly ? " WHERE active = 1" : "")} ORDER BY created_at, plan_id", ReadPlan, cancellationToken);

    /// <summary>The latest due date a purchase of the plan was recorded for, or null.</summary>
    public async Task<DateOnly?> GetLastDueDateAsync(string planId, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT MAX(due_date) FROM fund_transactions WHERE plan_id = @id", r => r.IsDBNull(0) ? (DateOnly?)null : Sql.Date(r, 0),
            cancellationToken, ("@id", planId)).ConfigureAwait(false))[0];

    private static (string, object?)[] PlanParameters(DcaPlan p) =>
    [
        ("@id", p.PlanId), ("@code", p.FundCode), ("@amount", Sql.Text(p.Amount)), ("@frequency", DcaPlan.FrequencyText(p.Frequency)),
        ("@weekday", p.Weekday), ("@day", p.DayOfMonth?.Text), ("@fee", Sql.Text(p.FeeRate)), ("@start", Sql.Text(p.StartDate)),
        ("@end", p.EndDate is { } end ? Sql.Text(end) : null), ("@active", p.Active ? 1 : 0), ("@created", Sql.Text(p.CreatedAt)), ("@updated", Sql.Text(p.UpdatedAt)),
    ];

    private static DcaPlan ReadPlan(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        Sql.Decimal(r, 2),
        DcaPlan.TryParseFrequency(r.GetString(3)) ?? throw new FormatException($"plan {r.GetString(0)} has an unknown frequency '{r.GetString(3)}'"),
        r.IsDBNull(4) ? null : Convert.ToInt32(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(5) ? null : MonthDay.TryParse(r.GetString(5)),
        Sql.Decimal(r, 6),
        Sql.Date(r, 7),
        r.IsDBNull(8) ? null : Sql.Date(r, 8),
        Sql.Boolean(r, 9),
        Sql.Instant(r, 10),
        Sql.Instant(r, 11));
}
