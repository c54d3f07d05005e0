namespace Kairos.Storage.Sqlite.Tests;

/// <summary>A data folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kairos-sqlite-tests", Guid.NewGuid().ToString("N"));

    public SqliteStoreOptions Options(TimeProvider time, bool synchronousFull = true) =>
        new() { DataDirectory = Path, Time = time, SynchronousFull = synchronousFull };

    public async Task<SqliteKairosStore> OpenStoreAsync(TimeProvider time, bool synchronousFull = true)
    {
        var store = new SqliteKairosStore(Options(time, synchronousFull));
        try
        {
            await store.InitializeAsync();
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
