using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Security;

/// <summary>A server started with no key configured: it must generate one into &lt;data&gt;/api-key.</summary>
public sealed class GeneratedKeyServerFixture : IAsyncLifetime
{
    private KairosServerProcess? _server;

    public KairosServerProcess Server => _server!;

    public string KeyFile => Path.Combine(Server.DataDirectory, "api-key");

    public async Task InitializeAsync() => _server = await KairosServerProcess.StartAsync(new KairosServerProcessOptions
    {
        // JSON logs here, so the same server also proves LOG_FORMAT=json.
        Environment = new Dictionary<string, string?> { ["KAIROS_DEFAULT_JOBS"] = "false", ["LOG_FORMAT"] = "json" },
    });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public class GeneratedKeyTests(GeneratedKeyServerFixture fixture) : IClassFixture<GeneratedKeyServerFixture>
{
    private string Key => File.ReadAllText(fixture.KeyFile).Trim();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void KeyFile_IsCreatedWithMode0600()
    {
        Assert.True(File.Exists(fixture.KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.KeyFile));
        Assert.True(Key.Length >= 32, "The generated key is too short to be a secret.");
    }

    [Fact]
    public void KeyFile_HoldsJustTheKeyAndANewline_SoShellToolsReadItAsIs()
    {
        var bytes = File.ReadAllBytes(fixture.KeyFile);

        Assert.All(bytes[..^1], b => Assert.InRange(b, (byte)0x21, (byte)0x7E));
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Fact]
    public void Logs_NameTheFile_NeverTheKey()
    {
        Assert.Contains(fixture.KeyFile, fixture.Server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, fixture.Server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..16], fixture.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LogFormatJson_WritesOneJsonObjectPerLine()
    {
        var lines = fixture.Server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Contains(lines, line => line.Contains("\"Category\":\"Kairos.Server.Security\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GeneratedKey_IsTheAdminKey()
    {
        using var withKey = await fixture.Server.SendAsync(HttpMethod.Get, "metrics", Key);
        using var without = await fixture.Server.SendAsync(HttpMethod.Get, "metrics");

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
    }

    [Fact]
    public async Task SecondServerOnTheSameData_ReusesTheKey_AndStopsGracefullyOnSigterm()
    {
        var key = Key;
        // One server per data folder (the data lock): the second server gets a folder holding the first one's key file.
        var data = Directory.CreateTempSubdirectory("kairos-key-reuse-").FullName;
        File.Copy(Path.Combine(fixture.Server.DataDirectory, "api-key"), Path.Combine(data, "api-key"));
        await using var second = await KairosServerProcess.StartAsync(new KairosServerProcessOptions
        {
            DataDirectory = data,
            Environment = new Dictionary<string, string?> { ["KAIROS_DEFAULT_JOBS"] = "false" },
        });

        using var response = await second.SendAsync(HttpMethod.Get, "metrics", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(key, Key);
        Assert.Contains("Using the admin API key stored in", second.Output, StringComparison.Ordinal);

        var exitCode = await second.StopAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exitCode);
        Assert.Contains("Application is shutting down", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, second.Output, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_second_server_on_a_data_folder_in_use_is_refused()
    {
        await using var second = KairosServerProcess.Launch(new KairosServerProcessOptions { DataDirectory = fixture.Server.DataDirectory });
        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("is using the data folder", second.Output, StringComparison.Ordinal);
    }
}
