using System.Globalization;

namespace Kairos.Scheduling;

/// <summary>The eight fields of a field-form cron schedule after APScheduler 3's defaults are filled in.</summary>
internal sealed class CronFieldSet
{
    private readonly CronTerm[][] _terms;

    private CronFieldSet(CronTerm[][] terms) => _terms = terms;

    public CronTerm[] this[CronFieldName name] => _terms[(int)name];

    /// <summary>
    /// APScheduler 3's rule: fields smaller than the smallest given field take their minimum (<c>{"hour":3}</c> is
    /// 03:00:00 daily), all others are <c>*</c> (<c>{"month":6}</c> is 1 June 00:00:00). No field at all is every second.
    /// </summary>
    public static CronFieldSet Fill(IReadOnlyDictionary<CronFieldName, CronTerm[]> given)
    {
        var smallestGiven = given.Count == 0 ? int.MaxValue : given.Keys.Max(name => (int)name);
        var terms = new CronTerm[CronField.All.Length][];
        foreach (var field in CronField.All)
        {
            var index = (int)field.Name;
            terms[index] = given.TryGetValue(field.Name, out var value) ? value
                : index > smallestGiven ? Default(field)
                : [new EveryTerm(null)];
        }
        return new CronFieldSet(terms);
    }

    /// <summary>
    /// Interval-like in Cronos's sense: the second, minute or hour field holds <c>*</c>, a range or a step.
    /// Such schedules fire again in the repeated hour of a fall-back; the others fire there once.
    /// </summary>
    public bool IsIntervalLike =>
        new[] { CronFieldName.Second, CronFieldName.Minute, CronFieldName.Hour }
            .Any(name => this[name].Any(term => term is not RangeTerm { IsSingle: true }));

    /// <summary>True when the field is <c>*</c> without a step (no restriction).</summary>
    public bool IsUnrestricted(CronFieldName name) => this[name] is [EveryTerm { Step: null }];

    private static CronTerm[] Default(CronField field)
    {
        if (field.Default == "*")
        {
            return [new EveryTerm(null)];
        }
        var value = int.Parse(field.Default, CultureInfo.InvariantCulture);
        return [new RangeTerm(value, value, null)];
    }
}
