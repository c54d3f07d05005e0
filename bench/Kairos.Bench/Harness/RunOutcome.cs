using Kairos.Bench.Measurement;

namespace Kairos.Bench.Harness;

/// <summary>One child run's outcome, as kept in the JSON results.</summary>
/// <remarks><see cref="LoadAverage"/> is the machine's one-minute load when the run started: the machine may be shared.</remarks>
public sealed record RunOutcome(string Key, string Config, int Repetition, double WallSeconds, double LoadAverage, ChildResult Result);

/// <summary>All runs of one scenario × configuration, with the median of every figure.</summary>
public sealed record CaseSummary(string Key, string Title, string Config, string Status, IReadOnlyList<RunOutcome> Runs, IReadOnlyDictionary<string, double?> Median, IReadOnlyList<string> Notes)
{
    public double? this[string metric] => Median.TryGetValue(metric, out var value) ? value : null;

    public static CaseSummary From(BenchCase benchCase, IReadOnlyList<RunOutcome> runs)
    {
        if (benchCase.Unsupported is { } reason)
        {
            return new CaseSummary(benchCase.Key, benchCase.Title, benchCase.Config, "unsupported", runs, new Dictionary<string, double?>(), [reason]);
        }
        var ok = runs.Where(r => r.Result.Status == "ok").ToList();
        var status = ok.Count == runs.Count && ok.Count > 0 ? "ok" : ok.Count > 0 ? "partial" : runs.FirstOrDefault()?.Result.Status ?? "not run";
        var metrics = ok.SelectMany(r => r.Result.Metrics.Keys).Distinct(StringComparer.Ordinal);
        var median = metrics.ToDictionary(m => m, m => Percentiles.Median(ok.Select(r => r.Result.Metrics.GetValueOrDefault(m))), StringComparer.Ordinal);
        var notes = runs.SelectMany(r => r.Result.Notes.Select(n => r.Result.Status == "ok" ? n : $"rep {r.Repetition}: {n}")).Distinct(StringComparer.Ordinal).ToList();
        return new CaseSummary(benchCase.Key, benchCase.Title, benchCase.Config, status, runs, median, notes);
    }
}
