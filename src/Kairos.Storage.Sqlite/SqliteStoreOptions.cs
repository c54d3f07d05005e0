namespace Kairos.Storage.Sqlite;

/// <summary>Where and how the SQLite store keeps its database.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The data folder; created when missing. The database is <c>&lt;DataDirectory&gt;/&lt;FileName&gt;</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; init; } = "kairos.db";

    /// <summary>
    /// <c>synchronous=FULL</c> (the default): a commit survives power loss. False selects <c>NORMAL</c>, which in
    /// WAL mode can lose the last commits on power loss (never on a process crash) in exchange for fewer fsyncs.
    /// </summary>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>The clock for timestamps the store sets itself (e.g. when a seed was marked).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long the latest scheduled fire per job may wait in memory before it is written to <c>job_last_fires</c>
    /// (with a run batch, while batches keep coming). Never a loss: until then the runs themselves say it. Longer saves
    /// upserts for jobs that fire often; it also bounds the runs read at start-up after a crash.
    /// </summary>
    public TimeSpan LastFireFoldInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, FileName);
}
