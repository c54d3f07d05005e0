using Kairos.Storage.Conformance;

namespace Kairos.Storage.Sqlite.Tests.Conformance;

// The shared conformance suite, run against a real SQLite file in a fresh temp folder per test.

public sealed class SqliteJobStoreTests : JobStoreConformance
{
    private readonly TempDataDirectory _data = new();

    protected override async Task<IKairosStore> CreateStoreAsync() => await _data.OpenStoreAsync(Time);

    protected override async Task<IKairosStore> ReopenStoreAsync() => await _data.OpenStoreAsync(Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class SqliteTaskDefinitionStoreTests : TaskDefinitionStoreConformance
{
    private readonly TempDataDirectory _data = new();

    protected override async Task<IKairosStore> CreateStoreAsync() => await _data.OpenStoreAsync(Time);

    protected override async Task<IKairosStore> ReopenStoreAsync() => await _data.OpenStoreAsync(Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class SqliteRunStoreTests : RunStoreConformance
{
    private readonly TempDataDirectory _data = new();

    protected override async Task<IKairosStore> CreateStoreAsync() => await _data.OpenStoreAsync(Time);

    protected override async Task<IKairosStore> ReopenStoreAsync() => await _data.OpenStoreAsync(Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class SqliteRunHistoryQueryTests : RunHistoryQueryConformance
{
    private readonly TempDataDirectory _data = new();

    protected override async Task<IKairosStore> CreateStoreAsync() => await _data.OpenStoreAsync(Time);

    protected override async Task<IKairosStore> ReopenStoreAsync() => await _data.OpenStoreAsync(Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class SqliteEventLogTests : EventLogConformance
{
    private readonly TempDataDirectory _data = new();

    protected override async Task<IKairosStore> CreateStoreAsync() => await _data.OpenStoreAsync(Time);

    protected override async Task<IKairosStore> ReopenStoreAsync() => await _data.OpenStoreAsync(Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class SqliteStoreLifecycleTests : StoreLifecycleConformance
{
    private readonly TempDataDirectory _data = new();

    protected override async Task<IKairosStore> CreateStoreAsync() => await _data.OpenStoreAsync(Time);

    protected override async Task<IKairosStore> ReopenStoreAsync() => await _data.OpenStoreAsync(Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
