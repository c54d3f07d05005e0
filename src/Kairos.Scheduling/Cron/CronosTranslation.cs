using System.Globalization;
using System.Text;
using Cronos;

namespace Kairos.Scheduling;

/// <summary>
/// Writes a field-form schedule as a Cronos expression. <c>*</c>, ranges and steps pass through as written
/// (so <c>*/15</c> stays a step, as Cronos's interval rule expects); what Cronos cannot say (year, ISO week,
/// <c>last fri</c>, <c>2nd mon</c>, lists mixing <c>last</c> with numbers) becomes <c>*</c> there and is checked by
/// a <see cref="CronDateFilter"/>. Both day fields restricted means both must match, in APScheduler and in Cronos.
/// </summary>
internal static class CronosTranslation
{
    public static (CronExpression Expression, string Text, CronDateFilter? Filter) Translate(CronFieldSet fields)
    {
        var dayExpressible = fields[CronFieldName.Day].All(term => term is EveryTerm or RangeTerm) || fields[CronFieldName.Day] is [LastDayTerm];
        var needsFilter = !dayExpressible || !fields.IsUnrestricted(CronFieldName.Year) || !fields.IsUnrestricted(CronFieldName.Week);

        var second = Numeric(fields[CronFieldName.Second], CronField.Get(CronFieldName.Second));
        var text = string.Join(' ',
            Numeric(fields[CronFieldName.Minute], CronField.Get(CronFieldName.Minute)),
            Numeric(fields[CronFieldName.Hour], CronField.Get(CronFieldName.Hour)),
            !dayExpressible ? "*" : fields[CronFieldName.Day] is [LastDayTerm] ? "L" : Numeric(fields[CronFieldName.Day], CronField.Get(CronFieldName.Day)),
            Numeric(fields[CronFieldName.Month], CronField.Get(CronFieldName.Month)),
            Weekdays(fields[CronFieldName.DayOfWeek]));
        var withSeconds = second != "0";
        if (withSeconds)
        {
            text = second + " " + text;
        }
        var expression = CronExpression.Parse(text, withSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        return (expression, text, needsFilter ? new CronDateFilter(fields) : null);
    }

    /// <summary>Numbers, ranges and steps as written; a <c>*</c> inside a list becomes <c>min-max</c> (Cronos lists take no <c>*</c>).</summary>
    private static string Numeric(CronTerm[] terms, CronField field)
    {
        if (terms is [EveryTerm only])
        {
            return only.Step is { } s ? "*/" + Int(s) : "*";
        }
        var text = new StringBuilder();
        foreach (var term in terms)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            text.Append(term switch
            {
                EveryTerm every => $"{Int(field.Min)}-{Int(field.Max)}" + (every.Step is { } s ? "/" + Int(s) : ""),
                RangeTerm { IsSingle: true } single => Int(single.First),
                RangeTerm { Last: null } open => $"{Int(open.First)}/{Int(open.Step ?? 1)}",
                RangeTerm range => $"{Int(range.First)}-{Int(range.Last!.Value)}" + (range.Step is { } s ? "/" + Int(s) : ""),
                _ => throw new InvalidOperationException("not a numeric term"),
            });
        }
        return text.ToString();
    }

    /// <summary>APScheduler numbers weekdays mon=0 … sun=6, Cronos sun=0 … sat=6: the set is renumbered, not the text.</summary>
    private static string Weekdays(CronTerm[] terms)
    {
        var field = CronField.Get(CronFieldName.DayOfWeek);
        var values = new List<int>();
        for (var weekday = 0; weekday <= 6; weekday++)
        {
            if (terms.Any(term => term is EveryTerm every && every.Matches(weekday, field) || term is RangeTerm range && range.Matches(weekday, field)))
            {
                values.Add((weekday + 1) % 7);
            }
        }
        values.Sort();
        return values.Count == 7 ? "*" : string.Join(',', values.Select(Int));
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
