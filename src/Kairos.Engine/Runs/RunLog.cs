using System.Text;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Runs;

/// <summary>The log lines of one run, capped at 1,000 lines or 256 KiB with the cut noted.</summary>
public sealed class RunLog(TimeProvider time)
{
    public const int MaxLines = 1_000;
    public const int MaxBytes = 256 * 1024;

    private readonly List<RunLogLine> _lines = [];
    private readonly Lock _lock = new();
    private int _bytes;
    private int _dropped;

    public void Add(string level, string message)
    {
        lock (_lock)
        {
            var size = Encoding.UTF8.GetByteCount(message) + 40;
            if (_lines.Count >= MaxLines || _bytes + size > MaxBytes)
            {
                _dropped++;
                return;
            }
            _bytes += size;
            _lines.Add(new RunLogLine(time.GetUtcNow(), level, message));
        }
    }

    public IReadOnlyList<RunLogLine> Lines
    {
        get
        {
            lock (_lock)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>A note when lines were dropped, else null.</summary>
    public string? Truncation
    {
        get
        {
            lock (_lock)
            {
                return _dropped == 0 ? null : $"logs truncated: {_dropped} line(s) beyond {MaxLines} lines / {MaxBytes / 1024} KiB dropped";
            }
        }
    }
}
