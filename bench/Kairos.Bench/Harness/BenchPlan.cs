using System.Globalization;
using Kairos.Bench.Kairos;

namespace Kairos.Bench.Harness;

/// <summary>One scenario × configuration to run in its own process (or, when <see cref="Unsupported"/> is set, to report as impossible).</summary>
public sealed record BenchCase(string Key, string Title, string Scenario, string Config, IReadOnlyList<string> Settings, string? Template, string? Unsupported = null);

/// <summary>Sizes and durations of a harness run: the full run (<c>--all</c>) or the smoke run (<c>--quick</c>).</summary>
public sealed record BenchPlan
{
    public required bool Quick { get; init; }
    public required int Repetitions { get; init; }
    public required int[] RecurringSizes { get; init; }
    public required double WarmupSeconds { get; init; }
    public required double MeasureSeconds { get; init; }
    public required int OneOffJobs { get; init; }
    public required int OneOffWarmupJobs { get; init; }
    public required int StartupJobs { get; init; }
    public required int Publishers { get; init; }
    public required double BusWarmupSeconds { get; init; }
    public required double BusMeasureSeconds { get; init; }
    public required int ApiJobs { get; init; }
    public required int ApiLists { get; init; }

    public static BenchPlan Full(int repetitions) => new()
    {
        Quick = false,
        Repetitions = repetitions,
        RecurringSizes = [10_000, 100_000],
        WarmupSeconds = 2,
        MeasureSeconds = 7,
        OneOffJobs = 100_000,
        OneOffWarmupJobs = 2_000,
        StartupJobs = 100_000,
        Publishers = 16,
        BusWarmupSeconds = 1,
        BusMeasureSeconds = 5,
        ApiJobs = 10_000,
        ApiLists = 20,
    };

    public static BenchPlan Smoke() => new()
    {
        Quick = true,
        Repetitions = 1,
        RecurringSizes = [1_000],
        WarmupSeconds = 1,
        MeasureSeconds = 1,
        OneOffJobs = 2_000,
        OneOffWarmupJobs = 200,
        StartupJobs = 1_000,
        Publishers = 16,
        BusWarmupSeconds = 0.5,
        BusMeasureSeconds = 1,
        ApiJobs = 600,
        ApiLists = 3,
    };

    /// <summary>Template databases to create once: (kind, jobs).</summary>
    public IEnumerable<(string Kind, int Jobs)> Templates() =>
        RecurringSizes.Append(StartupJobs).Distinct().Select(n => ("interval", n)).Append(("date", OneOffJobs + OneOffWarmupJobs));

    public static string TemplateName(string kind, int jobs) => $"template-{kind}-{jobs.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every case, in the order one repetition runs them (configurations interleaved within each scenario).</summary>
    public IReadOnlyList<BenchCase> Cases(string serverDll, ISet<string>? only)
    {
        var cases = new List<BenchCase>();
        var spreadUnsupported = KairosCapabilities.SubSecondStartDate ? null : KairosCapabilities.WholeSecondReason;
        string F(double value) => value.ToString(CultureInfo.InvariantCulture);
        foreach (var n in RecurringSizes)
        {
            foreach (var shape in new[] { "spread", "grid" })
            {
                var key = $"w1-{shape}-{n.ToString(CultureInfo.InvariantCulture)}";
                var title = $"W1 {(shape == "spread" ? "spread (job k at k/N s)" : "grid (all N due on each whole second)")}, N = {n:N0}";
                string[] settings = [$"n={n}", $"shape={shape}", $"warmup={F(WarmupSeconds)}", $"measure={F(MeasureSeconds)}"];
                // History off runs once, at the largest spread load: it shows what recording every run costs there.
                var historyOff = shape == "spread" && n == RecurringSizes.Max();
                var configs = historyOff
                    ? new[] { Configs.QuartzDefault, Configs.QuartzTuned, Configs.Coravel, Configs.Floor, Configs.Kairos, Configs.KairosHistoryOff }
                    : new[] { Configs.QuartzDefault, Configs.QuartzTuned, Configs.Coravel, Configs.Floor, Configs.Kairos };
                foreach (var config in configs)
                {
                    var unsupported = (shape, config) switch
                    {
                        ("spread", Configs.Coravel) => "cannot: Coravel runs tasks on whole-second ticks (EverySecond at best); no sub-second offset",
                        ("spread", Configs.Kairos or Configs.KairosHistoryOff) => spreadUnsupported,
                        _ => null,
                    };
                    cases.Add(new BenchCase(key, title, "w1", config, settings, config.StartsWith("kairos", StringComparison.Ordinal) ? TemplateName("interval", n) : null, unsupported));
                }
            }
        }
        foreach (var config in new[] { Configs.QuartzDefault, Configs.QuartzTuned, Configs.Coravel, Configs.Floor, Configs.Kairos, Configs.KairosHistoryOff })
        {
            cases.Add(new BenchCase("w2", $"W2 {OneOffJobs:N0} one-off jobs due at one instant", "w2", config, [$"n={OneOffJobs}", $"warmup={OneOffWarmupJobs}"],
                config.StartsWith("kairos", StringComparison.Ordinal) ? TemplateName("date", OneOffJobs + OneOffWarmupJobs) : null));
        }
        cases.Add(new BenchCase("w3", $"W3 start-up with {StartupJobs:N0} stored jobs to the first fire", "w3", Configs.Kairos, [$"n={StartupJobs}"], TemplateName("interval", StartupJobs)));
        cases.Add(new BenchCase("w4", $"W4 event bus publish → handler, persisted, {Publishers} publishers awaiting durability", "w4", Configs.Kairos,
            [$"publishers={Publishers}", $"warmup={F(BusWarmupSeconds)}", $"measure={F(BusMeasureSeconds)}"], null));
        cases.Add(new BenchCase("w5", $"W5 API on the real server: create job (durable), list {ApiJobs:N0} jobs", "w5", Configs.Kairos,
            [$"jobs={ApiJobs}", $"lists={ApiLists}", $"server={serverDll}"], null));
        // "w1" selects every W1 case, "w1-grid" both grid sizes, "w1-grid-10000" that one only.
        return only is null ? cases : cases.Where(c => only.Any(o =>
            c.Key.Equals(o, StringComparison.OrdinalIgnoreCase) || c.Key.StartsWith(o + "-", StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
