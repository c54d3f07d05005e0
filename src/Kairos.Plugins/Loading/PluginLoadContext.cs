using System.Reflection;
using System.Runtime.Loader;

namespace Kairos.Plugins.Loading;

/// <summary>
/// The collectible load context of one loaded plugin version. It resolves, in order: shared assemblies
/// from the host; the main assemblies of the plugins it depends on from their contexts (so their public
/// types are the same types); its own assemblies from its folder via its <c>.deps.json</c>; other
/// assemblies its dependencies already loaded. A plugin it does not depend on is invisible to it.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly IReadOnlyList<PluginLoadContext> _dependencies;

    public PluginLoadContext(string pluginId, string version, string mainAssemblyPath, IReadOnlyList<PluginLoadContext> dependencies)
        : base($"plugin:{pluginId}@{version}", isCollectible: true)
    {
        MainAssemblyPath = mainAssemblyPath;
        MainAssemblyName = Path.GetFileNameWithoutExtension(mainAssemblyPath);
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _dependencies = dependencies;
    }

    public string MainAssemblyPath { get; }

    public string MainAssemblyName { get; }

    public Assembly LoadMain() => LoadFromAssemblyPath(MainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.IsShared(assemblyName))
        {
            return null;
        }
        foreach (var dependency in _dependencies)
        {
            if (string.Equals(dependency.MainAssemblyName, assemblyName.Name, StringComparison.OrdinalIgnoreCase))
            {
                return dependency.LoadFromAssemblyName(assemblyName);
            }
        }
        if (_resolver.ResolveAssemblyToPath(assemblyName) is { } path)
        {
            return LoadFromAssemblyPath(path);
        }
        foreach (var dependency in _dependencies)
        {
            if (dependency.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName())) is { } loaded)
            {
                return loaded;
            }
        }
        return null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
