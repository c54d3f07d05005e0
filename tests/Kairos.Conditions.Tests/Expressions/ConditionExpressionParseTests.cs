using Kairos.Conditions.Expressions;

namespace Kairos.Conditions.Tests.Expressions;

public class ConditionExpressionParseTests
{
    private static string ParseError(string text)
    {
        Assert.False(ConditionExpression.TryParse(text, out var expression, out var error));
        Assert.Null(expression);
        return error;
    }

    [Theory]
    [InlineData("is_trading_day('CN') and hour >= 9")]
    [InlineData("last_status('fund_nav_daily_update') == 'succeeded'")]
    [InlineData("weekday < 5 and config.enabled == true")]
    [InlineData("event.data.fund_code == '000001'")]
    [InlineData("is_trading_day('US') && minute % 15 == 0")]
    [InlineData("[config.enabled] == true")]
    [InlineData("config.limits.max.value >= 1.5 or not is_weekday()")]
    [InlineData("event.type like 'fund.%' and event.subject in ('000001', '000002')")]
    [InlineData("today >= date('2025-10-01') ? true : false")]
    [InlineData("if(hour < 12, 'am', 'pm') == 'am'")]
    [InlineData("last_status('a') == null or (config.retries ?? 0) > 2")]
    [InlineData("is_trading_day('CN',\n  date('2025-10-09'))")]
    public void Valid_conditions_parse(string text)
    {
        Assert.True(ConditionExpression.TryParse(text, out var expression, out var error), error);
        Assert.Equal(text, expression.Text);
        Assert.Equal(text, expression.ToString());
    }

    [Fact]
    public void ReferencedJobIds_lists_each_literal_job_id_once_in_order()
    {
        var expression = ConditionExpression.Parse(
            "last_status('b') == 'succeeded' or last_status('fund_nav_daily_update') == 'failed' or last_status('b') == null");

        Assert.Equal(["b", "fund_nav_daily_update"], expression.ReferencedJobIds);
        Assert.Empty(ConditionExpression.Parse("hour > 1").ReferencedJobIds);
    }

    [Fact]
    public void ReferencedMarkets_lists_literal_markets_upper_case()
    {
        var expression = ConditionExpression.Parse("is_trading_day('cn') or is_trading_day('US') or is_trading_day('CN')");

        Assert.Equal(["CN", "US"], expression.ReferencedMarkets);
    }

    [Fact]
    public void UsesEvent_tells_whether_event_fields_are_read()
    {
        Assert.True(ConditionExpression.Parse("event.data.x == 1").UsesEvent);
        Assert.True(ConditionExpression.Parse("event.subject == null").UsesEvent);
        Assert.False(ConditionExpression.Parse("config.event == 1").UsesEvent);
    }

    [Theory]
    [InlineData("hour >=", "column 6 (at '>=')")]
    [InlineData("hour >= 9)", "column 10")]
    [InlineData("(hour >= 9", "parenthesis not closed")]
    [InlineData("hour >= 9 9", "column 11")]
    public void A_syntax_error_says_where(string text, string expected)
    {
        var error = ParseError(text);

        Assert.StartsWith("does not parse", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_columns_point_into_the_text_as_written_despite_dotted_names()
    {
        // The ')' is column 23 of what the user wrote, though NCalc saw "[config.enabled] == true)".
        var error = ParseError("config.enabled == true)");

        Assert.Contains("column 23", error, StringComparison.Ordinal);
        Assert.Contains("at ')'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_positions_on_later_lines_give_line_and_column()
    {
        var error = ParseError("hour > 1 and\n  config.a == 2)");

        Assert.Contains("line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_function_is_rejected_at_parse_time()
    {
        var error = ParseError("foo(1) == 1");

        Assert.Contains("unknown function 'foo'", error, StringComparison.Ordinal);
        Assert.Contains("is_trading_day", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Is_Weekday()", "did you mean 'is_weekday'")]
    [InlineData("Abs(-1) == 1", "unknown function 'Abs'")] // NCalc's built-ins are not part of the language
    [InlineData("in(hour, 1, 2)", "unknown function 'in'")]
    public void Function_names_are_exact(string text, string expected)
    {
        Assert.Contains(expected, ParseError(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hours > 9", "unknown name 'hours'")]
    [InlineData("Hour > 9", "did you mean 'hour'")]
    [InlineData("config == 1", "config.<key>")]
    [InlineData("event.data == 1", "event.data.<path>")]
    [InlineData("event.time == 1", "unknown name 'event.time'")]
    [InlineData("[config..a] == 1", "empty key")]
    [InlineData("config..a == 1", "does not parse")]
    public void An_unknown_variable_is_rejected_at_parse_time(string text, string expected)
    {
        Assert.Contains(expected, ParseError(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("last_status(config.job) == 'succeeded'")]
    [InlineData("last_status() == 'succeeded'")]
    [InlineData("last_status('a', 'b') == 'succeeded'")]
    [InlineData("last_status('') == 'succeeded'")]
    public void Last_status_needs_one_literal_job_id(string text)
    {
        Assert.Contains("last_status takes one job id in quotes", ParseError(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config.name.ToUpper() == 'X'", "calls a method")]
    [InlineData("event.data.GetType() == 'x'", "calls a method")]
    [InlineData("now.Year == 2025", "unknown name 'now.Year'")]
    [InlineData("'abc'.Length == 3", "does not parse")]
    public void No_member_of_any_value_can_be_reached(string text, string expected)
    {
        Assert.Contains(expected, ParseError(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hour << 1 == 2", "'<<'")]
    [InlineData("2 ** 3 == 8", "'**'")]
    [InlineData("(hour & 1) == 1", "'&'")]
    [InlineData("~hour == 1", "'~'")]
    public void Bitwise_and_power_operators_are_not_supported(string text, string expected)
    {
        var error = ParseError(text);

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("not supported", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hour + 1", "must be true or false")]
    [InlineData("'yes'", "must be true or false")]
    [InlineData("hour == 'nine'", "cannot compare 'hour' (a number) with 'nine' (a string)")]
    [InlineData("weekday and true", "must be true or false, but 'weekday' is a number")]
    [InlineData("now > 5", "cannot compare")]
    [InlineData("is_trading_day(5)", "must be a string")]
    [InlineData("date('2025-13-01') == today", "date takes one date in quotes")]
    [InlineData("is_weekday(1)", "takes 0 argument")]
    public void Kinds_certain_to_clash_are_rejected_at_parse_time(string text, string expected)
    {
        Assert.Contains(expected, ParseError(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_rejected(string? text)
    {
        Assert.False(ConditionExpression.TryParse(text, out _, out var error));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_text_is_rejected()
    {
        var text = string.Join(" and ", Enumerable.Repeat("hour >= 9", 300));

        Assert.Contains("at most 2000", ParseError(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_rejected_before_the_parser_recurses()
    {
        var text = new string('(', 100) + "true" + new string(')', 100);

        Assert.Contains("nested", ParseError(text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_but_flat_condition_parses()
    {
        var text = string.Join(" or ", Enumerable.Repeat("hour == 9", 150));

        Assert.True(ConditionExpression.TryParse(text, out _, out var error), error);
    }

    [Fact]
    public void Parse_throws_a_FormatException_naming_the_condition()
    {
        var e = Assert.Throws<FormatException>(() => ConditionExpression.Parse("nope()"));

        Assert.Contains("'nope()'", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown function", e.Message, StringComparison.Ordinal);
    }
}
