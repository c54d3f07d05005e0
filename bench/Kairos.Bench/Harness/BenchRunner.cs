using System.Globalization;
using Kairos.Bench.Measurement;
using Kairos.Bench.Scenarios;

namespace Kairos.Bench.Harness;

/// <summary>
/// The parent process: prepares the template databases, runs every case in its own child process (repetition by
/// repetition, so configurations interleave), and writes the report to <c>bench/results/</c>.
/// </summary>
public static class BenchRunner
{
    public static async Task<int> RunAsync(BenchPlan plan, RunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var started = Clock.Now;
        var workRoot = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "kairos-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(workRoot);
        var machine = MachineInfo.Capture(workRoot);
        Console.WriteLine($"Kairos bench ({(plan.Quick ? "quick" : "full")}): {machine.Cores} cores, {machine.MemoryGb} GB, {machine.Runtime}, load {machine.LoadAverageAtStart}, fsync {machine.FsyncMicroseconds} µs");
        var cases = plan.Cases(options.ServerDll, options.Only).Where(c => options.Configs is null || options.Configs.Contains(c.Config)).ToList();
        var templates = await PrepareTemplatesAsync(plan, cases, workRoot).ConfigureAwait(false);

        var outcomes = new List<RunOutcome>();
        var runnable = cases.Where(c => c.Unsupported is null).ToList();
        var total = runnable.Count * plan.Repetitions;
        var done = 0;
        for (var rep = 1; rep <= plan.Repetitions; rep++)
        {
            foreach (var benchCase in runnable)
            {
                done++;
                var outcome = await RunCaseAsync(benchCase, rep, workRoot, plan, options.ServerDll).ConfigureAwait(false);
                outcomes.Add(outcome);
                Console.WriteLine($"[{done}/{total}] {benchCase.Key} · {benchCase.Config} · rep {rep}: {Describe(outcome)} ({outcome.WallSeconds:0.0} s, load {outcome.LoadAverage:0.0})");
            }
        }

        machine.LoadAverageAtEnd = MachineInfo.LoadAverage();
        var summaries = cases.Select(c => CaseSummary.From(c, outcomes.Where(o => o.Key == c.Key && o.Config == c.Config).ToList())).ToList();
        var report = new BenchReport(options.Command, started, Clock.Now, machine, plan, summaries, templates);
        var written = Write(report, options.ResultsDirectory, plan.Quick);
        Console.WriteLine($"Results: {string.Join(", ", written)}");
        if (options.WorkDirectory is null)
        {
            TryDelete(workRoot);
        }
        return summaries.Any(s => s.Status is "failed" or "not run") ? 1 : 0;
    }

    // The build of the store assembly (its module version id changes with its code).
    private static readonly string StoreBuild = typeof(global::Kairos.Storage.Sqlite.SqliteKairosStore).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private static async Task<Dictionary<string, double>> PrepareTemplatesAsync(BenchPlan plan, IReadOnlyList<BenchCase> cases, string workRoot)
    {
        var durations = new Dictionary<string, double>(StringComparer.Ordinal);
        var needed = cases.Where(c => c.Template is not null && c.Unsupported is null).Select(c => c.Template!).ToHashSet(StringComparer.Ordinal);
        foreach (var (kind, jobs) in plan.Templates())
        {
            var name = BenchPlan.TemplateName(kind, jobs);
            var directory = Path.Combine(workRoot, name);
            // A template is reused only by the store build that made it: another build may lay the file out
            // differently (page size, indexes), and copies of a stale template would measure that layout instead.
            var builtBy = Path.Combine(directory, "built-by");
            if (!needed.Contains(name) || (File.Exists(Path.Combine(directory, "kairos.db")) && File.Exists(builtBy) && File.ReadAllText(builtBy) == StoreBuild))
            {
                continue;
            }
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            Console.WriteLine($"Creating {name} through the job service…");
            var (result, wall) = await ChildProcess.RunAsync("prepare", kind, [$"n={jobs}", $"template={directory}"], TimeSpan.FromMinutes(15)).ConfigureAwait(false);
            if (result.Status != "ok")
            {
                throw new InvalidOperationException($"template {name} failed: {string.Join("; ", result.Notes)}");
            }
            await File.WriteAllTextAsync(builtBy, StoreBuild).ConfigureAwait(false);
            durations[name] = wall.TotalSeconds;
        }
        return durations;
    }

