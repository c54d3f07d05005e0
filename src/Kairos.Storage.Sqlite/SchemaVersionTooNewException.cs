namespace Kairos.Storage.Sqlite;

/// <summary>
/// The database was written by a newer Kairos whose schema this version does not know. Migrations are forward-only,
/// so the only ways out are to run the newer Kairos again or to restore a backup made by this version.
/// </summary>
public sealed class SchemaVersionTooNewException : InvalidOperationException
{
    public SchemaVersionTooNewException(string databasePath, int databaseVersion, int supportedVersion)
        : base($"The database '{databasePath}' has schema version {databaseVersion}, written by a newer Kairos; " +
               $"this Kairos supports schema versions up to {supportedVersion}. Run the newer Kairos, or restore a backup made by this version.")
    {
        DatabasePath = databasePath;
        DatabaseVersion = databaseVersion;
        SupportedVersion = supportedVersion;
    }

    public SchemaVersionTooNewException()
    {
        DatabasePath = "";
    }

    public SchemaVersionTooNewException(string message) : base(message)
    {
        DatabasePath = "";
    }

    public SchemaVersionTooNewException(string message, Exception innerException) : base(message, innerException)
    {
        DatabasePath = "";
    }

    /// <summary>The database file that was refused.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version found in the file.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The newest schema version this build can use.</summary>
    public int SupportedVersion { get; }
}
