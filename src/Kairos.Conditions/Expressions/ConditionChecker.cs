using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using NCalc;
using NCalc.Extensions;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// Walks a parsed condition once, at parse time: only known names, functions and operators pass, literal
/// arguments are collected (job ids, markets), and kinds that are certain to clash (<c>hour == 'x'</c>,
/// <c>hour + 1</c> as a whole condition) are rejected before the job is ever saved.
/// </summary>
internal sealed partial class ConditionChecker
{
    internal enum Kind
    {
        Unknown,
        Bool,
        Number,
        String,
        Date,
        Null,
    }

    private readonly List<string> _jobIds = [];
    private readonly List<string> _markets = [];

    public IReadOnlyList<string> JobIds => _jobIds;

    public IReadOnlyList<string> Markets => _markets;

    public bool UsesEvent { get; private set; }

    public static bool TryCheck(LogicalExpression root, out ConditionChecker checker, [NotNullWhen(false)] out string? error)
    {
        checker = new ConditionChecker();
        try
        {
            var kind = checker.Check(root);
            if (kind is not (Kind.Bool or Kind.Unknown))
            {
                throw new SyntaxError($"the condition must be true or false, but {Describe(root)} is {Article(kind)}");
            }

            error = null;
            return true;
        }
        catch (SyntaxError e)
        {
            error = e.Message;
            return false;
        }
    }

    private Kind Check(LogicalExpression node) => node switch
    {
        ValueExpression value => CheckValue(value),
        Function function => CheckFunction(function),
        Identifier identifier => CheckIdentifier(identifier.Name),
        BinaryExpression binary => CheckBinary(binary),
        UnaryExpression unary => CheckUnary(unary),
        TernaryExpression ternary => CheckTernary(ternary),
        LogicalExpressionList => throw new SyntaxError("a list such as ('a', 'b') can only follow 'in' or 'not in'"),
        _ => throw new SyntaxError($"{node.GetType().Name} is not supported"),
    };

    private static Kind CheckValue(ValueExpression value) => value.Type switch
    {
        NCalc.ValueType.Integer or NCalc.ValueType.Float => Kind.Number,
        NCalc.ValueType.String => Kind.String,
        NCalc.ValueType.Boolean => Kind.Bool,
        _ => throw new SyntaxError($"{value.Type} literals are not supported; write dates as date('2025-10-01')"),
    };

    private Kind CheckIdentifier(string name)
    {
        switch (name)
        {
            case ConditionNames.Now or ConditionNames.Today:
                return Kind.Date;
            case ConditionNames.Weekday or ConditionNames.Hour or ConditionNames.Minute
                or ConditionNames.Year or ConditionNames.Month or ConditionNames.Day:
                return Kind.Number;
            case ConditionNames.Null:
                return Kind.Null;
            case ConditionNames.EventType or ConditionNames.EventSource:
                UsesEvent = true;
                return Kind.String;
            case ConditionNames.EventSubject:
                UsesEvent = true;
                return Kind.Unknown;
            case ConditionNames.Config:
                throw new SyntaxError("'config' alone is not a value; name a key: config.<key>");
            case ConditionNames.Event or ConditionNames.EventData:
                throw new SyntaxError($"'{name}' alone is not a value; use event.type, event.source, event.subject or event.data.<path>");
        }

        if (name.StartsWith(ConditionNames.ConfigPrefix, StringComparison.Ordinal))
        {
            CheckPath(name, ConditionNames.ConfigPrefix.Length);
            return Kind.Unknown;
        }

        if (name.StartsWith(ConditionNames.EventDataPrefix, StringComparison.Ordinal))
        {
            CheckPath(name, ConditionNames.EventDataPrefix.Length);
            UsesEvent = true;
            return Kind.Unknown;
        }

        var suggestion = ConditionNames.Suggest(name, [.. ConditionNames.Variables, ConditionNames.EventType, ConditionNames.EventSource, ConditionNames.EventSubject]);
        throw new SyntaxError(suggestion is null
            ? $"unknown name '{name}'; known names: {ConditionNames.KnownNames}"
            : $"unknown name '{name}'; did you mean '{suggestion}'? (names are case-sensitive)");
    }

    private static void CheckPath(string name, int prefixLength)
    {
        if (name.Length == prefixLength || name[prefixLength..].Split('.').Any(s => s.Length == 0))
        {
            throw new SyntaxError($"'{name}' has an empty key; write keys separated by single dots");
        }
    }

