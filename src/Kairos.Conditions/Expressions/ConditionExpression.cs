using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NCalc;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// A job condition or event filter in NCalc syntax, such as
/// <c>is_trading_day('CN') and hour &gt;= 9</c> or <c>event.data.fund_code == '000001'</c>.
/// Parsed and checked once (unknown names, functions and operators are rejected then); evaluated many
/// times. Dotted names (<c>config.enabled</c>) need no brackets. Values are null, booleans, strings
/// (compared case-sensitively), exact decimals and dates; values of different kinds never convert into
/// each other. Immutable and thread-safe.
/// </summary>
public sealed class ConditionExpression
{
    /// <summary>The longest condition text accepted.</summary>
    public const int MaxLength = 2000;

    private static readonly LogicalExpressionParserOptions ParserOptions = new()
    {
        // Literals parse as exact numbers: 0.1 is the decimal 0.1, not the nearest double.
        FloatingPointNumberType = FloatingPointNumberType.Decimal,
        IntegerNumberType = IntegerNumberType.Int64,
    };

    private readonly LogicalExpression _root;

    private ConditionExpression(string text, LogicalExpression root, ConditionChecker checker)
    {
        Text = text;
        _root = root;
        ReferencedJobIds = checker.JobIds;
        ReferencedMarkets = checker.Markets;
        UsesEvent = checker.UsesEvent;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The job ids named in <c>last_status('...')</c> calls, each once, in order of appearance.</summary>
    public IReadOnlyList<string> ReferencedJobIds { get; }

    /// <summary>The market codes given literally to <c>is_trading_day</c>, upper-case, each once.</summary>
    public IReadOnlyList<string> ReferencedMarkets { get; }

    /// <summary>True when the condition reads <c>event.*</c>, which only an event-triggered run provides.</summary>
    public bool UsesEvent { get; }

    /// <summary>Parses and checks <paramref name="text"/>.</summary>
    /// <param name="text">The condition.</param>
    /// <param name="expression">The parsed condition, when valid.</param>
    /// <param name="error">What is wrong and where, when not (a phrase to follow the field name in an API error).</param>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out ConditionExpression? expression,
        [NotNullWhen(false)] out string? error)
    {
        expression = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty; leave the field out for none";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{text.Length} characters long; at most {MaxLength} are allowed");
            return false;
        }

        if (!DottedNames.TryRewrite(text, out var rewrite, out error))
        {
            return false;
        }

        LogicalExpression root;
        try
        {
            root = LogicalExpressionParser.Parse(rewrite.Text, ParserOptions, CultureInfo.InvariantCulture, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The parser reports most errors as NCalcParserException, some (a stray '//') as other types.
            error = DottedNames.DescribeParseError(text, rewrite, e.Message);
            return false;
        }

        if (!ConditionChecker.TryCheck(root, out var checker, out var problem))
        {
            error = problem;
            return false;
        }

        expression = new ConditionExpression(text, root, checker);
        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>, throwing when it is not a valid condition.</summary>
    /// <exception cref="FormatException">The condition is not valid; the message says why.</exception>
    public static ConditionExpression Parse(string text) =>
        TryParse(text, out var expression, out var error)
            ? expression
            : throw new FormatException($"Condition '{text}': {error}.");

    /// <summary>Evaluates the condition.</summary>
    /// <returns>True when the run should go ahead.</returns>
    /// <exception cref="ConditionEvaluationException">
    /// The condition cannot be evaluated in this scope (missing config key, year outside the trading
    /// calendar, kinds that do not compare, a result that is not true or false); the message names the
    /// condition and the problem.
    /// </exception>
    public bool Evaluate(ConditionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        object? result;
        try
        {
            result = new ConditionEvaluator(scope).Evaluate(_root);
        }
        catch (ConditionFailure e)
        {
            throw new ConditionEvaluationException($"Condition '{Text}' could not be evaluated: {e.Message.TrimEnd('.')}.", e.InnerException ?? e);
        }

        return result is bool b
            ? b
            : throw new ConditionEvaluationException(
                $"Condition '{Text}' could not be evaluated: it produced {ConditionValues.Describe(result)}, not true or false.");
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
