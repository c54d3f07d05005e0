namespace Kairos.Plugins.Tests.Support;

/// <summary>Sources of the compiled test plugins.</summary>
internal static class TestPlugins
{
    /// <summary>A plugin with one task <c>&lt;id&gt;_echo</c> answering <c>{"text": text}</c>.</summary>
    public static string Echo(string id, string version = "1.0.0", string text = "ok") =>
        PluginCompiler.PluginSource(id, version, $$"""plugin.AddTask(new EchoTask("{{id}}_echo", "{{text}}"));""");

    /// <summary><c>zeta</c>: exports <c>Test.zeta.IGreeter</c>, whose greeting carries <paramref name="greeting"/>.</summary>
    public static string Exporter(string version = "1.0.0", string greeting = "hello from zeta") =>
        PluginCompiler.PluginSource("zeta", version,
            configure: "plugin.Services.AddSingleton<IGreeter, Greeter>(); plugin.Export<IGreeter>();",
            types: $$"""
                public interface IGreeter { string Greet(string name); }
                public sealed class Greeter : IGreeter { public string Greet(string name) => "{{greeting}}, " + name; }
                """);

    /// <summary><c>alpha</c>: depends on zeta; its task <c>alpha_greet</c> answers with zeta's exported greeter.</summary>
    public static string Dependent() =>
        PluginCompiler.PluginSource("alpha", "1.0.0",
            configure: "plugin.AddTask<GreetTask>();",
            types: """
                public sealed class GreetTask(Test.zeta.IGreeter greeter) : IScheduledTask
                {
                    public string TaskId => "alpha_greet";
                    public string Name => "greet";
                    public string Description => "greets through zeta";
                    public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken) =>
                        Task.FromResult(TaskResult.Success(new { text = greeter.Greet("alpha") }));
                }
                """);

    /// <summary><c>gamma</c>: uses zeta's types without declaring the dependency.</summary>
    public static string Stowaway() =>
        PluginCompiler.PluginSource("gamma", "1.0.0",
            configure: "plugin.AddTask(new EchoTask(\"gamma_echo\", new Test.zeta.Greeter().Greet(\"gamma\")));");
}
