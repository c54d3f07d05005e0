namespace Kairos.Plugins.Data.Cleanup;

/// <summary>What one <c>data_cleanup</c> run removed: the run's result and the data of <c>data.cleanup.completed</c>.</summary>
/// <param name="RunsDeleted">Ended runs deleted (with their log lines).</param>
/// <param name="RunsEndedBefore">The cut-off of runs (null when <c>Retention:Runs:Days</c> is 0: kept forever).</param>
/// <param name="KeepRunsPerJob">The newest runs of each job that were kept regardless of age.</param>
/// <param name="EventsDeleted">Events deleted.</param>
/// <param name="EventsBefore">The age cut-off of events (null when <c>Retention:Events:Days</c> is 0).</param>
/// <param name="EventMaxCount">The most events kept (null when <c>Retention:Events:MaxCount</c> is 0: no cap).</param>
/// <param name="SnapshotsDeleted">Account-days of balance and position snapshots deleted.</param>
/// <param name="SnapshotsBefore">The snapshot cut-off day (null when <c>Retention:Snapshots:Days</c> is 0).</param>
/// <param name="Batches">Delete calls made (each at most <paramref name="BatchSize"/> rows).</param>
/// <param name="BatchSize">Rows per delete call.</param>
/// <param name="PagesFreed">Database pages returned to the file system by incremental vacuum.</param>
/// <param name="DatabaseBytesBefore">Size of the database before.</param>
/// <param name="DatabaseBytesAfter">Size of the database after.</param>
public sealed record CleanupReport(
    int RunsDeleted,
    DateTimeOffset? RunsEndedBefore,
    int KeepRunsPerJob,
    int EventsDeleted,
    DateTimeOffset? EventsBefore,
    long? EventMaxCount,
    int SnapshotsDeleted,
    DateOnly? SnapshotsBefore,
    int Batches,
    int BatchSize,
    long PagesFreed,
    long DatabaseBytesBefore,
    long DatabaseBytesAfter);
