using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kairos.Bench.Harness;

/// <summary>Writes the results as a Markdown report (summary, targets, details) and as JSON with every run.</summary>
public static class ReportWriter
{
    private sealed record Row(string Key, string Metric, string Label, string KairosConfig = Configs.Kairos);

    private static readonly string[] s_columns = [Configs.QuartzDefault, Configs.QuartzTuned, Configs.Coravel, Configs.Floor];

    public static string Markdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var plan = report.Plan;
        var m = report.Machine;
        md.AppendLine(CultureInfo.InvariantCulture, $"# Kairos benchmark{(plan.Quick ? " (quick smoke run: tiny sizes, one repetition — not a measurement)" : "")}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {report.Started:yyyy-MM-dd HH:mm} UTC, {(report.Finished - report.Started).TotalMinutes:0.0} min. Command: `{report.Command}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cores} cores ({m.Cpu}), {m.MemoryGb:0.#} GB memory, {m.Runtime}, {m.Os}, {m.Gc} GC; one 4 KiB write + fsync on the data disk: {m.FsyncMicroseconds:0} µs; load average {m.LoadAverageAtStart} at start, {m.LoadAverageAtEnd} at the end.");
        md.AppendLine();
        var loads = report.Cases.SelectMany(c => c.Runs).Select(r => r.LoadAverage).Where(double.IsFinite).Order().ToArray();
        if (loads.Length > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Load on the machine when each run started (one-minute load average over {m.Cores} cores): median {loads[loads.Length / 2]:0.0}, range {loads[0]:0.0}–{loads[^1]:0.0}. A load above the core count means other processes competed for the CPU: lags and throughputs are then pessimistic; CPU time and allocations per fire are the steadier figures.");
            md.AppendLine();
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: every configuration runs in its own process, configurations interleaved, {plan.Repetitions} repetition(s); each figure is the median over repetitions. W1: {plan.WarmupSeconds:0.#} s warm-up, {plan.MeasureSeconds:0.#} s measured; lag = body start − scheduled time. Kairos runs with default `EngineOptions` (every run recorded in SQLite, `synchronous=FULL`) unless labelled otherwise.");
        md.AppendLine();

        md.AppendLine("## Summary: Kairos against its peers");
        md.AppendLine();
        md.AppendLine("| scenario | figure | " + string.Join(" | ", s_columns.Select(Configs.Display)) + " | Kairos | target | met | Kairos ÷ Quartz tuned | Kairos ÷ Coravel |");
        md.AppendLine("| --- | --- | " + string.Join(" | ", s_columns.Select(_ => "---:")) + " | ---: | --- | --- | ---: | ---: |");
        var targets = Target.For(plan).ToList();
        foreach (var row in SummaryRows(report))
        {
            var title = report.Cases.FirstOrDefault(c => c.Key == row.Key)?.Title ?? row.Key;
            var kairos = report.Find(row.Key, row.KairosConfig);
            var target = targets.FirstOrDefault(t => t.Key == row.Key && t.Config == row.KairosConfig && t.Metric == row.Metric);
            var cells = s_columns.Select(c => Cell(report.Find(row.Key, c), row.Metric));
            var met = target?.Met(kairos) switch { true => "yes", false => "**no**", null => "" };
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {ShortTitle(title)} | {row.Label} | {string.Join(" | ", cells)} | **{Cell(kairos, row.Metric)}** | {target?.Label ?? ""} | {met} | {Ratio(kairos, report.Find(row.Key, Configs.QuartzTuned), row.Metric)} | {Ratio(kairos, report.Find(row.Key, Configs.Coravel), row.Metric)} |");
        }
        md.AppendLine();
        md.AppendLine("Ratios are Kairos ÷ peer from the same invocation: below 1 is better for lag, memory and CPU; above 1 is better for throughput. \"cannot\" = the configuration cannot express the scenario; \"—\" = not part of that peer's comparison.");
        md.AppendLine();

        md.AppendLine("## Targets (Kairos)");
        md.AppendLine();
        md.AppendLine("| scenario | configuration | target | median | met |");
        md.AppendLine("| --- | --- | --- | ---: | --- |");
        foreach (var target in targets)
        {
            var summary = report.Find(target.Key, target.Config);
            if (summary is null)
            {
                continue;
            }
            var verdict = summary.Status == "unsupported" ? "cannot run (see notes)" : target.Met(summary) switch { true => "yes", false => "**no**", null => "not measured" };
            md.AppendLine(CultureInfo.InvariantCulture, $"| {ShortTitle(summary.Title)} | {Configs.Display(target.Config)} | {target.Label} | {Cell(summary, target.Metric)} | {verdict} |");
        }
        md.AppendLine();

        md.AppendLine("## Details");
        foreach (var group in report.Cases.GroupBy(c => c.Key))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {group.First().Title}");
            md.AppendLine();
            var metrics = group.SelectMany(c => c.Median.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            md.AppendLine("| configuration | status | " + string.Join(" | ", metrics) + " |");
            md.AppendLine("| --- | --- | " + string.Join(" | ", metrics.Select(_ => "---:")) + " |");
            foreach (var summary in group)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Configs.Display(summary.Config)} | {summary.Status} ({summary.Runs.Count(r => r.Result.Status == "ok")}/{Math.Max(summary.Runs.Count, 1)}) | {string.Join(" | ", metrics.Select(metric => Cell(summary, metric)))} |");
            }
            foreach (var summary in group.Where(s => s.Notes.Count > 0))
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Configs.Display(summary.Config)}: {string.Join("; ", summary.Notes)}");
            }
        }
        if (report.Templates.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Template databases (jobs created once through the job service, copied for each Kairos process): " +
                string.Join(", ", report.Templates.Select(t => $"{t.Key} in {t.Value:0.0} s")) + ".");
        }
        return md.ToString();
    }

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Json(BenchReport report) => JsonSerializer.Serialize(report, s_json);

    /// <summary>Reads a report written by <see cref="Json"/> (to render its Markdown again).</summary>
    public static BenchReport ReadJson(string json) =>
        JsonSerializer.Deserialize<BenchReport>(json, s_json) ?? throw new InvalidDataException("not a benchmark report");

    private static IEnumerable<Row> SummaryRows(BenchReport report)
    {
        foreach (var key in report.Cases.Select(c => c.Key).Distinct(StringComparer.Ordinal).Where(k => k.StartsWith("w1-", StringComparison.Ordinal)))
        {
            yield return new Row(key, "lag_p99_ms", "p99 lag (ms)");
            yield return new Row(key, "lag_p50_ms", "p50 lag (ms)");
            yield return new Row(key, "missed", "missed fires");
            yield return new Row(key, "every_run_recorded", "every run recorded (1 = yes)");
            yield return new Row(key, "peak_working_set_mb", "peak working set (MB)");
            yield return new Row(key, "peak_gc_heap_mb", "peak GC heap (MB)");
            yield return new Row(key, "cpu_per_fire_us", "CPU per fire (µs)");
            yield return new Row(key, "alloc_per_fire_bytes", "allocated per fire (bytes)");
            if (report.Cases.Any(c => c.Key == key && c.Config == Configs.KairosHistoryOff))
            {
                yield return new Row(key, "cpu_per_fire_us", "CPU per fire (µs), history OFF", Configs.KairosHistoryOff);
                yield return new Row(key, "peak_working_set_mb", "peak working set (MB), history OFF", Configs.KairosHistoryOff);
            }
        }
        yield return new Row("w2", "throughput_per_s", "throughput (jobs/s), history on");
        yield return new Row("w2", "throughput_per_s", "throughput (jobs/s), history OFF", Configs.KairosHistoryOff);
        yield return new Row("w2", "lag_p99_ms", "p99 start lag (ms)");
        yield return new Row("w2", "peak_working_set_mb", "peak working set (MB)");
        yield return new Row("w3", "start_to_first_fire_ms", "process start → first fire (ms)");
        yield return new Row("w4", "events_per_s", "events/s");
        yield return new Row("w4", "handler_lag_p99_ms", "p99 publish → handler (ms)");
        yield return new Row("w4", "durable_lag_p99_ms", "p99 publish → durable (ms)");
        yield return new Row("w5", "create_p99_ms", "create job p99 (ms)");
        yield return new Row("w5", "list_p99_ms", "list all jobs p99 (ms)");
    }

    private static string ShortTitle(string title) => title.Replace("(all N due on each whole second)", "(all due on the second)", StringComparison.Ordinal);

    private static string Cell(CaseSummary? summary, string metric) => summary switch
    {
        null => "—",
        { Status: "unsupported" } => "cannot",
        { Status: "failed" or "not run" } => "failed",
        _ => Format(summary[metric], metric),
    };

    private static string Ratio(CaseSummary? kairos, CaseSummary? peer, string metric) =>
        kairos?[metric] is { } k && peer?[metric] is { } p && p != 0 && !metric.StartsWith("every", StringComparison.Ordinal) && metric != "missed"
            ? "×" + (k / p).ToString(k / p >= 10 ? "0" : k / p >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture)
            : "";

    public static string Format(double? value, string metric)
    {
        if (value is not { } v)
        {
            return "";
        }
        if (metric.EndsWith("per_s", StringComparison.Ordinal))
        {
            return v >= 1_000_000 ? (v / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " M" : (v / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " k";
        }
        if (metric.EndsWith("_bytes", StringComparison.Ordinal))
        {
            return v.ToString("#,0", CultureInfo.InvariantCulture);
        }
        if (metric.EndsWith("_ms", StringComparison.Ordinal) || metric.EndsWith("_us", StringComparison.Ordinal) || metric.EndsWith("_mb", StringComparison.Ordinal) || metric.EndsWith("_s", StringComparison.Ordinal))
        {
            return Math.Abs(v) >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : Math.Abs(v) >= 10 ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);
        }
        return v == Math.Floor(v) ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);
    }
}

/// <summary>Everything one harness invocation measured.</summary>
public sealed record BenchReport(string Command, DateTimeOffset Started, DateTimeOffset Finished, MachineInfo Machine, BenchPlan Plan, IReadOnlyList<CaseSummary> Cases, IReadOnlyDictionary<string, double> Templates)
{
    public CaseSummary? Find(string key, string config) => Cases.FirstOrDefault(c => c.Key == key && c.Config == config);
}
