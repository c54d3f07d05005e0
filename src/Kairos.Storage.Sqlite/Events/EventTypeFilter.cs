using Kairos.Storage.Events;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Events;

/// <summary>
/// Turns a type pattern into an SQL pre-filter on its literal prefix. The SQL narrows what the index offers;
/// <see cref="TopicPattern.Matches"/> makes the final decision in memory for wildcard patterns.
/// </summary>
internal sealed class EventTypeFilter
{
    private readonly string? _literal;

    private EventTypeFilter(TopicPattern pattern, string sql, string? literal)
    {
        Pattern = pattern;
        Sql = sql;
        _literal = literal;
    }

    public TopicPattern Pattern { get; }

    /// <summary>An SQL condition starting with <c> AND</c>, or "" when the pattern has no literal prefix.</summary>
    public string Sql { get; }

    /// <summary>True when rows the SQL returns may still not match (a wildcard pattern).</summary>
    public bool NeedsMemoryMatch => !Pattern.IsExact;

    public static EventTypeFilter Create(string type)
    {
        if (!TopicPattern.TryParse(type, out var pattern, out var error))
        {
            throw new ArgumentException($"The event type filter {error}.", nameof(type));
        }
        if (pattern!.IsExact)
        {
            return new EventTypeFilter(pattern, " AND type = $type", pattern.Text);
        }
        var prefix = pattern.LiteralPrefix;
        return prefix.Length == 0
            ? new EventTypeFilter(pattern, "", null)
            // "prefix.…" as a range ('/' follows '.'), which needs no LIKE escaping of '_'; plus the prefix itself,
            // since '#' may match zero segments ("fund.#" matches "fund"). The unary '+' keeps the planner off the
            // type index: walking the sequence newest first and stopping once a page is full beats collecting and
            // sorting every matching row for each page.
            : new EventTypeFilter(pattern, " AND (+type = $type OR (+type >= $type_from AND +type < $type_to))", prefix);
    }

    public void Bind(SqliteCommand command)
    {
        if (_literal is null)
        {
            return;
        }
        command.With("$type", _literal);
        if (!Pattern.IsExact)
        {
            command.With("$type_from", _literal + ".").With("$type_to", _literal + "/");
        }
    }
}
