using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kairos.Plugins.Data.Export;

/// <summary>
/// Writes an <see cref="ExportTable"/> as CSV (RFC 4180, header row, CRLF) or as a JSON array of objects, row by row
/// into a stream. Memory stays constant whatever the row count: at most ~32 KB are buffered before they are flushed.
/// Instants are UTC ISO-8601 (<c>2026-10-01T02:00:00.0000000Z</c>); amounts are exact decimals.
/// </summary>
internal static class ExportWriter
{
    private const int FlushAt = 32 * 1024;

    /// <summary>Writes the table; returns how many rows were written.</summary>
    public static Task<long> WriteAsync(ExportTable table, string format, Stream output, CancellationToken cancellationToken) =>
        format == ExportFormats.Json ? WriteJsonAsync(table, output, cancellationToken) : WriteCsvAsync(table, output, cancellationToken);

    private static async Task<long> WriteCsvAsync(ExportTable table, Stream output, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var line = new StringBuilder(FlushAt + 1024);
            AppendCsvRow(line, table.Columns);
            long rows = 0;
            await foreach (var row in table.Rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                AppendCsvRow(line, row);
                rows++;
                if (line.Length >= FlushAt)
                {
                    await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                    line.Clear();
                }
            }
            await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }

    private static void AppendCsvRow<T>(StringBuilder line, IReadOnlyList<T> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            var text = Text(cells[i]);
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(text);
            }
        }
        line.Append("\r\n");
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s,
        RawJson json => json.Json,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTimeOffset t => Instant(t),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static async Task<long> WriteJsonAsync(ExportTable table, Stream output, CancellationToken cancellationToken)
    {
        var names = table.Columns.Select(c => JsonEncodedText.Encode(c)).ToArray();
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            long rows = 0;
            await foreach (var row in table.Rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                writer.WriteStartObject();
                for (var i = 0; i < names.Length; i++)
                {
                    WriteJsonCell(writer, names[i], row[i]);
                }
                writer.WriteEndObject();
                rows++;
                if (writer.BytesPending >= FlushAt)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }

    private static void WriteJsonCell(Utf8JsonWriter writer, JsonEncodedText name, object? cell)
    {
        switch (cell)
        {
            case null:
                writer.WriteNull(name);
                break;
            case string s:
                writer.WriteString(name, s);
                break;
            case RawJson json:
                writer.WritePropertyName(name);
                writer.WriteRawValue(json.Json, skipInputValidation: false);
                break;
            case decimal d:
                writer.WriteNumber(name, d);
                break;
            case long l:
                writer.WriteNumber(name, l);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case DateTimeOffset t:
                writer.WriteString(name, Instant(t));
                break;
            default:
                writer.WriteString(name, Text(cell));
                break;
        }
    }
}
