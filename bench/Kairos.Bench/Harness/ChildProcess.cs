using System.Diagnostics;
using System.Text;
using Kairos.Bench.Measurement;

namespace Kairos.Bench.Harness;

/// <summary>
/// Launches this harness's own built dll as <c>dotnet &lt;dll&gt; --child &lt;scenario&gt; &lt;config&gt; key=value…</c> and
/// reads its result line. A child past its deadline is killed (only that process, by its id) and reported failed.
/// With <c>runtimeConfig</c>, the child runs under that runtime configuration instead of the harness's own
/// (<c>dotnet exec --runtimeconfig</c>): Kairos is measured with the settings its server ships with.
/// </summary>
public static class ChildProcess
{
    public static string OwnDll => typeof(ChildProcess).Assembly.Location;

    public static async Task<(ChildResult Result, TimeSpan Wall)> RunAsync(string scenario, string config, IEnumerable<string> settings, TimeSpan deadline, Action<ProcessStartInfo>? configure = null, string? runtimeConfig = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runtimeConfig is not null)
        {
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add("--runtimeconfig");
            info.ArgumentList.Add(runtimeConfig);
        }
        info.ArgumentList.Add(OwnDll);
        info.ArgumentList.Add("--child");
        info.ArgumentList.Add(scenario);
        info.ArgumentList.Add(config);
        foreach (var setting in settings)
        {
            info.ArgumentList.Add(setting);
        }
        configure?.Invoke(info);

        var errors = new StringBuilder();
        ChildResult? result = null;
        var started = Stopwatch.GetTimestamp();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ChildResult.TryParse(line) is { } parsed)
            {
                result = parsed;
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    if (errors.Length < 8_000)
                    {
                        errors.AppendLine(line);
                    }
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            return (ChildResult.Failed($"killed after {deadline.TotalSeconds:0} s; stderr: {Tail(errors)}"), Stopwatch.GetElapsedTime(started));
        }
        var wall = Stopwatch.GetElapsedTime(started);
        if (result is null)
        {
            return (ChildResult.Failed($"exit code {process.ExitCode} without a result; stderr: {Tail(errors)}"), wall);
        }
        if (result.Status == "failed")
        {
            result.Note("stderr: " + Tail(errors));
        }
        return (result, wall);
    }

    private static string Tail(StringBuilder errors)
    {
        lock (errors)
        {
            var text = errors.ToString().Trim();
            return text.Length <= 1_500 ? text : "…" + text[^1_500..];
        }
    }
}
