namespace Kairos.Plugins.Data.Export;

/// <summary>
/// A table to export: fixed column names and rows streamed one at a time (never all in memory). A cell is null, a
/// string, a number (<see cref="decimal"/>, <see cref="long"/>, <see cref="int"/>), a <see cref="bool"/>, a
/// <see cref="DateTimeOffset"/> or <see cref="RawJson"/>.
/// </summary>
internal sealed record ExportTable(IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows);

/// <summary>A cell that already is JSON text (an event's data): embedded as JSON in a JSON export, as text in CSV.</summary>
internal sealed record RawJson(string Json);
