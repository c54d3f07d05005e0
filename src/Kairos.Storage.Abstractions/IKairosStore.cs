using Kairos.Storage.Events;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Kairos.Storage.Tasks;

namespace Kairos.Storage;

/// <summary>
/// One storage backend: the stores that share its database, plus health and lifecycle. SQLite today,
/// PostgreSQL later; both must pass the same conformance suite.
/// </summary>
public interface IKairosStore : IAsyncDisposable
{
    IJobStore Jobs { get; }
    IRunStore Runs { get; }
    IEventLog Events { get; }
    ITaskDefinitionStore Tasks { get; }

    /// <summary>Creates or migrates the schema; refuses a database written by a newer version.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
