using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Loading;

/// <summary>A plugin's own libraries load from its folder, into its own context: two plugins may ship different copies of one library.</summary>
public sealed class PrivateDependencyTests
{
    [Fact]
    public async Task Each_plugin_loads_its_own_copy_of_a_library_from_its_folder()
    {
        await using var h = PluginHarness.Create();
        AddWithLibrary(h, "pa", "first copy");
        AddWithLibrary(h, "pb", "second copy");

        await h.Manager.LoadAllAsync();

        Assert.Equal("first copy", (await h.Host.RunAsync("pa_echo")).Data!["text"]!.GetValue<string>());
        Assert.Equal("second copy", (await h.Host.RunAsync("pb_echo")).Data!["text"]!.GetValue<string>());
    }

    private static void AddWithLibrary(PluginHarness h, string id, string text)
    {
        var folder = Path.Combine(h.Plugins, id);
        Directory.CreateDirectory(folder);
        var library = Path.Combine(folder, "Test.Lib.dll");
        File.WriteAllBytes(library, PluginCompiler.Compile("Test.Lib", $$"""namespace Test.Lib; public static class Words { public static string Text => "{{text}}"; }"""));
        h.AddPlugin(id, PluginCompiler.PluginSource(id, "1.0.0", $$"""plugin.AddTask(new EchoTask("{{id}}_echo", Test.Lib.Words.Text));"""), references: library);
    }
}
