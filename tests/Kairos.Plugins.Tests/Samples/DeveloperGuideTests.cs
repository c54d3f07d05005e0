using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Samples;

/// <summary>The plugin and task of docs/plugins.md, compiled and run as written.</summary>
public sealed partial class DeveloperGuideTests
{
    [Fact]
    public async Task The_guide_s_plugin_and_task_compile_load_run_publish_and_receive_their_event()
    {
        var guide = File.ReadAllText(FindGuide());
        var blocks = CSharpBlock().Matches(guide).Select(m => m.Groups[1].Value).ToList();
        // The blocks as written; only their using lines are gathered at the top, and the stand-in for real work defined.
        var code = string.Join("\n", blocks[0], blocks[1]).Split('\n');
        var source = string.Join("\n", code.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Distinct())
            + "\nusing System; using System.Net.Http; using System.Threading; using System.Threading.Tasks;\n"
            + string.Join("\n", code.Where(l => !l.StartsWith("using ", StringComparison.Ordinal)))
            + "\n";
        source = source.Replace("await DoWorkAsync(param, cancellationToken)", "await Task.FromResult(param.ToUpperInvariant())", StringComparison.Ordinal);
        await using var h = PluginHarness.Create();
        h.AddPlugin("my_plugin", source, PluginCompiler.Manifest("my_plugin", assembly: "Test.my_plugin.dll"));
        await h.Manager.LoadAllAsync();
        Assert.Equal(PluginState.Loaded, h.Info("my_plugin").State);
        Assert.Equal(1, h.Host.SubscriptionCount);

        var result = await h.Host.RunAsync("my_task", new JsonObject { ["param"] = "abc" });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("ABC", result.Data!["result"]!.GetValue<string>());
        Assert.Contains("Executing my task", h.Host.LastRunLog);
        var completed = Assert.Single(h.Host.Events, e => e.Type == "my.task.completed");
        Assert.Equal("my_plugin", completed.Source);
        Assert.Equal("abc", completed.Data!.Value.GetProperty("param").GetString());
    }

    private static string FindGuide()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "plugins.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/plugins.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
