using Kairos.Sdk.Calendars;
using NCalc;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// Evaluates a checked NCalc tree over a <see cref="ConditionScope"/>. NCalc's own evaluator is not used:
/// it coerces between kinds ('5' == 5 is true there, 1/3 a double) and resolves unknown functions by
/// name; this one knows only the values of <see cref="ConditionValues"/> and the functions of
/// <see cref="ConditionNames"/>, short-circuits 'and', 'or', 'if' and '? :', and does no I/O.
/// </summary>
internal sealed class ConditionEvaluator(ConditionScope scope)
{
    private DateTime Clock => scope.Now.DateTime;

    public object? Evaluate(LogicalExpression node) => node switch
    {
        ValueExpression value => Literal(value),
        Identifier identifier => Variable(identifier.Name),
        Function function => Call(function),
        BinaryExpression binary => Binary(binary),
        UnaryExpression unary => Unary(unary),
        TernaryExpression ternary => Bool(ternary.LeftExpression, "the test of '? :'")
            ? Evaluate(ternary.MiddleExpression)
            : Evaluate(ternary.RightExpression),
        _ => throw new ConditionFailure($"{node.GetType().Name} cannot be evaluated"),
    };

    private static object? Literal(ValueExpression value) => value.Value switch
    {
        // Integers arrive as long, fractions as decimal (parser options): both become decimal.
        long l => (decimal)l,
        int i => (decimal)i,
        decimal d => d,
        string s => s,
        bool b => b,
        var other => throw new ConditionFailure($"the literal {other} is not supported"),
    };

    private object? Variable(string name)
    {
        switch (name)
        {
            case ConditionNames.Now: return Clock;
            case ConditionNames.Today: return Clock.Date;
            case ConditionNames.Weekday: return (decimal)(((int)Clock.DayOfWeek + 6) % 7);
            case ConditionNames.Hour: return (decimal)Clock.Hour;
            case ConditionNames.Minute: return (decimal)Clock.Minute;
            case ConditionNames.Year: return (decimal)Clock.Year;
            case ConditionNames.Month: return (decimal)Clock.Month;
            case ConditionNames.Day: return (decimal)Clock.Day;
            case ConditionNames.Null: return null;
            case ConditionNames.EventType: return RequireEvent(name).Type;
            case ConditionNames.EventSource: return RequireEvent(name).Source;
            case ConditionNames.EventSubject: return RequireEvent(name).Subject;
        }

        if (name.StartsWith(ConditionNames.ConfigPrefix, StringComparison.Ordinal))
        {
            return ConditionValues.FromConfig(scope.Config, name[ConditionNames.ConfigPrefix.Length..]);
        }

        if (name.StartsWith(ConditionNames.EventDataPrefix, StringComparison.Ordinal))
        {
            return ConditionValues.FromEventData(RequireEvent(name).Data, name[ConditionNames.EventDataPrefix.Length..]);
        }

        // The checker lets no other name through.
        throw new ConditionFailure($"unknown name '{name}'");
    }

    private EventScope RequireEvent(string name) =>
        scope.Event ?? throw new ConditionFailure($"{name} is only available when the run is triggered by an event");

    private object? Call(Function function)
    {
        var args = function.Parameters;
        switch (function.Identifier.Name)
        {
            case ConditionNames.LastStatus:
            {
                var jobId = (string)((ValueExpression)args[0]).Value!;
                return scope.LastStatuses.TryGetValue(jobId, out var status)
                    ? status
                    : throw new ConditionFailure($"last_status('{jobId}') was not provided to the evaluation (the engine prefetches ReferencedJobIds)");
            }

            case ConditionNames.IsWeekday:
                return Clock.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

            case ConditionNames.IsTradingDay:
            {
                if (Evaluate(args[0]) is not string market)
                {
                    throw new ConditionFailure($"the market of is_trading_day must be a string such as 'CN', but {ConditionChecker.Describe(args[0])} is not");
                }

                var day = Clock.Date;
                if (args.Count == 2)
                {
                    day = Evaluate(args[1]) is DateTime given
                        ? given.Date
                        : throw new ConditionFailure($"the date of is_trading_day must be a date, but {ConditionChecker.Describe(args[1])} is not");
                }

                try
                {
                    return scope.Calendar.IsTradingDay(market, DateOnly.FromDateTime(day));
                }
                catch (TradingCalendarException e)
                {
                    throw new ConditionFailure($"is_trading_day('{market}'): {e.Message}", e);
                }
            }

            case ConditionNames.Date:
                return ConditionDates.Parse((string)((ValueExpression)args[0]).Value!)!.Value;

            case ConditionNames.If:
                return Bool(args[0], "the first argument of if") ? Evaluate(args[1]) : Evaluate(args[2]);

            default:
                throw new ConditionFailure($"unknown function '{function.Identifier.Name}'");
        }
    }

