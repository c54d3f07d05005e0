namespace Kairos.Events.Tests.Support;

/// <summary>One Server-Sent Events message: its fields, or the text of a comment line.</summary>
internal sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment);

/// <summary>Reads a <c>text/event-stream</c> body line by line over a real connection.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    /// <summary>The next message (fields up to a blank line), or fails at the deadline.</summary>
    public async Task<SseMessage> NextAsync()
    {
        using var deadline = Deadlines.Start();
        string? id = null, type = null, data = null, comment = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (id is null && type is null && data is null && comment is null)
                {
                    continue;
                }
                return new SseMessage(id, type, data, comment);
            }
            if (line[0] == ':')
            {
                comment = line[1..].Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
