using System.Reflection;

namespace Kairos.Server.Tests.Fixtures;

/// <summary>
/// Finds the already-built server (<c>src/Kairos.Server/bin/&lt;Configuration&gt;/net10.0/Kairos.Server.dll</c>) from
/// this test assembly's folder. Tests run that build as it is: never <c>dotnet run</c>, never a rebuild.
/// </summary>
internal static class ServerAssembly
{
    private static readonly Lazy<string> s_path = new(Locate);

    public static string Path => s_path.Value;

    /// <summary>The dotnet host that runs this test process, so the server runs on the same runtime.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } process && System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet"
                ? process
                : "dotnet";

    private static string Locate()
    {
        var configuration = typeof(ServerAssembly).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Kairos.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"No Kairos.slnx above {AppContext.BaseDirectory}: cannot find the repository.");
        }

        var path = System.IO.Path.Combine(directory.FullName, "src", "Kairos.Server", "bin", configuration, "net10.0", "Kairos.Server.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist: build src/Kairos.Server ({configuration}) before running these tests.");
    }
}
