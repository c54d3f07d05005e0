using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Parsing;

/// <summary>One test per kind of message; each names the field and says what is allowed.</summary>
public class ScheduleParserValidationTests
{
    [Theory]
    [InlineData("[]")]
    [InlineData("\"cron\"")]
    [InlineData("3")]
    public void Not_an_object(string json) =>
        Assert.Contains("must be a JSON object", ErrorFor(json, "schedule"));

    [Fact]
    public void Null_schedule_is_required() =>
        Assert.Contains("is required", ErrorFor("null", "schedule"));

    [Fact]
    public void Missing_type() =>
        Assert.Equal("is required: one of cron, interval, date, event", ErrorFor("""{"hour":3}""", "schedule.type"));

    [Fact]
    public void Unknown_type() =>
        Assert.Equal("'weekly' is not a schedule type; use one of cron, interval, date, event", ErrorFor("""{"type":"weekly"}""", "schedule.type"));

    [Fact]
    public void Type_not_a_string() =>
        Assert.Equal("must be a string: one of cron, interval, date, event", ErrorFor("""{"type":1}""", "schedule.type"));

    [Theory]
    [InlineData("""{"type":"cron","hours":3}""", "schedule.hours", "cron")]
    [InlineData("""{"type":"interval","hour":3}""", "schedule.hour", "interval")]
    [InlineData("""{"type":"date","run_date":"2026-01-01","jitter":5}""", "schedule.jitter", "date")]
    [InlineData("""{"type":"event","event_type":"a.b","start_date":"2026-01-01"}""", "schedule.start_date", "event")]
    public void Unknown_field(string json, string key, string type) =>
        Assert.StartsWith($"unknown field for a {type} schedule; allowed: type", ErrorFor(json, key));

    [Fact]
    public void Duplicate_field() =>
        Assert.Equal("appears more than once", ErrorFor("""{"type":"cron","hour":3,"hour":4}""", "schedule.hour"));

    [Theory]
    [InlineData("hour", "25", "25 is outside 0–23")]
    [InlineData("hour", "\"25\"", "25 is outside 0–23")]
    [InlineData("minute", "-1", "-1 is outside 0–59")]
    [InlineData("second", "\"60\"", "60 is outside 0–59")]
    [InlineData("day", "0", "0 is outside 1–31")]
    [InlineData("month", "\"1-13\"", "13 is outside 1–12")]
    [InlineData("week", "54", "54 is outside 1–53")]
    [InlineData("year", "1969", "1969 is outside 1970–9999")]
    [InlineData("day_of_week", "7", "7 is outside 0–6 (mon=0 … sun=6)")]
    [InlineData("hour", "\"99999999999\"", "99999999999 is outside 0–23")]
    public void Out_of_range(string field, string value, string message) =>
        Assert.Equal(message, ErrorFor($$"""{"type":"cron","{{field}}":{{value}}}""", "schedule." + field));

    [Theory]
    [InlineData("day_of_week", "sat-mon")]
    [InlineData("minute", "50-10")]
    [InlineData("month", "dec-jan")]
    public void Reversed_range(string field, string value) =>
        Assert.Equal($"range '{value}' is reversed: the first value must not be larger than the last; APScheduler reads no wrap-around",
            ErrorFor($$"""{"type":"cron","{{field}}":"{{value}}"}""", "schedule." + field));

    [Theory]
    [InlineData("day_of_week", "fri#2")]
    [InlineData("day_of_week", "last fri")]
    [InlineData("hour", "1-")]
    [InlineData("hour", "**")]
    [InlineData("minute", "L")]
    [InlineData("day", "2nd")]
    [InlineData("day", "6th mon")]
    [InlineData("hour", "1 - 3")]
    public void Malformed_expression(string field, string value) =>
        Assert.StartsWith($"'{value.ToLowerInvariant()}' is not a valid {field} expression; use ",
            ErrorFor($$"""{"type":"cron","{{field}}":"{{value}}"}""", "schedule." + field));

    [Theory]
    [InlineData("month", "foo", "'foo' is not a month name; use jan–dec")]
    [InlineData("day_of_week", "monday", "'monday' is not a day_of_week name; use mon–sun")]
    [InlineData("day", "1st funday", "'funday' in '1st funday' is not a weekday name; use mon, tue, wed, thu, fri, sat or sun")]
    public void Unknown_name(string field, string value, string message) =>
        Assert.Equal(message, ErrorFor($$"""{"type":"cron","{{field}}":"{{value}}"}""", "schedule." + field));

