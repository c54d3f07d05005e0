using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Hosting;

/// <summary>Configurations the server must refuse before it listens: a clear message on stderr and a non-zero exit.</summary>
public class StartupRefusalTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task NonLoopbackAddress_WithoutExplicitKey_RefusesToStart()
    {
        await using var server = KairosServerProcess.Launch(new KairosServerProcessOptions
        {
            Urls = $"http://0.0.0.0:{FreePort.Next()}",
        });

        var exitCode = await server.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("Refusing to listen on http://0.0.0.0:", server.Output, StringComparison.Ordinal);
        Assert.Contains("KAIROS_API_KEY", server.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "api-key")));
    }

    [Fact]
    public async Task UnknownTimeZone_RefusesToStartNamingIt()
    {
        await using var server = KairosServerProcess.Launch(new KairosServerProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["SCHEDULER_TIMEZONE"] = "Mars/Olympus_Mons" },
        });

        var exitCode = await server.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("SCHEDULER_TIMEZONE", server.Output, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", server.Output, StringComparison.Ordinal);
    }
}
