using System.Buffers;
using System.Text.Json;
using Kairos.Storage.Runs;

namespace Kairos.Storage.Sqlite.Runs;

/// <summary>
/// A run's log lines as one JSON text column: <c>[{"time":&lt;unix ms&gt;,"level":"info","message":"..."}]</c>.
/// Written by hand with a reused buffer because it sits on the run writer's hot path.
/// </summary>
internal sealed class RunLogsJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public RunLogsJson()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>
    /// The JSON as UTF-8, valid until the next call; empty for no lines (stored as NULL, read back as an empty list).
    /// </summary>
    public ReadOnlySpan<byte> Write(IReadOnlyList<RunLogLine> logs)
    {
        if (logs.Count == 0)
        {
            return [];
        }
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        foreach (var line in logs)
        {
            _writer.WriteStartObject();
            _writer.WriteNumber("time"u8, line.Time.ToUnixTimeMilliseconds());
            _writer.WriteString("level"u8, line.Level);
            _writer.WriteString("message"u8, line.Message);
            _writer.WriteEndObject();
        }
        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public static IReadOnlyList<RunLogLine> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        var lines = new List<RunLogLine>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            lines.Add(new RunLogLine(
                DateTimeOffset.FromUnixTimeMilliseconds(element.GetProperty("time"u8).GetInt64()),
                element.GetProperty("level"u8).GetString() ?? "",
                element.GetProperty("message"u8).GetString() ?? ""));
        }
        return lines;
    }
}