    private Kind CheckFunction(Function function)
    {
        var name = function.Identifier.Name;
        var args = function.Parameters;
        switch (name)
        {
            case ConditionNames.LastStatus:
                if (args.Count != 1 || StringLiteral(args[0]) is not { Length: > 0 } jobId)
                {
                    throw new SyntaxError("last_status takes one job id in quotes, such as last_status('fund_nav_daily_update')");
                }

                if (!_jobIds.Contains(jobId, StringComparer.Ordinal))
                {
                    _jobIds.Add(jobId);
                }

                return Kind.Unknown;

            case ConditionNames.IsWeekday:
                Arity(name, args, 0, 0, "is_weekday()");
                return Kind.Bool;

            case ConditionNames.IsTradingDay:
                Arity(name, args, 1, 2, "is_trading_day('CN') or is_trading_day('US', date('2025-10-01'))");
                Expect(args[0], Kind.String, "the market of is_trading_day");
                if (StringLiteral(args[0]) is { } market)
                {
                    var upper = market.ToUpperInvariant();
                    if (!_markets.Contains(upper, StringComparer.Ordinal))
                    {
                        _markets.Add(upper);
                    }
                }

                if (args.Count == 2)
                {
                    Expect(args[1], Kind.Date, "the date of is_trading_day");
                }

                return Kind.Bool;

            case ConditionNames.Date:
                if (args.Count != 1 || StringLiteral(args[0]) is not { } text || ConditionDates.Parse(text) is null)
                {
                    throw new SyntaxError($"date takes one date in quotes: date('yyyy-MM-dd') or date('yyyy-MM-dd HH:mm')");
                }

                return Kind.Date;

            case ConditionNames.If:
                Arity(name, args, 3, 3, "if(<condition>, <then>, <else>)");
                Expect(args[0], Kind.Bool, "the first argument of if");
                return Merge(Check(args[1]), Check(args[2]));

            default:
                var suggestion = ConditionNames.Suggest(name, ConditionNames.Functions);
                throw new SyntaxError(suggestion is null
                    ? $"unknown function '{name}'; known functions: {ConditionNames.KnownFunctions}"
                    : $"unknown function '{name}'; did you mean '{suggestion}'? (names are case-sensitive)");
        }
    }

    private Kind CheckBinary(BinaryExpression binary)
    {
        var op = OperatorText(binary.Type);
        switch (binary.Type)
        {
            case BinaryExpressionType.And or BinaryExpressionType.Or:
                Expect(binary.LeftExpression, Kind.Bool, $"the left side of '{op}'");
                Expect(binary.RightExpression, Kind.Bool, $"the right side of '{op}'");
                return Kind.Bool;

            case BinaryExpressionType.Equal or BinaryExpressionType.NotEqual:
                Comparable(binary, Check(binary.LeftExpression), Check(binary.RightExpression), allowNull: true);
                return Kind.Bool;

            case BinaryExpressionType.Lesser or BinaryExpressionType.LesserOrEqual
                or BinaryExpressionType.Greater or BinaryExpressionType.GreaterOrEqual:
            {
                var left = Check(binary.LeftExpression);
                var right = Check(binary.RightExpression);
                foreach (var (side, kind) in new[] { (binary.LeftExpression, left), (binary.RightExpression, right) })
                {
                    if (kind is Kind.Bool or Kind.Null)
                    {
                        throw new SyntaxError($"'{op}' orders numbers, strings or dates, but {Describe(side)} is {Article(kind)}");
                    }
                }

                Comparable(binary, left, right, allowNull: false);
                return Kind.Bool;
            }

            case BinaryExpressionType.Plus:
            {
                var left = Check(binary.LeftExpression);
                var right = Check(binary.RightExpression);
                foreach (var (side, kind) in new[] { (binary.LeftExpression, left), (binary.RightExpression, right) })
                {
                    if (kind is Kind.Bool or Kind.Date or Kind.Null)
                    {
                        throw new SyntaxError($"'+' adds numbers or joins strings, but {Describe(side)} is {Article(kind)}");
                    }
                }

                Comparable(binary, left, right, allowNull: false);
                return Merge(left, right);
            }

            case BinaryExpressionType.Minus or BinaryExpressionType.Times
                or BinaryExpressionType.Div or BinaryExpressionType.Modulo:
                Expect(binary.LeftExpression, Kind.Number, $"the left side of '{op}'");
                Expect(binary.RightExpression, Kind.Number, $"the right side of '{op}'");
                return Kind.Number;

            case BinaryExpressionType.In or BinaryExpressionType.NotIn:
                Check(binary.LeftExpression);
                foreach (var item in binary.RightExpression is LogicalExpressionList list ? list : (IEnumerable<LogicalExpression>)[binary.RightExpression])
                {
                    Check(item);
                }

                return Kind.Bool;

            case BinaryExpressionType.Like or BinaryExpressionType.NotLike:
                Expect(binary.LeftExpression, Kind.String, $"the left side of '{op}'");
                Expect(binary.RightExpression, Kind.String, $"the pattern of '{op}'");
                return Kind.Bool;

            case BinaryExpressionType.Coalesce:
                return Merge(Check(binary.LeftExpression), Check(binary.RightExpression));

            default:
                throw new SyntaxError($"the operator '{op}' is not supported in conditions");
        }
    }

