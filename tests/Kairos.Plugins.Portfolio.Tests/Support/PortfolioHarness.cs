using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Portfolio.Tests.Support;

/// <summary>The portfolio plugin loaded in a <see cref="PluginTestHost"/> over a fresh SQLite file.</summary>
internal sealed class PortfolioHarness : IAsyncDisposable
{
    /// <summary>2025-06-10 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 10, 2, 0, 0, TimeSpan.Zero);

    private PortfolioHarness(PluginTestHost host, LoadedPlugin plugin)
    {
        Host = host;
        Plugin = plugin;
    }

    public PluginTestHost Host { get; }

    public LoadedPlugin Plugin { get; }

    public IPortfolioStore Store => Plugin.Get<IPortfolioStore>();

    public static async Task<PortfolioHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = new PluginTestHost(Start);
        var plugin = await host.LoadAsync(new PortfolioPlugin(), settings);
        return new PortfolioHarness(host, plugin);
    }

    /// <summary>Runs raw SQL on the database file (to look at what is really stored, or to break it on purpose).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection(SqliteTestDatabase.ConnectionString(Host.DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
