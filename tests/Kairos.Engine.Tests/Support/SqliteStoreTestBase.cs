using Kairos.Storage.Sqlite;

namespace Kairos.Engine.Tests.Support;

/// <summary>A real SQLite store in a fresh folder per test, deleted afterwards.</summary>
public abstract class SqliteStoreTestBase : IAsyncLifetime
{
    /// <summary>How long a test waits for a signal before it fails.</summary>
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));

    protected SqliteKairosStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = _directory });
        await Store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
