using System.Collections;
using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.Loader;
using System.Text.Json;
using Kairos.Sdk;

namespace Kairos.Plugins.Unloading;

/// <summary>
/// Empties the framework's process-wide reflection caches after a plugin is unloaded, since an entry keyed by
/// a plugin type keeps the plugin's load context alive. It uses the hooks .NET hot reload uses for the same
/// purpose (each framework assembly's <see cref="MetadataUpdateHandlerAttribute"/> <c>ClearCache</c>), plus
/// the caches those hooks miss: the shared <see cref="JsonSerializerOptions"/> instances and Minimal API's
/// parameter-binding cache. Every step is best effort: a framework change can only cost memory, never fail
/// an unload.
/// </summary>
internal static class HostCacheFlusher
{
    private static readonly Lock Gate = new();
    private static int _scannedAssemblies = -1;
    private static MethodInfo[] _clearCacheMethods = [];
    private static FieldInfo[] _bindingCaches = [];

    public static void Flush()
    {
        MethodInfo[] clearCacheMethods;
        FieldInfo[] bindingCaches;
        lock (Gate)
        {
            // Rescanned whenever the host loaded more assemblies since the last flush (a cache may live in a new one).
            var loaded = AssemblyLoadContext.Default.Assemblies.Count();
            if (loaded != _scannedAssemblies)
            {
                _clearCacheMethods = FindClearCacheMethods();
                _bindingCaches = FindBindingCaches();
                _scannedAssemblies = loaded;
            }
            (clearCacheMethods, bindingCaches) = (_clearCacheMethods, _bindingCaches);
        }
        foreach (var method in clearCacheMethods)
        {
            TryRun(() => method.Invoke(null, [null]));
        }
        var clearOptions = typeof(JsonSerializerOptions).GetMethod("ClearCaches", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
        if (clearOptions is not null)
        {
            foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web, KairosJson.Options })
            {
                TryRun(() => clearOptions.Invoke(options, null));
            }
        }
        foreach (var field in bindingCaches)
        {
            TryRun(() => ClearDictionaries(field.GetValue(null) switch
            {
                // Lazy<ParameterBindingMethodCache>: only a created cache can hold anything.
                { } lazy when lazy.GetType().IsGenericType && lazy.GetType().GetGenericTypeDefinition() == typeof(Lazy<>) =>
                    (bool)lazy.GetType().GetProperty(nameof(Lazy<object>.IsValueCreated))!.GetValue(lazy)! ? lazy.GetType().GetProperty(nameof(Lazy<object>.Value))!.GetValue(lazy) : null,
                var cache => cache,
            }));
        }
    }

    /// <summary>
    /// Minimal API caches, per parameter type, how to bind it (TryParse, BindAsync, constructors) in static
    /// <c>ParameterBindingMethodCache</c> instances (shared source compiled into several ASP.NET assemblies).
    /// </summary>
    private static FieldInfo[] FindBindingCaches()
    {
        var fields = new List<FieldInfo>();
        foreach (var assembly in AssemblyLoadContext.Default.Assemblies.Where(a => a.GetName().Name?.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) == true))
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.Where(t => t is not null).ToArray()!;
            }
            foreach (var type in types.Where(t => !t.IsGenericTypeDefinition))
            {
                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                {
                    var fieldType = field.FieldType.IsGenericType && field.FieldType.GetGenericTypeDefinition() == typeof(Lazy<>) ? field.FieldType.GetGenericArguments()[0] : field.FieldType;
                    if (fieldType.Name == "ParameterBindingMethodCache")
                    {
                        fields.Add(field);
                    }
                }
            }
        }
        return [.. fields];
    }

    private static MethodInfo[] FindClearCacheMethods()
    {
        var methods = new List<MethodInfo>();
        foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
        {
            var name = assembly.GetName().Name ?? "";
            if (!name.StartsWith("System.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.", StringComparison.Ordinal))
            {
                continue;
            }
            IEnumerable<MetadataUpdateHandlerAttribute> handlers;
            try
            {
                handlers = assembly.GetCustomAttributes<MetadataUpdateHandlerAttribute>();
            }
            catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException)
            {
                continue;
            }
            foreach (var handler in handlers)
            {
                if (handler.HandlerType.GetMethod("ClearCache", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(Type[])]) is { } method)
                {
                    methods.Add(method);
                }
            }
        }
        return [.. methods];
    }

    private static void ClearDictionaries(object? cache)
    {
        if (cache is null)
        {
            return;
        }
        foreach (var field in cache.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (field.GetValue(cache) is IDictionary dictionary && !dictionary.IsReadOnly)
            {
                TryRun(dictionary.Clear);
            }
        }
    }

    private static void TryRun(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // best effort by design: a cache we cannot clear costs memory, not correctness
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
