using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

/// <summary>The file-level settings the store promises: WAL, synchronous, auto_vacuum, schema version.</summary>
public sealed class SqliteSettingsTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_new_database_is_created_in_the_data_folder_with_wal_and_incremental_auto_vacuum()
    {
        await using var store = await _data.OpenStoreAsync(_time);

        Assert.Equal(Path.Combine(_data.Path, "kairos.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
        Assert.Equal("wal", SqliteTestDb.Scalar(store.DatabasePath, "PRAGMA journal_mode"));
        Assert.Equal(2L, SqliteTestDb.Scalar(store.DatabasePath, "PRAGMA auto_vacuum"));
        Assert.Equal((long)SqliteKairosStore.LatestSchemaVersion, SqliteTestDb.Scalar(store.DatabasePath, "PRAGMA user_version"));
    }

    [Fact]
    public async Task Synchronous_is_full_by_default()
    {
        await using var store = await _data.OpenStoreAsync(_time);

        Assert.Equal(2L, await store.Database.ReadWriterPragmaAsync("synchronous"));
        Assert.Equal(12000L, await store.Database.ReadWriterPragmaAsync("wal_autocheckpoint"));
        Assert.True(Convert.ToInt64(await store.Database.ReadWriterPragmaAsync("busy_timeout"), CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Synchronous_is_normal_when_full_is_turned_off()
    {
        await using var store = await _data.OpenStoreAsync(_time, synchronousFull: false);

        Assert.Equal(1L, await store.Database.ReadWriterPragmaAsync("synchronous"));
    }

    [Fact]
    public async Task A_custom_file_name_and_a_missing_nested_folder_are_honoured()
    {
        var options = _data.Options(_time) with { DataDirectory = Path.Combine(_data.Path, "nested", "deeper"), FileName = "other.db" };
        await using var store = new SqliteKairosStore(options);

        await store.InitializeAsync();

        Assert.True(File.Exists(Path.Combine(_data.Path, "nested", "deeper", "other.db")));
    }

    [Fact]
    public void Options_without_a_data_folder_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = " " }));
    }
}
