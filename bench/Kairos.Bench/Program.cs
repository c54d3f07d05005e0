using System.Globalization;
using Kairos.Bench.Harness;
using Kairos.Bench.Scenarios;

// Kairos benchmark harness. Usage (from the repository root):
//   dotnet run -c Release --project bench/Kairos.Bench -- --all      every scenario, Kairos and peers, 3 repetitions
//   dotnet run -c Release --project bench/Kairos.Bench -- --quick    smoke run: tiny sizes, one repetition
// Also: --render results/latest.json writes that run's Markdown again (after a change to the report's layout).
// Options: --reps N, --only w1-grid,w2 (case key prefixes), --configs kairos,floor, --results DIR, --server DLL,
//          --work DIR (keeps the template databases between invocations; for development).
// Internal: --child <scenario> <config> key=value… is how the harness runs each configuration in its own process.

if (args.Length >= 3 && args[0] == "--child")
{
    return await ChildMain.RunAsync(args[1], args[2], ChildSettings.Parse(args.Skip(3))).ConfigureAwait(false);
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// --render results/latest.json: writes the Markdown of an earlier run again, beside its JSON.
if (Option("--render") is { } jsonPath)
{
    var report = ReportWriter.ReadJson(await File.ReadAllTextAsync(jsonPath).ConfigureAwait(false));
    var markdown = Path.ChangeExtension(jsonPath, ".md");
    await File.WriteAllTextAsync(markdown, ReportWriter.Markdown(report)).ConfigureAwait(false);
    Console.WriteLine($"Rendered {markdown}");
    return 0;
}

if (!args.Contains("--all") && !args.Contains("--quick"))
{
    Console.Error.WriteLine("usage: Kairos.Bench --all | --quick [--reps N] [--only w1,w2] [--configs kairos,floor] [--results DIR] [--server DLL] [--work DIR]");
    return 2;
}

var root = RepositoryRoot();
var plan = args.Contains("--quick")
    ? BenchPlan.Smoke()
    : BenchPlan.Full(int.Parse(Option("--reps") ?? "3", CultureInfo.InvariantCulture));
var options = new RunnerOptions(
    Command: "dotnet run -c Release --project bench/Kairos.Bench -- " + string.Join(' ', args),
    ResultsDirectory: Option("--results") ?? Path.Combine(root, "bench", "results"),
    ServerDll: Option("--server") ?? Path.Combine(root, "src", "Kairos.Server", "bin", "Release", "net10.0", "Kairos.Server.dll"),
    WorkDirectory: Option("--work"),
    Only: Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
    Configs: Option("--configs")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase));
return await BenchRunner.RunAsync(plan, options).ConfigureAwait(false);

// The repository root (holding Kairos.slnx), searched upwards from the working directory, then from this dll.
static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kairos.slnx")))
            {
                return dir.FullName;
            }
        }
    }
    return Directory.GetCurrentDirectory();
}
