using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Conformance;

/// <summary>
/// The base of every conformance class: one fresh, empty, initialized store per test, a fake clock, and a way to
/// reopen the same database (to prove durability). A store implementation derives one concrete test class per
/// conformance class and supplies the two factory methods.
/// </summary>
public abstract class StoreConformanceBase : IAsyncLifetime
{
    /// <summary>A Monday morning in UTC, so tests read naturally; every instant is whole milliseconds.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The store under test.</summary>
    protected IKairosStore Store { get; private set; } = null!;

    /// <summary>Returns a new, empty, initialized store (its clock is <see cref="Time"/>).</summary>
    protected abstract Task<IKairosStore> CreateStoreAsync();

    /// <summary>
    /// Returns a new, initialized store instance over the same database as the last store
    /// <see cref="CreateStoreAsync"/> returned. The suite has disposed the previous instance before calling this.
    /// </summary>
    protected abstract Task<IKairosStore> ReopenStoreAsync();

    public virtual async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    /// <summary>Disposes the store and opens a new instance on the same data, as a restart would.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await ReopenStoreAsync();
    }
}
