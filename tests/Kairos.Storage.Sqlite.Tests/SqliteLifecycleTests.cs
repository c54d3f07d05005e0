using Kairos.Storage.Conformance;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

public sealed class SqliteLifecycleTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Using_a_store_before_InitializeAsync_is_an_error_that_says_so()
    {
        await using var store = new SqliteKairosStore(_data.Options(_time));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Jobs.ListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Runs.WriteBatchAsync([StoreSamples.Started("r", "j", StoreConformanceBase.Start)]));

        Assert.Contains("InitializeAsync", error.Message, StringComparison.Ordinal);
        Assert.False(await store.PingAsync());
    }

    [Fact]
    public async Task A_disposed_store_refuses_work_and_can_be_disposed_again()
    {
        var store = await _data.OpenStoreAsync(_time);

        await store.DisposeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Jobs.UpsertAsync(StoreSamples.Job("a", StoreConformanceBase.Start)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Jobs.GetAsync("a"));
        Assert.False(await store.PingAsync());
    }

    [Fact]
    public async Task Dispose_closes_every_handle_on_the_database_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // open handles are listed through /proc
        }
        var store = await _data.OpenStoreAsync(_time);
        await store.Jobs.UpsertAsync(StoreSamples.Job("a", StoreConformanceBase.Start));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.Jobs.ListAsync()));
        Assert.NotEmpty(OpenHandlesUnder(_data.Path));

        await store.DisposeAsync();

        Assert.Empty(OpenHandlesUnder(_data.Path));
    }

    private static List<string> OpenHandlesUnder(string folder) =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    return null; // closed while listing
                }
            })
            .OfType<string>()
            .Where(target => target.StartsWith(folder, StringComparison.Ordinal))
            .ToList();
}
