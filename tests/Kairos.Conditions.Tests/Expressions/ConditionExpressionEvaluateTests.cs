using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Conditions.Expressions;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Conditions.Tests.Expressions;

public class ConditionExpressionEvaluateTests
{
    // Thursday 2025-10-09 09:30 in Shanghai: the first trading day after National Day.
    private static readonly DateTimeOffset TradingMorning = At("2025-10-09T09:30:00+08:00");

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static ConditionScope Scope(
        DateTimeOffset? now = null,
        string? config = null,
        Dictionary<string, string?>? statuses = null,
        EventScope? @event = null) => new()
        {
            Now = now ?? TradingMorning,
            Calendar = ShippedCalendars.Calendar,
            Config = config is null ? [] : JsonNode.Parse(config)!.AsObject(),
            LastStatuses = statuses ?? [],
            Event = @event,
        };

    private static bool Eval(string text, ConditionScope? scope = null) =>
        ConditionExpression.Parse(text).Evaluate(scope ?? Scope());

    private static ConditionEvaluationException EvalError(string text, ConditionScope? scope = null) =>
        Assert.Throws<ConditionEvaluationException>(() => Eval(text, scope));

    private static EventScope Event(string data, string type = "fund.nav.updated", string? subject = "000001") =>
        new(type, "fund", subject, JsonDocument.Parse(data).RootElement.Clone());

    [Fact]
    public void True_and_false()
    {
        Assert.True(Eval("true"));
        Assert.False(Eval("false"));
        Assert.True(Eval("not false"));
    }

    [Theory]
    [InlineData("2025-10-09T09:30:00+08:00", true)]
    [InlineData("2025-10-09T09:00:00+08:00", true)]
    [InlineData("2025-10-09T08:59:00+08:00", false)]
    [InlineData("2025-10-01T10:00:00+08:00", false)] // National Day
    [InlineData("2025-01-29T10:00:00+08:00", false)] // Spring Festival
    [InlineData("2025-02-08T10:00:00+08:00", false)] // make-up working Saturday: exchanges closed
    public void Trading_day_and_hour(string now, bool expected)
    {
        Assert.Equal(expected, Eval("is_trading_day('CN') and hour >= 9", Scope(At(now))));
    }

    [Fact]
    public void The_clock_time_of_the_job_zone_decides_the_day_not_utc()
    {
        // 20:00 in New York on 2025-10-08 (a CN holiday) is already 2025-10-09 in UTC (a CN trading day).
        var scope = Scope(At("2025-10-08T20:00:00-04:00"));

        Assert.False(Eval("is_trading_day('CN')", scope));
        Assert.True(Eval("day == 8 and hour == 20", scope));
    }

