using Kairos.Storage.Sqlite.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

/// <summary>
/// The questions the engine asks at start-up and on every fire must be answered from an index, not a table scan;
/// these pin the plans so a schema change cannot silently lose them.
/// </summary>
public sealed class SqliteQueryPlanTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(SqliteRunStore.LastScheduledAtByJobSql, "job_last_fires")]
    [InlineData(SqliteRunStore.LastScheduledAtSql, "job_last_fires USING PRIMARY KEY")]
    [InlineData(SqliteRunStore.RunningSql, "ix_runs_running")]
    [InlineData(SqliteRunStore.LastStatusSql, "ix_runs_job_ref")]
    [InlineData(SqliteRunStore.PendingRetriesSql, "ix_runs_planned_retry")]
    [InlineData(SqliteRunStore.SettleAgedOutRetriesSql, "ix_runs_planned_retry")]
    public async Task Engine_queries_use_their_index(string sql, string index)
    {
        await using var store = await _data.OpenStoreAsync(_time);

        var plan = SqliteTestDb.Plan(store.DatabasePath, sql);

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN runs", plan.Replace("SCAN runs USING", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
