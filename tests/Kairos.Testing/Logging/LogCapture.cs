using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Testing.Logging;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every message of every category at every level (Trace included),
/// with exception text, state values and scope values — for assertions such as "the secret never appears".
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly object _gate = new();
    private readonly List<CapturedLog> _entries = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every captured entry, in order.</summary>
    public IReadOnlyList<CapturedLog> Entries
    {
        get { lock (_gate) { return _entries.ToArray(); } }
    }

    /// <summary>All captured text (messages, exceptions, state and scopes), one entry per line block.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => e.AllText));

    /// <summary>Entries whose category starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<CapturedLog> ForCategory(string prefix) =>
        Entries.Where(e => e.Category.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    /// <summary>A logger factory writing only to this capture, at Trace.</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    /// <summary>Adds this capture to a service collection's logging, at Trace for every category.</summary>
    public IServiceCollection AddTo(IServiceCollection services) =>
        services.AddLogging(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    /// <summary>Forgets every captured entry.</summary>
    public void Clear()
    {
        lock (_gate) { _entries.Clear(); }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CaptureLogger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(CapturedLog entry)
    {
        lock (_gate) { _entries.Add(entry); }
    }

    private static void AddValues(object? state, List<string> into)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                into.Add($"{key}={Render(value)}");
            }
        }
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        string s => s,
        IEnumerable e => string.Join(",", e.Cast<object?>().Select(x => x?.ToString())),
        _ => value.ToString() ?? "",
    };

    private sealed class CaptureLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = new List<string>();
            AddValues(state, values);
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                var pairs = new List<string>();
                AddValues(scope, pairs);
                list.Add(pairs.Count == 0 ? scope?.ToString() ?? "null" : $"{scope} {{{string.Join("; ", pairs)}}}");
            }, scopes);
            owner.Add(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception?.ToString(), values, scopes));
        }
    }
}
