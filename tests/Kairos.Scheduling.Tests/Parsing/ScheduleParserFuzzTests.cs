using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Kairos.Scheduling.Tests.Parsing;

/// <summary>Random JSON objects built from schedule-like keys and tricky values.</summary>
public static class JunkScheduleArbitraries
{
    private static readonly string[] s_keys =
    [
        "type", "year", "month", "day", "week", "day_of_week", "hour", "minute", "second", "expression", "start_date",
        "end_date", "timezone", "jitter", "weeks", "days", "hours", "minutes", "seconds", "run_date", "event_type", "filter", "x",
    ];

    private static readonly string[] s_strings =
    [
        "cron", "interval", "date", "event", "", " ", "*", "*/0", "*/7", "1-5", "5-1", "mon-fri", "sat-mon", "last", "last fri",
        "5th fri", "fri#2", "1,,2", "L", "W", "?", "H", "@hourly", "@reboot", "0 0 * * *", "* * * * * *", "0 0 31 2 *",
        "2024-12-31", "2024-12-31 23:59:59", "2024-02-30", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00+14:00", "tomorrow",
        "Asia/Shanghai", "Pacific/Apia", "America/New_York", "UTC", "Nowhere/City", "../x", "fund.nav.updated", "a..b", "#",
        "99999999999999999999", "-1", "1e400", "\u0000", "日本", "١٢", "2024-12-31T23:59:59.123456789-14:00",
    ];

    public static Arbitrary<string> Objects() => Object(2).Select(node => node.ToJsonString()).ToArbitrary();

    private static Gen<JsonNode?> Value(int depth)
    {
        var leaves = new List<(int, Gen<JsonNode?>)>
        {
            (6, Gen.Elements(s_strings).Select(s => (JsonNode?)JsonValue.Create(s))),
            (3, Gen.Elements(0m, 1m, -1m, 2.5m, 1.5m, 59m, 60m, 1970m, 9999m, 1e20m, -1e20m, 0.0000001m).Select(d => (JsonNode?)JsonValue.Create(d))),
            (1, Gen.Choose(-100, 100).Select(i => (JsonNode?)JsonValue.Create(i))),
            (1, Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Constant((JsonNode?)null)),
        };
        if (depth > 0)
        {
            leaves.Add((1, Object(depth - 1).Select(o => (JsonNode?)o)));
            leaves.Add((1, Value(0).ListOf(2).Select(list => (JsonNode?)new JsonArray(list.Select(n => n?.DeepClone()).ToArray()))));
        }
        return Gen.Frequency(leaves);
    }

    private static Gen<JsonObject> Object(int depth) =>
        Gen.Zip(Gen.Elements(s_keys), Value(depth)).ListOf().Select(pairs =>
        {
            var json = new JsonObject();
            foreach (var (key, value) in pairs)
            {
                json[key] = value?.DeepClone();
            }
            if (pairs.Count > 0 && !json.ContainsKey("type"))
            {
                json["type"] = (pairs.Count % 4) switch { 0 => "cron", 1 => "interval", 2 => "date", _ => "event" };
            }
            return json;
        });
}

/// <summary>No input makes the parser, or a schedule it accepted, throw.</summary>
public class ScheduleParserFuzzTests
{
    private static readonly ScheduleContext s_context = new(TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch.AddYears(56));

    [Property(MaxTest = 300, Arbitrary = [typeof(JunkScheduleArbitraries)])]
    public void Random_objects_never_throw(string json)
    {
        using var document = JsonDocument.Parse(json);
        Exercise(document.RootElement);
    }

    [Fact]
    public void Mutated_valid_schedules_never_throw()
    {
        string[] seeds =
        [
            """{"type":"cron","day":"last fri","hour":"*/2","timezone":"America/New_York","start_date":"2026-03-08 02:30:00"}""",
            """{"type":"cron","expression":"0 0 L * *","jitter":5,"end_date":"2030-01-01T00:00:00Z"}""",
            """{"type":"interval","weeks":1,"minutes":1.5,"start_date":"2026-01-01T00:00:00+08:00"}""",
            """{"type":"date","run_date":"2024-12-31 23:59:59","timezone":"Pacific/Apia"}""",
            """{"type":"event","event_type":"fund.#","filter":"x > 1"}""",
        ];
        var random = new Random(20260308);
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(seeds[i % seeds.Length]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, "0123456789-*/,: Lx#\"{}"[random.Next(22)]); break;
                    default: text[at] = "0123456789-*/,: aZ"[random.Next(18)]; break;
                }
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text.ToString());
            }
            catch (JsonException)
            {
                continue; // not JSON: the HTTP layer rejects it before the parser sees it
            }
            using (document)
            {
                Exercise(document.RootElement);
            }
        }
    }

    private static void Exercise(JsonElement json)
    {
        var result = ScheduleParser.Parse(json, s_context);
        Assert.Equal(result.IsValid, result.Errors.Count == 0);
        if (result.Schedule is { } schedule)
        {
            _ = SchedulePreview.Compute(schedule, s_context.Now, 5);
            _ = schedule.CountFires(s_context.Now, s_context.Now.AddDays(2), 100);
            _ = schedule.GetNextFireTime(DateTimeOffset.MaxValue);
            _ = schedule.GetFirstFireTime(DateTimeOffset.MinValue);
            using var again = JsonDocument.Parse(schedule.ToString());
            Assert.True(ScheduleParser.Parse(again.RootElement, s_context).IsValid);
        }
        else
        {
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, pair => Assert.All(pair.Value, message => Assert.False(string.IsNullOrWhiteSpace(message))));
        }
    }
}
