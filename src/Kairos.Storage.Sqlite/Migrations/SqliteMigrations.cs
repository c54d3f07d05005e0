using System.Globalization;
using System.Reflection;

namespace Kairos.Storage.Sqlite.Migrations;

/// <summary>
/// The migrations embedded in this assembly as <c>Migrations/NNNN_name.sql</c>. Numbers start at 1 and have no gaps;
/// a migration, once released, is never edited (add a new one instead).
/// </summary>
internal static class SqliteMigrations
{
    private const string ResourcePrefix = "Kairos.Storage.Sqlite.Migrations.";

    private static readonly Lazy<IReadOnlyList<SqliteMigration>> s_all = new(Load);

    /// <summary>Every migration, in order.</summary>
    public static IReadOnlyList<SqliteMigration> All => s_all.Value;

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => All[^1].Version;

    private static List<SqliteMigration> Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migration numbers must run 1, 2, 3... without gaps or duplicates; found {migrations[i].Version} ('{migrations[i].Name}') at position {i + 1}.");
            }
        }
        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No embedded migrations were found.");
    }

    private static SqliteMigration Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_description.sql.");
        }
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SqliteMigration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
