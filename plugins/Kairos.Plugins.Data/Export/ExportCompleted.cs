namespace Kairos.Plugins.Data.Export;

/// <summary>What one <c>data_export</c> run wrote: the run's result and the data of <c>data.export.completed</c>.</summary>
/// <param name="Dataset">runs, events, balances, positions or transactions.</param>
/// <param name="Format">csv or json.</param>
/// <param name="File">The full path of the export.</param>
/// <param name="Name">Its file name, for <c>GET /api/v1/plugins/data/exports/files/{name}</c>.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Bytes">Size of the file.</param>
/// <param name="Since">Start of the range (inclusive), or null for no bound.</param>
/// <param name="Until">End of the range (exclusive), or null for no bound.</param>
public sealed record ExportCompleted(string Dataset, string Format, string File, string Name, long Rows, long Bytes, DateTimeOffset? Since, DateTimeOffset? Until);
