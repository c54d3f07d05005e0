namespace Kairos.Storage.Sqlite.Migrations;

/// <summary>One numbered schema step; <see cref="Version"/> is the schema version after it is applied.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