    [Fact]
    public void Step_of_zero() =>
        Assert.Equal("the step in '*/0' must be at least 1", ErrorFor("""{"type":"cron","minute":"*/0"}""", "schedule.minute"));

    [Fact]
    public void Step_larger_than_its_range() =>
        Assert.Equal("the step 60 in '*/60' is larger than its range 0–59", ErrorFor("""{"type":"cron","minute":"*/60"}""", "schedule.minute"));

    [Fact]
    public void Field_value_not_a_whole_number() =>
        Assert.Equal("2.5 is not a whole number", ErrorFor("""{"type":"cron","hour":2.5}""", "schedule.hour"));

    [Theory]
    [InlineData("true")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    public void Field_value_of_the_wrong_kind(string value) =>
        Assert.Equal("must be a number or a string such as \"*/15\" or \"mon-fri\"", ErrorFor($$"""{"type":"cron","hour":{{value}}}""", "schedule.hour"));

    [Fact]
    public void Empty_field() =>
        Assert.Equal("must not be empty", ErrorFor("""{"type":"cron","hour":" "}""", "schedule.hour"));

    [Fact]
    public void Empty_list_element() =>
        Assert.Equal("'1,,2' has an empty element in its list", ErrorFor("""{"type":"cron","hour":"1,,2"}""", "schedule.hour"));

    [Fact]
    public void Expression_mixed_with_fields() =>
        Assert.Equal("cannot be combined with the field form (hour, minute); use either expression or the fields year … second",
            ErrorFor("""{"type":"cron","expression":"0 3 * * *","hour":3,"minute":0}""", "schedule.expression"));

    [Theory]
    [InlineData("61 * * * *", "'61 * * * *' is not a valid cron expression: Minutes: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("* * *", "'* * *' has 3 fields; a cron expression has 5 (minute hour day month day_of_week) or 6 with seconds first")]
    [InlineData("H * * * *", "'H * * * *' uses H (hashed values), which Kairos does not support; write the value itself")]
    [InlineData("", "must not be empty")]
    public void Invalid_crontab_expression(string expression, string message) =>
        Assert.Equal(message, ErrorFor($$"""{"type":"cron","expression":"{{expression}}"}""", "schedule.expression"));

    [Fact]
    public void Expression_not_a_string() =>
        Assert.Equal("must be a string such as \"30 15 * * 1-5\"", ErrorFor("""{"type":"cron","expression":5}""", "schedule.expression"));

    [Theory]
    [InlineData("cron", "\"hour\":3,")]
    [InlineData("interval", "\"hours\":1,")]
    public void End_date_before_start_date(string type, string fields) =>
        Assert.Equal("end_date 2026-01-01T00:00:00+08:00 is before start_date 2026-02-01T00:00:00+08:00",
            ErrorFor($$"""{"type":"{{type}}",{{fields}}"start_date":"2026-02-01","end_date":"2026-01-01"}""", "schedule.end_date"));

    [Theory]
    [InlineData("""{"type":"interval"}""")]
    [InlineData("""{"type":"interval","hours":0,"minutes":0}""")]
    public void All_zero_interval(string json) =>
        Assert.Equal("an interval needs a length: set at least one of weeks, days, hours, minutes or seconds above 0", ErrorFor(json, "schedule"));

    [Fact]
    public void Negative_interval_component() =>
        Assert.Equal("-1 must not be negative", ErrorFor("""{"type":"interval","hours":-1}""", "schedule.hours"));

    [Fact]
    public void Interval_not_whole_seconds() =>
        Assert.Equal("the interval must add up to whole seconds; it is 1.5 s", ErrorFor("""{"type":"interval","seconds":1.5}""", "schedule"));

    [Fact]
    public void Interval_component_not_a_number() =>
        Assert.Equal("must be a number", ErrorFor("""{"type":"interval","hours":"1"}""", "schedule.hours"));

    [Fact]
    public void Interval_too_long() =>
        Assert.Equal("the interval must not be longer than 100 years", ErrorFor("""{"type":"interval","weeks":6000}""", "schedule"));

    [Theory]
    [InlineData("tomorrow", "'tomorrow' is not a date-time; use 2024-12-31, 2024-12-31 23:59:59 (wall clock in the schedule's time zone) or ISO 8601 with an offset such as 2024-12-31T23:59:59+08:00")]
    [InlineData("2024-13-01", "'2024-13-01' is not a calendar date")]
    [InlineData("2023-02-29", "'2023-02-29' is not a calendar date")]
    [InlineData("2024-12-31 24:00:00", "'2024-12-31 24:00:00' has a time of day outside 00:00:00–23:59:59")]
    [InlineData("1969-12-31", "year 1969 is outside 1970–9998")]
    [InlineData("2024-12-31T00:00:00+15:00", "the offset in '2024-12-31T00:00:00+15:00' is outside -14:00–+14:00")]
    public void Malformed_date(string text, string message) =>
        Assert.Equal(message, ErrorFor($$"""{"type":"date","run_date":"{{text}}"}""", "schedule.run_date"));

    [Fact]
    public void Date_not_a_string() =>
        Assert.StartsWith("must be a string; use 2024-12-31", ErrorFor("""{"type":"cron","hour":1,"start_date":20240101}""", "schedule.start_date"));

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Eastern Standard Time")]
    [InlineData("localtime")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public void Unknown_time_zone(string zone) =>
        Assert.Equal($"'{zone}' is not a known IANA time zone; use a name such as Asia/Shanghai, Europe/Berlin or UTC",
            ErrorFor($$"""{"type":"cron","hour":1,"timezone":"{{zone}}"}""", "schedule.timezone"));

    [Fact]
    public void Time_zone_not_a_string() =>
        Assert.Equal("must be a string naming an IANA time zone, such as Asia/Shanghai", ErrorFor("""{"type":"date","timezone":8}""", "schedule.timezone"));

    [Theory]
    [InlineData("-1", "-1 must not be negative")]
    [InlineData("1.5", "1.5 is not a whole number of seconds")]
    [InlineData("\"5\"", "must be a number of seconds")]
    public void Invalid_jitter(string value, string message) =>
        Assert.Equal(message, ErrorFor($$"""{"type":"interval","hours":1,"jitter":{{value}}}""", "schedule.jitter"));

    [Fact]
    public void Missing_event_type() =>
        Assert.StartsWith("is required: the event type to run on", ErrorFor("""{"type":"event"}""", "schedule.event_type"));

    [Theory]
    [InlineData("fund..nav")]
    [InlineData("fund nav")]
    [InlineData("fund.nav.")]
    [InlineData("fund.n*v")]
    [InlineData("")]
    public void Malformed_event_type(string eventType) =>
        Assert.StartsWith($"'{eventType}' is not an event type: use dotted segments", ErrorFor($$"""{"type":"event","event_type":"{{eventType}}"}""", "schedule.event_type"));

    [Fact]
    public void Event_filter_not_a_string() =>
        Assert.StartsWith("must be a string: a condition over the event", ErrorFor("""{"type":"event","event_type":"a.b","filter":true}""", "schedule.filter"));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = TryParse("""{"type":"cron","hour":25,"minute":"x","timezone":"Nowhere/City","jitter":-1,"color":"red"}""");
        Assert.Equal(["schedule.color", "schedule.hour", "schedule.jitter", "schedule.minute", "schedule.timezone"], result.Errors.Keys.Order());
        Assert.Null(result.Schedule);
    }

    [Fact]
    public void Errors_use_the_given_prefix()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"type":"cron","hour":25}""");
        var result = ScheduleParser.Parse(document.RootElement, new ScheduleContext(TimeZoneInfo.Utc, DefaultNow), "jobs[2].schedule");
        Assert.Equal(["25 is outside 0–23"], result.Errors["jobs[2].schedule.hour"]);
    }

    [Fact]
    public void Null_fields_count_as_absent()
    {
        var schedule = Parse("""{"type":"cron","hour":3,"minute":null,"timezone":null,"start_date":null}""");
        Assert.Equal(["2026-01-02T03:00:00+08:00"], Fires(schedule, "2026-01-01T10:00:00+08:00", 1));
    }

    [Fact]
    public void Time_zone_lookup_takes_IANA_names_only()
    {
        Assert.Equal("Europe/Berlin", ScheduleParser.TryFindTimeZone("Europe/Berlin")?.Id);
        Assert.Null(ScheduleParser.TryFindTimeZone("W. Europe Standard Time"));
        Assert.Null(ScheduleParser.TryFindTimeZone("Nowhere/City"));
    }
}