    /// <summary>The runtime configuration the server was built with (build it first: see the README's command).</summary>
    private static string ServerRuntimeConfig(string serverDll)
    {
        var path = Path.ChangeExtension(serverDll, ".runtimeconfig.json");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the server first (dotnet build src/Kairos.Server -c Release).", path);
    }

    private static async Task<RunOutcome> RunCaseAsync(BenchCase benchCase, int rep, string workRoot, BenchPlan plan, string serverDll)
    {
        var work = Path.Combine(workRoot, $"run-{benchCase.Key}-{benchCase.Config}-{rep.ToString(CultureInfo.InvariantCulture)}");
        TryDelete(work);
        Directory.CreateDirectory(work);
        var settings = new List<string>(benchCase.Settings) { $"work={work}" };
        if (benchCase.Template is { } template)
        {
            settings.Add($"template={Path.Combine(workRoot, template)}");
        }
        if (benchCase.Scenario == "w3")
        {
            // The copy is made here, before the clock starts: W3 times the process, not the copy.
            Kairos.KairosTemplates.CopyTo(Path.Combine(workRoot, benchCase.Template!), work);
            settings.Add($"launch={Clock.Now.UtcTicks.ToString(CultureInfo.InvariantCulture)}");
        }
        var deadline = TimeSpan.FromSeconds(plan.Quick ? 90 : 240);
        var load = MachineInfo.OneMinuteLoad();
        // Kairos runs with its server's runtime settings (GC, thread pool); the peers with the harness's defaults.
        var runtimeConfig = benchCase.Config.StartsWith(Configs.Kairos, StringComparison.Ordinal) ? ServerRuntimeConfig(serverDll) : null;
        var (result, wall) = await ChildProcess.RunAsync(benchCase.Scenario, benchCase.Config, settings, deadline, runtimeConfig: runtimeConfig).ConfigureAwait(false);
        TryDelete(work);
        return new RunOutcome(benchCase.Key, benchCase.Config, rep, Math.Round(wall.TotalSeconds, 2), load, result);
    }

    private static string Describe(RunOutcome outcome)
    {
        var r = outcome.Result;
        if (r.Status != "ok")
        {
            return r.Status + ": " + string.Join("; ", r.Notes).ReplaceLineEndings(" ")[..Math.Min(300, string.Join("; ", r.Notes).Length)];
        }
        string[] keys = ["lag_p99_ms", "missed", "throughput_per_s", "start_to_first_fire_ms", "events_per_s", "handler_lag_p99_ms", "create_p99_ms", "list_p99_ms", "cpu_per_fire_us", "peak_working_set_mb", "runs_succeeded_in_window"];
        return string.Join(", ", keys.Where(k => r.Metrics.ContainsKey(k)).Select(k => $"{k} {ReportWriter.Format(r.Metrics[k], k)}"));
    }

    private static List<string> Write(BenchReport report, string directory, bool quick)
    {
        Directory.CreateDirectory(directory);
        var stamp = report.Started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var names = quick ? new[] { "quick" } : ["latest", stamp];
        var written = new List<string>();
        foreach (var name in names)
        {
            var md = Path.Combine(directory, name + ".md");
            var json = Path.Combine(directory, name + ".json");
            File.WriteAllText(md, ReportWriter.Markdown(report));
            File.WriteAllText(json, ReportWriter.Json(report));
            written.Add(md);
            written.Add(json);
        }
        return written;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Where the harness reads and writes.</summary>
public sealed record RunnerOptions(string Command, string ResultsDirectory, string ServerDll, string? WorkDirectory, ISet<string>? Only, ISet<string>? Configs = null);
