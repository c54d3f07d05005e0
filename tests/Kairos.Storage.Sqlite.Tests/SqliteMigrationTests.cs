using Microsoft.Data.Sqlite;
using Kairos.Storage.Sqlite.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Migrations_are_numbered_from_1_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, SqliteMigrations.All.Count), SqliteMigrations.All.Select(m => m.Version));
        Assert.Equal(SqliteMigrations.All.Count, SqliteKairosStore.LatestSchemaVersion);
    }

    [Fact]
    public void The_first_migration_sets_auto_vacuum_before_creating_any_table()
    {
        var sql = SqliteMigrations.All[0].Sql;

        var pragma = sql.IndexOf("PRAGMA auto_vacuum = INCREMENTAL", StringComparison.Ordinal);
        var firstTable = sql.IndexOf("CREATE TABLE", StringComparison.Ordinal);

        Assert.True(pragma >= 0 && pragma < firstTable);
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_naming_both_versions_and_left_untouched()
    {
        await (await _data.OpenStoreAsync(_time)).DisposeAsync();
        var path = Path.Combine(_data.Path, "kairos.db");
        var newer = SqliteKairosStore.LatestSchemaVersion + 5;
        SqliteTestDb.Scalar(path, $"PRAGMA user_version = {newer}", SqliteOpenMode.ReadWrite);

        await using var store = new SqliteKairosStore(_data.Options(_time));
        var error = await Assert.ThrowsAsync<SchemaVersionTooNewException>(() => store.InitializeAsync());

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {SqliteKairosStore.LatestSchemaVersion}", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(newer, error.DatabaseVersion);
        Assert.Equal(SqliteKairosStore.LatestSchemaVersion, error.SupportedVersion);
        Assert.Equal((long)newer, SqliteTestDb.Scalar(path, "PRAGMA user_version"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Jobs.GetAsync("a"));
    }

    [Fact]
    public async Task Reopening_a_current_database_applies_nothing_and_keeps_the_data()
    {
        await using (var first = await _data.OpenStoreAsync(_time))
        {
            await first.Jobs.TryMarkSeededAsync("seed");
        }

        await using var second = await _data.OpenStoreAsync(_time);

        Assert.False(await second.Jobs.TryMarkSeededAsync("seed"));
        Assert.Equal((long)SqliteKairosStore.LatestSchemaVersion, SqliteTestDb.Scalar(second.DatabasePath, "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_database_at_an_older_version_is_migrated_forward_keeping_its_data()
    {
        await using (var store = await _data.OpenStoreAsync(_time))
        {
            await store.Jobs.TryMarkSeededAsync("seed");
        }
        var path = Path.Combine(_data.Path, "kairos.db");
        // Put the file back as migration 1 left it: the task index that migration 2 drops, no last-fire mark (added by
        // migration 3), no planned-retry columns (added by migration 4) and user_version 1.
        SqliteTestDb.Scalar(path, "CREATE INDEX ix_runs_task_ref ON runs (task_id, ref_at); DROP TABLE store_marks; " +
            "DROP INDEX ix_runs_planned_retry; ALTER TABLE runs DROP COLUMN retry_due_at; ALTER TABLE runs DROP COLUMN retry_run_id; " +
            "PRAGMA user_version = 1;", SqliteOpenMode.ReadWrite);
        Assert.Equal(0L, SqliteTestDb.Long(path, "SELECT count(*) FROM pragma_table_info('runs') WHERE name IN ('retry_run_id', 'retry_due_at')"));
        Assert.Equal(1L, SqliteTestDb.Long(path, "PRAGMA user_version"));
        Assert.Equal(1L, SqliteTestDb.Long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_runs_task_ref'"));

        await using var migrated = await _data.OpenStoreAsync(_time);

        Assert.Equal((long)SqliteKairosStore.LatestSchemaVersion, SqliteTestDb.Scalar(path, "PRAGMA user_version"));
        Assert.Equal(0L, SqliteTestDb.Long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_runs_task_ref'"));
        Assert.Equal(0L, SqliteTestDb.Long(path, "SELECT value FROM store_marks WHERE name = 'job_last_fires'"));
        Assert.Equal(2L, SqliteTestDb.Long(path, "SELECT count(*) FROM pragma_table_info('runs') WHERE name IN ('retry_run_id', 'retry_due_at')"));
        Assert.Equal(1L, SqliteTestDb.Long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_runs_planned_retry'"));
        Assert.False(await migrated.Jobs.TryMarkSeededAsync("seed"));
    }
}
