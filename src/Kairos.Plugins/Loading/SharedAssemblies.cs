using System.Reflection;
using System.Runtime.Loader;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Loading;

/// <summary>
/// The assemblies every plugin shares with the host, so their types are the same types on both sides: the
/// .NET and ASP.NET Core shared frameworks, <c>Kairos.Sdk</c> and the libraries the SDK itself references
/// (its resilience pipeline). A plugin's copy of any of them in its folder is ignored.
/// </summary>
internal static class SharedAssemblies
{
    private static readonly Lazy<HashSet<string>> Names = new(Compute, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsShared(AssemblyName name) => name.Name is { } simple && Names.Value.Contains(simple);

    private static HashSet<string> Compute()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
        // Framework-dependent apps run on <dotnet>/shared/<framework>/<version>/: everything under 'shared'
        // is framework. A self-contained app has the framework beside itself: then the framework's names decide.
        var frameworkRoot = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory));
        var frameworkDependent = frameworkRoot is not null && Path.GetFileName(frameworkRoot) == "shared";
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in trusted)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (frameworkDependent ? path.StartsWith(frameworkRoot! + Path.DirectorySeparatorChar, StringComparison.Ordinal) : LooksLikeFramework(name))
            {
                names.Add(name);
            }
        }
        AddClosure(typeof(TaskPlugin).Assembly, names);
        return names;
    }

    private static void AddClosure(Assembly root, HashSet<string> names)
    {
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            if (assembly.GetName().Name is not { } simple || (!names.Add(simple) && assembly != root))
            {
                continue;
            }
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is null || names.Contains(reference.Name))
                {
                    continue;
                }
                try
                {
                    pending.Push(AssemblyLoadContext.Default.LoadFromAssemblyName(reference));
                }
                catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // Referenced but not deployed (an optional dependency): nothing to share.
                }
            }
        }
    }

    private static bool LooksLikeFramework(string name) =>
        name is "mscorlib" or "netstandard" or "WindowsBase"
        || name.StartsWith("System.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal)
        || name is "Microsoft.CSharp" or "Microsoft.Net.Http.Headers" or "Microsoft.JSInterop";
}
