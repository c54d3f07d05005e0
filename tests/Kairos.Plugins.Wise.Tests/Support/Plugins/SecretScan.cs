using System.Text.Json;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Sdk.Tasks;

namespace Kairos.Plugins.Sync.Testing;

/// <summary>
/// Asserts that no secret appears anywhere a plugin run leaves text: every captured log entry (all categories, Trace),
/// each run's error, result and log lines, and every published event.
/// </summary>
internal static class SecretScan
{
    public static void AssertAbsent(IEnumerable<string> secrets, PluginTestHost host, List<(TaskResult Result, TestTaskContext Context)> runs)
    {
        var texts = new List<string> { host.Logs.AllText };
        lock (runs)
        {
            foreach (var (result, context) in runs)
            {
                texts.Add(result.Error ?? "");
                texts.Add(result.Data?.ToJsonString() ?? "");
                texts.AddRange(context.Lines);
            }
        }
        lock (host.Events)
        {
            texts.AddRange(host.Events.Select(e => JsonSerializer.Serialize(e)));
        }
        foreach (var secret in secrets)
        {
            foreach (var text in texts)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
