using Kairos.Plugins.Tests.Support;


namespace Kairos.Plugins.Tests.Support;

/// <summary>
/// A plugin manager over temp folders (built-in plugins, data plugins, data), a <see cref="TestPluginHost"/>
/// and a fake clock.
/// </summary>
internal sealed class PluginHarness : IAsyncDisposable
{
    private PluginHarness(string root, Func<PluginManagerOptions, PluginManagerOptions>? configure, IDictionary<string, string?>? settings)
    {
        Root = root;
        Directory.CreateDirectory(BuiltIn);
        Directory.CreateDirectory(Plugins);
        Directory.CreateDirectory(Data);
        Host = new TestPluginHost(Data, Time, settings);
        var options = new PluginManagerOptions { BuiltInDirectory = BuiltIn, PluginsDirectory = Plugins, DataDirectory = Data };
        Options = configure?.Invoke(options) ?? options;
        Manager = new PluginManager(Host, Options);
    }

    public string Root { get; }

    public string BuiltIn => Path.Combine(Root, "app", "plugins");

    public string Plugins => Path.Combine(Root, "data", "plugins");

    public string Data => Path.Combine(Root, "data");

    public WatchedTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public TestPluginHost Host { get; }

    public PluginManagerOptions Options { get; }

    public PluginManager Manager { get; }

    /// <summary>The sample's build output (v1 or v2), copied here by the test project's build.</summary>
    public static string SampleOutput(int version) => Path.Combine(AppContext.BaseDirectory, "samples-bin", $"v{version}");

    public static PluginHarness Create(Func<PluginManagerOptions, PluginManagerOptions>? configure = null, IDictionary<string, string?>? settings = null) =>
        new(Path.Combine(Path.GetTempPath(), "kairos-plugins-tests", Guid.NewGuid().ToString("N")), configure, settings);

    /// <summary>Copies the sample's v1/v2 output into a plugins folder (data by default) as folder <paramref name="folder"/>.</summary>
    public string CopySample(int version, string folder = "sample", bool builtIn = false)
    {
        var target = Path.Combine(builtIn ? BuiltIn : Plugins, folder);
        ReplaceFolder(SampleOutput(version), target);
        return target;
    }

    /// <summary>Replaces <paramref name="target"/> with a copy of <paramref name="source"/>.</summary>
    public static void ReplaceFolder(string source, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    /// <summary>Compiles a test plugin into the data plugins folder (or the built-in one).</summary>
    public string AddPlugin(string id, string source, string? manifest = null, bool builtIn = false, string? folder = null, params string[] references)
    {
        var target = Path.Combine(builtIn ? BuiltIn : Plugins, folder ?? id);
        return PluginCompiler.Write(target, "Test." + id, source, manifest ?? PluginCompiler.Manifest(id), references);
    }

    public PluginInfo Info(string id) => Manager.Get(id) ?? throw new InvalidOperationException($"plugin {id} is not listed");

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