    private object? Binary(BinaryExpression binary)
    {
        var op = ConditionChecker.OperatorText(binary.Type);
        switch (binary.Type)
        {
            case BinaryExpressionType.And:
                return Bool(binary.LeftExpression, "the left side of 'and'") && Bool(binary.RightExpression, "the right side of 'and'");
            case BinaryExpressionType.Or:
                return Bool(binary.LeftExpression, "the left side of 'or'") || Bool(binary.RightExpression, "the right side of 'or'");
            case BinaryExpressionType.Coalesce:
                return Coalesce(binary.LeftExpression) ?? Evaluate(binary.RightExpression);
            case BinaryExpressionType.In or BinaryExpressionType.NotIn:
            {
                var needle = Evaluate(binary.LeftExpression);
                var items = binary.RightExpression is LogicalExpressionList list ? list : (IEnumerable<LogicalExpression>)[binary.RightExpression];
                var found = items.Any(item => ConditionValues.AreEqual(needle, Evaluate(item), op));
                return found == (binary.Type == BinaryExpressionType.In);
            }
        }

        var left = Evaluate(binary.LeftExpression);
        var right = Evaluate(binary.RightExpression);
        return binary.Type switch
        {
            BinaryExpressionType.Equal => ConditionValues.AreEqual(left, right, op),
            BinaryExpressionType.NotEqual => !ConditionValues.AreEqual(left, right, op),
            BinaryExpressionType.Lesser => ConditionValues.Compare(left, right, op) < 0,
            BinaryExpressionType.LesserOrEqual => ConditionValues.Compare(left, right, op) <= 0,
            BinaryExpressionType.Greater => ConditionValues.Compare(left, right, op) > 0,
            BinaryExpressionType.GreaterOrEqual => ConditionValues.Compare(left, right, op) >= 0,
            BinaryExpressionType.Like => Like(left, right, op),
            BinaryExpressionType.NotLike => !Like(left, right, op),
            BinaryExpressionType.Plus when left is string l && right is string r => l + r,
            _ => Arithmetic(binary.Type, op, left, right),
        };
    }

    private object? Coalesce(LogicalExpression left)
    {
        try
        {
            return Evaluate(left);
        }
        catch (ConditionFailure e) when (e.MissingConfigKey && left is Identifier)
        {
            // config.retries ?? 3: a default for a key the config leaves out.
            return null;
        }
    }

    private static bool Like(object? text, object? pattern, string op) => (text, pattern) switch
    {
        (null, string) => false,
        (string t, string p) => ConditionValues.Like(t, p),
        _ => throw new ConditionFailure($"'{op}' matches a string against a string pattern, not {ConditionValues.Describe(text)} against {ConditionValues.Describe(pattern)}"),
    };

    private static decimal Arithmetic(BinaryExpressionType type, string op, object? left, object? right)
    {
        if (left is not decimal l || right is not decimal r)
        {
            throw new ConditionFailure($"'{op}' needs two numbers{(op == "+" ? " or two strings" : "")}, not {ConditionValues.Describe(left)} and {ConditionValues.Describe(right)}");
        }

        try
        {
            return type switch
            {
                BinaryExpressionType.Plus => l + r,
                BinaryExpressionType.Minus => l - r,
                BinaryExpressionType.Times => l * r,
                BinaryExpressionType.Div => l / r,
                BinaryExpressionType.Modulo => l % r,
                _ => throw new ConditionFailure($"the operator '{op}' is not supported"),
            };
        }
        catch (DivideByZeroException e)
        {
            throw new ConditionFailure($"'{op}' divides by zero", e);
        }
        catch (OverflowException e)
        {
            throw new ConditionFailure($"'{op}' overflows the decimal range", e);
        }
    }

    private object Unary(UnaryExpression unary)
    {
        var value = Evaluate(unary.Expression);
        return (unary.Type, value) switch
        {
            (UnaryExpressionType.Not, bool b) => !b,
            (UnaryExpressionType.Negate, decimal d) => -d,
            (UnaryExpressionType.Positive, decimal d) => d,
            (UnaryExpressionType.Not, _) => throw new ConditionFailure(
                $"'not' needs true or false, but {ConditionChecker.Describe(unary.Expression)} is {ConditionValues.Describe(value)}"),
            _ => throw new ConditionFailure(
                $"a sign needs a number, but {ConditionChecker.Describe(unary.Expression)} is {ConditionValues.Describe(value)}"),
        };
    }

    public bool Bool(LogicalExpression node, string what) => Evaluate(node) switch
    {
        bool b => b,
        var other => throw new ConditionFailure(
            $"{what} must be true or false, but {ConditionChecker.Describe(node)} is {ConditionValues.Describe(other)}"),
    };
}
