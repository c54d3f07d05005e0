using System.Text;

namespace Kairos.Plugins.Database;

/// <summary>
/// Checks a plugin migration's SQL before it runs: every table, index, view or trigger it creates, alters or
/// drops, and every table it inserts into, updates or deletes from, must be named <c>&lt;plugin_id&gt;_*</c>;
/// statements that change the connection or database as a whole (<c>PRAGMA</c>, <c>ATTACH</c>, <c>VACUUM</c>,
/// transaction control) are refused. This guards against mistakes and keeps plugins' tables apart; it is not
/// a sandbox (plugin code runs in the server's process).
/// </summary>
internal static class MigrationSqlValidator
{
    private static readonly HashSet<string> CreateModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "TEMP", "TEMPORARY", "UNIQUE", "VIRTUAL", "UNLOGGED", "OR", "REPLACE", "CONCURRENTLY",
    };

    private static readonly HashSet<string> ObjectKinds = new(StringComparer.OrdinalIgnoreCase) { "TABLE", "INDEX", "VIEW", "TRIGGER" };

    /// <summary>Returns the problems found (empty when the SQL may run).</summary>
    public static IReadOnlyList<string> Validate(string sql, string pluginId)
    {
        var prefix = pluginId + "_";
        var problems = new List<string>();
        var statements = SplitStatements(Tokenize(sql));
        for (var i = 0; i < statements.Count; i++)
        {
            var problem = Check(statements[i], prefix);
            if (problem is not null)
            {
                problems.Add($"statement {i + 1}: {problem}");
            }
        }
        return problems;
    }

    private static string? Check(List<Token> s, string prefix)
    {
        var first = s[0].Upper;
        switch (first)
        {
            case "CREATE":
            {
                var i = 1;
                while (i < s.Count && CreateModifiers.Contains(s[i].Text) && !s[i].Quoted)
                {
                    i++;
                }
                if (i >= s.Count || !ObjectKinds.Contains(s[i].Text))
                {
                    return $"CREATE {(i < s.Count ? s[i].Text : "")} is not allowed (only tables, indexes, views and triggers)";
                }
                var kind = s[i].Upper;
                i = SkipIfExists(s, i + 1);
                var (name, next) = ReadName(s, i);
                if (OwnName(name, prefix) is { } bad)
                {
                    return $"creates {kind.ToLowerInvariant()} {bad}";
                }
                if (kind is "INDEX" or "TRIGGER" && FindAfter(s, next, "ON") is { } table && OwnName(table, prefix) is { } badTable)
                {
                    return $"creates {kind.ToLowerInvariant()} '{name}' on table {badTable}";
                }
                return CheckWrites(s, 1, prefix);
            }
            case "ALTER":
            {
                if (s.Count < 2 || !ObjectKinds.Contains(s[1].Text))
                {
                    return $"ALTER {(s.Count > 1 ? s[1].Text : "")} is not allowed";
                }
                var (name, next) = ReadName(s, SkipIfExists(s, 2));
                if (OwnName(name, prefix) is { } bad)
                {
                    return $"alters {s[1].Text.ToLowerInvariant()} {bad}";
                }
                return FindAfter(s, next, "TO") is { } renamed && OwnName(renamed, prefix) is { } badRename ? $"renames to {badRename}" : null;
            }
            case "DROP":
            {
                if (s.Count < 2 || !ObjectKinds.Contains(s[1].Text))
                {
                    return $"DROP {(s.Count > 1 ? s[1].Text : "")} is not allowed";
                }
                var (name, _) = ReadName(s, SkipIfExists(s, 2));
                return OwnName(name, prefix) is { } bad ? $"drops {s[1].Text.ToLowerInvariant()} {bad}" : null;
            }
            case "INSERT" or "UPDATE" or "DELETE" or "REPLACE" or "WITH" or "SELECT":
                return CheckWrites(s, 0, prefix);
            default:
                return $"{s[0].Text} statements are not allowed in a migration (the host runs each migration in its own transaction)";
        }
    }

    private static string? CheckWrites(List<Token> s, int start, string prefix)
    {
        for (var i = start; i < s.Count; i++)
        {
            var word = s[i].Quoted ? "" : s[i].Upper;
            string? target = word switch
            {
                "INTO" => ReadName(s, i + 1).Name,
                // Not the UPDATE of a trigger's event (UPDATE OF / UPDATE ON) nor an upsert's DO UPDATE SET.
                "UPDATE" when i + 1 < s.Count && s[i + 1].Upper is not ("OF" or "ON" or "SET") => ReadName(s, s[i + 1].Upper == "OR" ? i + 3 : i + 1).Name,
                "DELETE" when i + 1 < s.Count && s[i + 1].Upper == "FROM" => ReadName(s, i + 2).Name,
                _ => null,
            };
            if (target is not null && OwnName(target, prefix) is { } bad)
            {
                return $"writes to table {bad}";
            }
        }
        return null;
    }

    private static int SkipIfExists(List<Token> s, int i)
    {
        if (i + 1 < s.Count && s[i].Upper == "IF" && s[i + 1].Upper == "EXISTS")
        {
            return i + 2;
        }
        if (i + 2 < s.Count && s[i].Upper == "IF" && s[i + 1].Upper == "NOT" && s[i + 2].Upper == "EXISTS")
        {
            return i + 3;
        }
        return i;
    }

    /// <summary>Reads <c>name</c> or <c>schema.name</c>; a schema other than <c>main</c>/<c>public</c> makes the name foreign.</summary>
    private static (string Name, int Next) ReadName(List<Token> s, int i)
    {
        if (i >= s.Count)
        {
            return ("", i);
        }
        if (i + 2 < s.Count && s[i + 1].Text == ".")
        {
            var schema = s[i].Text.ToLowerInvariant();
            var name = s[i + 2].Text;
            return (schema is "main" or "public" ? name : schema + "." + name, i + 3);
        }
        return (s[i].Text, i + 1);
    }

    private static string? FindAfter(List<Token> s, int start, string keyword)
    {
        for (var i = start; i < s.Count; i++)
        {
            if (!s[i].Quoted && s[i].Upper == keyword)
            {
                return ReadName(s, i + 1).Name;
            }
        }
        return null;
    }

    private static string? OwnName(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length
            ? null
            : $"'{name}', which is not named '{prefix}*'";

    private static List<List<Token>> SplitStatements(List<Token> tokens)
    {
        var statements = new List<List<Token>>();
        var current = new List<Token>();
        var triggerDepth = -1; // -1: not in a trigger body; otherwise BEGIN/CASE … END nesting
        foreach (var token in tokens)
        {
            if (token.Text == ";" && !token.Quoted && triggerDepth <= 0)
            {
                if (current.Count > 0)
                {
                    statements.Add(current);
                }
                current = [];
                triggerDepth = -1;
                continue;
            }
            current.Add(token);
            if (token.Quoted)
            {
                continue;
            }
            if (token.Upper == "TRIGGER" && current.Count <= 4 && current[0].Upper == "CREATE")
            {
                triggerDepth = 0;
            }
            else if (triggerDepth >= 0 && token.Upper is "BEGIN" or "CASE")
            {
                triggerDepth++;
            }
            else if (triggerDepth > 0 && token.Upper == "END")
            {
                triggerDepth--;
            }
        }
        if (current.Count > 0)
        {
            statements.Add(current);
        }
        return statements;
    }

    private static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '\'')
            {
                i = ReadQuoted(sql, i, '\'', out _);
                tokens.Add(new Token("'…'", Quoted: true));
            }
            else if (c is '"' or '`' or '[')
            {
                i = ReadQuoted(sql, i, c == '[' ? ']' : c, out var text);
                tokens.Add(new Token(text, Quoted: true) { IsIdentifier = true });
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '$')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }
                tokens.Add(new Token(sql[start..i], Quoted: false));
            }
            else
            {
                tokens.Add(new Token(c.ToString(), Quoted: false));
                i++;
            }
        }
        return tokens;
    }

    private static int ReadQuoted(string sql, int start, char close, out string text)
    {
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
                {
                    builder.Append(close); // doubled quote inside the literal
                    i += 2;
                    continue;
                }
                text = builder.ToString();
                return i + 1;
            }
            builder.Append(sql[i]);
            i++;
        }
        text = builder.ToString();
        return i;
    }

    private sealed record Token(string Text, bool Quoted)
    {
        public bool IsIdentifier { get; init; }

        public string Upper { get; } = Quoted ? "" : Text.ToUpperInvariant();
    }
}