    [Fact]
    public void Time_from_a_FakeTimeProvider_converted_to_the_job_zone()
    {
        var time = new FakeTimeProvider(At("2025-10-01T01:30:00Z")); // 09:30 on National Day in Shanghai
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var expression = ConditionExpression.Parse("is_trading_day('CN') and hour >= 9");

        Assert.False(expression.Evaluate(Scope(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone))));
        time.Advance(TimeSpan.FromDays(8)); // 2025-10-09 09:30
        Assert.True(expression.Evaluate(Scope(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone))));
    }

    [Theory]
    [InlineData("succeeded", true)]
    [InlineData("failed", false)]
    [InlineData(null, false)]
    public void Last_status_compares_the_prefetched_status(string? status, bool expected)
    {
        var scope = Scope(statuses: new() { ["fund_nav_daily_update"] = status });

        Assert.Equal(expected, Eval("last_status('fund_nav_daily_update') == 'succeeded'", scope));
        Assert.Equal(status is null, Eval("last_status('fund_nav_daily_update') == null", scope));
    }

    [Fact]
    public void Last_status_not_prefetched_is_an_error()
    {
        var e = EvalError("last_status('other') == 'succeeded'");

        Assert.Contains("last_status('other')", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-10-06T10:00:00+08:00", """{"enabled": true}""", true)]   // Monday
    [InlineData("2025-10-10T10:00:00+08:00", """{"enabled": true}""", true)]   // Friday
    [InlineData("2025-10-11T10:00:00+08:00", """{"enabled": true}""", false)]  // Saturday
    [InlineData("2025-10-06T10:00:00+08:00", """{"enabled": false}""", false)]
    public void Weekday_and_config_flag(string now, string config, bool expected)
    {
        Assert.Equal(expected, Eval("weekday < 5 and config.enabled == true", Scope(At(now), config)));
    }

    [Theory]
    [InlineData("2025-10-06T00:00:00+08:00", 0)]
    [InlineData("2025-10-12T23:59:00+08:00", 6)]
    public void Weekday_counts_from_Monday_as_zero(string now, int weekday)
    {
        Assert.True(Eval($"weekday == {weekday}", Scope(At(now))));
    }

    [Fact]
    public void Is_weekday_follows_the_clock_date()
    {
        Assert.True(Eval("is_weekday()", Scope(At("2025-10-10T23:59:00+08:00"))));
        Assert.False(Eval("is_weekday()", Scope(At("2025-10-11T00:00:00+08:00"))));
    }

    [Fact]
    public void Date_variables_and_literals()
    {
        Assert.True(Eval("today == date('2025-10-09')"));
        Assert.True(Eval("now >= date('2025-10-09 09:30') and now < date('2025-10-09T09:31')"));
        Assert.True(Eval("year == 2025 and month == 10 and day == 9 and minute == 30"));
        Assert.True(Eval("is_trading_day('US', date('2025-11-28')) and not is_trading_day('us', date('2025-11-27'))"));
    }

    [Theory]
    [InlineData("""{"fund_code": "000001"}""", true)]
    [InlineData("""{"fund_code": "000002"}""", false)]
    [InlineData("""{"nav": 1.5}""", false)] // a missing field is null
    public void Event_data_filter(string data, bool expected)
    {
        Assert.Equal(expected, Eval("event.data.fund_code == '000001'", Scope(@event: Event(data))));
    }

    [Fact]
    public void Event_attributes_and_nested_data()
    {
        var scope = Scope(@event: Event("""{"fund": {"code": "a.b", "navs": [1.0, 1.25]}}"""));

        Assert.True(Eval("event.type like 'fund.%' and event.source == 'fund' and event.subject in ('000001', '000002')", scope));
        Assert.True(Eval("event.data.fund.code == 'a.b' and event.data.fund.navs.1 == 1.25", scope));
        Assert.True(Eval("event.data.fund.navs.7 == null", scope));
        Assert.True(Eval("[event.data.fund-code] == 'x'", Scope(@event: Event("""{"fund-code": "x"}"""))));
        Assert.False(Eval("event.type not like 'fund.#'", Scope(@event: Event("{}", type: "fund.#"))));
    }

    [Fact]
    public void Event_from_a_bus_event()
    {
        var busEvent = new KairosEvent
        {
            Id = "e1",
            Type = "fund.nav.updated",
            Source = "fund",
            Time = At("2025-10-09T15:00:00+08:00"),
            Subject = "000001",
            Data = JsonDocument.Parse("""{"fund_code": "000001"}""").RootElement.Clone(),
        };

        Assert.True(Eval("event.data.fund_code == event.subject", Scope(@event: EventScope.From(busEvent))));
    }

    [Fact]
    public void Event_fields_without_an_event_are_an_error()
    {
        var e = EvalError("event.data.fund_code == '000001'");

        Assert.Contains("only available when the run is triggered by an event", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_nested_keys_array_items_and_kinds()
    {
        var scope = Scope(config: """
            {"limits": {"max": {"value": 5}}, "codes": ["a", "b"], "name": "Alice", "off": null, "big": 9007199254740993}
            """);

        Assert.True(Eval("config.limits.max.value == 5 and config.limits.max.value == 5.0", scope));
        Assert.True(Eval("config.codes.1 == 'b'", scope));
        Assert.True(Eval("config.off == null and (config.off ?? 'x') == 'x'", scope));
        Assert.True(Eval("config.big == 9007199254740993 and config.big != 9007199254740992", scope)); // beyond a double's precision
        Assert.False(Eval("config.name == 'alice'", scope)); // case-sensitive
        Assert.True(Eval("config.name + '!' == 'Alice!'", scope));
    }

    [Fact]
    public void Numbers_are_exact_decimals()
    {
        Assert.True(Eval("0.1 + 0.2 == 0.3"));
        Assert.True(Eval("config.rate + 0.2 == 0.3", Scope(config: """{"rate": 0.1}""")));
        Assert.True(Eval("1 / 4 == 0.25 and 7 % 2 == 1 and -hour == -9"));
    }

    [Fact]
    public void Missing_config_key_is_an_error_naming_it_and_the_condition()
    {
        var e = EvalError("config.retries > 2", Scope(config: """{"limits": {}}"""));

        Assert.Contains("Condition 'config.retries > 2'", e.Message, StringComparison.Ordinal);
        Assert.Contains("config.retries is not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("config.limits.max is not set", EvalError("config.limits.max > 2", Scope(config: """{"limits": {}}""")).Message, StringComparison.Ordinal);
        Assert.EndsWith("is not set in the job's config.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coalesce_gives_a_default_for_a_missing_or_null_config_key()
    {
        var scope = Scope(config: """{"limits": {"max": null}}""");

        Assert.True(Eval("(config.retries ?? 3) == 3", scope));
        Assert.True(Eval("(config.limits.max ?? 7) == 7", scope));
        Assert.True(Eval("(config.limits.max.deeper ?? 'd') == 'd'", scope));
    }

    [Fact]
    public void Kinds_never_convert_into_each_other()
    {
        var scope = Scope(config: """{"count": "5", "flag": "true"}""");

        Assert.Contains("cannot compare string '5' with number 5", EvalError("config.count == 5", scope).Message, StringComparison.Ordinal);
        Assert.Contains("cannot compare", EvalError("config.flag == true", scope).Message, StringComparison.Ordinal);
        Assert.Contains("needs two numbers", EvalError("config.count - 1 == 4", scope).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_that_is_not_true_or_false_is_an_error()
    {
        var e = EvalError("config.count", Scope(config: """{"count": 5}"""));

        Assert.Contains("produced number 5, not true or false", e.Message, StringComparison.Ordinal);
        Assert.Contains("must be true or false", EvalError("config.count and true", Scope(config: """{"count": 5}""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_outside_the_calendar_is_an_error_naming_it()
    {
        var e = EvalError("is_trading_day('CN') and hour >= 9", Scope(At("2031-03-03T10:00:00+08:00")));

        Assert.Contains("is_trading_day('CN')", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not cover 2031", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", e.Message, StringComparison.Ordinal);
        Assert.IsType<TradingCalendarException>(e.InnerException);
    }

    [Fact]
    public void An_unknown_market_is_an_error_listing_the_known_ones()
    {
        var e = EvalError("is_trading_day('HK')");

        Assert.Contains("Known markets: CN, US", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void And_or_if_and_ternary_short_circuit()
    {
        var scope = Scope(config: "{}");

        Assert.False(Eval("false and config.missing == 1", scope));
        Assert.True(Eval("true or config.missing == 1", scope));
        Assert.True(Eval("if(hour < 12, 'am', config.missing) == 'am'", scope));
        Assert.True(Eval("(hour < 12 ? 'am' : config.missing) == 'am'", scope));
        Assert.Throws<ConditionEvaluationException>(() => Eval("config.missing == 1 and false", scope));
    }

    [Fact]
    public void Ordering_null_is_an_error_that_suggests_a_null_test()
    {
        var scope = Scope(@event: Event("{}"));

        Assert.Contains("test for null first", EvalError("event.data.nav > 1", scope).Message, StringComparison.Ordinal);
        Assert.False(Eval("event.data.nav != null and event.data.nav > 1", scope));
    }

    [Fact]
    public void Division_by_zero_is_an_error()
    {
        Assert.Contains("divides by zero", EvalError("hour / (minute - 30) > 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parsed_condition_is_reused_across_scopes()
    {
        var expression = ConditionExpression.Parse("hour >= 9");

        Assert.True(expression.Evaluate(Scope(At("2025-10-09T09:00:00+08:00"))));
        Assert.False(expression.Evaluate(Scope(At("2025-10-09T08:00:00+08:00"))));
    }
}