    private Kind CheckUnary(UnaryExpression unary)
    {
        switch (unary.Type)
        {
            case UnaryExpressionType.Not:
                Expect(unary.Expression, Kind.Bool, "'not'");
                return Kind.Bool;
            case UnaryExpressionType.Negate or UnaryExpressionType.Positive:
                Expect(unary.Expression, Kind.Number, "a sign");
                return Kind.Number;
            default:
                throw new SyntaxError(unary.Type == UnaryExpressionType.BitwiseNot
                    ? "the operator '~' (bitwise not) is not supported in conditions"
                    : "the operator '!' (factorial) is not supported in conditions; write 'not x' for negation");
        }
    }

    private Kind CheckTernary(TernaryExpression ternary)
    {
        Expect(ternary.LeftExpression, Kind.Bool, "the test of '? :'");
        return Merge(Check(ternary.MiddleExpression), Check(ternary.RightExpression));
    }

    private void Expect(LogicalExpression node, Kind expected, string what)
    {
        var kind = Check(node);
        if (kind != Kind.Unknown && kind != expected)
        {
            throw new SyntaxError($"{what} must be {Article(expected)}, but {Describe(node)} is {Article(kind)}");
        }
    }

    private static void Comparable(BinaryExpression binary, Kind left, Kind right, bool allowNull)
    {
        if (left == Kind.Unknown || right == Kind.Unknown || left == right || (allowNull && (left == Kind.Null || right == Kind.Null)))
        {
            return;
        }

        var op = OperatorText(binary.Type);
        throw new SyntaxError(
            $"'{op}' cannot {(op == "+" ? "combine" : "compare")} {Describe(binary.LeftExpression)} ({Article(left)}) with {Describe(binary.RightExpression)} ({Article(right)})");
    }

    private static Kind Merge(Kind a, Kind b) => a == b ? a : Kind.Unknown;

    private static void Arity(string name, LogicalExpressionList args, int min, int max, string example)
    {
        if (args.Count < min || args.Count > max)
        {
            throw new SyntaxError($"{name} takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} or {max}")} argument(s), as in {example}");
        }
    }

    private static string? StringLiteral(LogicalExpression node) =>
        node is ValueExpression { Type: NCalc.ValueType.String, Value: string s } ? s : null;

    private static string Article(Kind kind) => kind switch
    {
        Kind.Bool => "true or false",
        Kind.Number => "a number",
        Kind.String => "a string",
        Kind.Date => "a date",
        Kind.Null => "null",
        _ => "of unknown kind",
    };

    internal static string OperatorText(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.And => "and",
        BinaryExpressionType.Or => "or",
        BinaryExpressionType.Equal => "==",
        BinaryExpressionType.NotEqual => "!=",
        BinaryExpressionType.Lesser => "<",
        BinaryExpressionType.LesserOrEqual => "<=",
        BinaryExpressionType.Greater => ">",
        BinaryExpressionType.GreaterOrEqual => ">=",
        BinaryExpressionType.Plus => "+",
        BinaryExpressionType.Minus => "-",
        BinaryExpressionType.Times => "*",
        BinaryExpressionType.Div => "/",
        BinaryExpressionType.Modulo => "%",
        BinaryExpressionType.In => "in",
        BinaryExpressionType.NotIn => "not in",
        BinaryExpressionType.Like => "like",
        BinaryExpressionType.NotLike => "not like",
        BinaryExpressionType.Coalesce => "??",
        BinaryExpressionType.BitwiseOr => "|",
        BinaryExpressionType.BitwiseAnd => "&",
        BinaryExpressionType.BitwiseXOr => "^",
        BinaryExpressionType.LeftShift => "<<",
        BinaryExpressionType.RightShift => ">>",
        BinaryExpressionType.Exponentiation => "**",
        _ => type.ToString(),
    };

    /// <summary>A node as the user wrote it, near enough: NCalc's rendering without the brackets we added.</summary>
    internal static string Describe(LogicalExpression node)
    {
        var text = node switch
        {
            Identifier identifier => identifier.Name,
            _ => BracketedName().Replace(node.ToExpressionString(), "$1"),
        };
        text = text.Length <= 60 ? text : text[..60] + "…";

        // A literal shows as written ('nine', 5); anything else is quoted to set it off from the message.
        return node is ValueExpression ? text : $"'{text}'";
    }

    [GeneratedRegex(@"\[([\p{L}_][\p{L}\p{Nd}_.]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedName();

    private sealed class SyntaxError(string message) : Exception(message);
}
