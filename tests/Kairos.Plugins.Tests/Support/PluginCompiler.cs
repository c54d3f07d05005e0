using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kairos.Plugins.Tests.Support;

/// <summary>
/// Compiles small plugins from C# source into plugin folders (assembly + plugin.json), for the cases the
/// sample cannot show: failures, dependency graphs, exported services.
/// </summary>
internal static class PluginCompiler
{
    private static readonly Lazy<MetadataReference[]> Platform = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith("Kairos.Plugins.Tests", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    /// <summary>Writes <c>&lt;folder&gt;/&lt;assemblyName&gt;.dll</c> and <c>plugin.json</c>; returns the dll path.</summary>
    public static string Write(string folder, string assemblyName, string source, string manifestJson, params string[] referencePaths)
    {
        Directory.CreateDirectory(folder);
        var dll = Path.Combine(folder, assemblyName + ".dll");
        File.WriteAllBytes(dll, Compile(assemblyName, source, referencePaths));
        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifestJson);
        return dll;
    }

    public static byte[] Compile(string assemblyName, string source, params string[] referencePaths)
    {
        var key = assemblyName + "\n" + string.Join("\n", referencePaths.Select(Path.GetFileName)) + "\n" + source;
        return Cache.GetOrAdd(key, _ =>
        {
            var compilation = CSharpCompilation.Create(assemblyName,
                [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
                Platform.Value.Concat(referencePaths.Select(p => MetadataReference.CreateFromFile(p))),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var emitted = compilation.Emit(stream);
            if (!emitted.Success)
            {
                throw new InvalidOperationException("test plugin does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }
            return stream.ToArray();
        });
    }

    /// <summary>A plugin.json.</summary>
    public static string Manifest(string id, string version = "1.0.0", string assembly = "", string sdk = "[1.0.0, 2.0.0)", string dependencies = "{}", string settings = "[]") =>
        $$"""
        {
          "id": "{{id}}",
          "name": "Test {{id}}",
          "version": "{{version}}",
          "description": "test plugin {{id}}",
          "assembly": "{{(assembly.Length > 0 ? assembly : "Test." + id + ".dll")}}",
          "sdk": "{{sdk}}",
          "dependencies": {{dependencies}},
          "settings": {{settings}}
        }
        """;

    /// <summary>Source of a plugin class whose Configure runs <paramref name="configure"/> (with <c>plugin</c> in scope).</summary>
    public static string PluginSource(string id, string version, string configure, string members = "", string types = "", string start = "") =>
        $$"""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Kairos.Sdk.Calendars;
        using Kairos.Sdk.Events;
        using Kairos.Sdk.Plugins;
        using Kairos.Sdk.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        namespace Test.{{id}};

        public sealed class Plugin : TaskPlugin
        {
            public override string Id => "{{id}}";
            public override string Name => "Test {{id}}";
            public override string Version => "{{version}}";
            public override void Configure(IPluginBuilder plugin) { {{configure}} }
            public override Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) { {{start}} return Task.CompletedTask; }
            {{members}}
        }

        public sealed class EchoTask(string id, string text) : IScheduledTask
        {
            public string TaskId => id;
            public string Name => id;
            public string Description => "answers with a fixed text";
            public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken) => Task.FromResult(TaskResult.Success(new { text }));
        }

        {{types}}
        """;
}
