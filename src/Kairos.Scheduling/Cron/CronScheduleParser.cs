using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;

namespace Kairos.Scheduling;

/// <summary>Reads and validates a <c>cron</c> schedule object in either form.</summary>
internal static class CronScheduleParser
{
    private static readonly string[] s_shared = ["start_date", "end_date", "timezone", "jitter"];
    private static readonly string[] s_fieldForm = ["type", .. CronField.All.Select(f => f.JsonName), .. s_shared, "expression"];

    public static CronSchedule? Parse(ScheduleJson json, ScheduleContext context)
    {
        var errors = json.Errors;
        json.RejectUnknown("cron", s_fieldForm);
        var zone = json.ReadTimeZone(context);
        var timeline = ZoneTimeline.For(zone);
        var jitter = json.ReadJitter();
        var (start, end) = json.ReadDateRange(timeline);

        var definition = new JsonObject { ["type"] = "cron" };
        CronFireSequence? sequence = null;
        string cronosText = "";
        var intervalLike = false;
        if (json.Get("expression") is { } expression)
        {
            var fieldsGiven = CronField.All.Where(f => json.Has(f.JsonName)).Select(f => f.JsonName).ToArray();
            if (fieldsGiven.Length > 0)
            {
                errors.Add("expression", $"cannot be combined with the field form ({string.Join(", ", fieldsGiven)}); use either expression or the fields year … second");
            }
            else if (expression.ValueKind != JsonValueKind.String)
            {
                errors.Add("expression", "must be a string such as \"30 15 * * 1-5\"");
            }
            else if (CrontabExpression.TryParse(expression.GetString()!, out var cron, out intervalLike) is { } error)
            {
                errors.Add("expression", error);
            }
            else
            {
                cronosText = expression.GetString()!.Trim(' ', '\t');
                definition["expression"] = cronosText;
                sequence = new CronFireSequence(new WallClockMatcher(cron!, null), intervalLike, timeline);
            }
        }
        else if (ParseFields(json, definition) is { } fields)
        {
            try
            {
                var (cron, text, filter) = CronosTranslation.Translate(fields);
                cronosText = text;
                intervalLike = fields.IsIntervalLike;
                sequence = new CronFireSequence(new WallClockMatcher(cron, filter), intervalLike, timeline);
            }
            catch (CronFormatException ex)
            {
                // Validation above should make this unreachable; report rather than throw.
                errors.Add("", $"could not be translated to a cron expression: {ex.Message}");
            }
        }
        return errors.HasErrors || sequence is null
            ? null
            : new CronSchedule(zone, jitter, sequence, cronosText, intervalLike, start, end, definition);
    }

    private static CronFieldSet? ParseFields(ScheduleJson json, JsonObject definition)
    {
        var given = new Dictionary<CronFieldName, CronTerm[]>();
        var ok = true;
        foreach (var field in CronField.All)
        {
            if (json.Get(field.JsonName) is not { } value)
            {
                continue;
            }
            var name = field.JsonName;
            void Error(string message) => json.Errors.Add(name, message);
            string? text = null;
            if (value.ValueKind == JsonValueKind.String)
            {
                text = value.GetString()!;
                definition[name] = text.Trim();
            }
            else if (value.ValueKind == JsonValueKind.Number)
            {
                if (!value.TryGetDecimal(out var number) || number != decimal.Truncate(number))
                {
                    Error($"{DateTimeText.Shorten(value.GetRawText())} is not a whole number");
                }
                else if (number < 0 || number > int.MaxValue)
                {
                    Error($"{number.ToString(CultureInfo.InvariantCulture)} is outside {field.RangeText}");
                }
                else
                {
                    text = ((long)number).ToString(CultureInfo.InvariantCulture);
                    definition[name] = (long)number;
                }
            }
            else
            {
                Error("must be a number or a string such as \"*/15\" or \"mon-fri\"");
            }
            var terms = text is null ? null : CronFieldParser.Parse(field, text, Error);
            if (terms is null)
            {
                ok = false;
                continue;
            }
            given[field.Name] = terms;
        }
        return ok ? CronFieldSet.Fill(given) : null;
    }
}
