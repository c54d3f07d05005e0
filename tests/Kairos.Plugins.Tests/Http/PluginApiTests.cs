using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Http;

/// <summary>The plugin management API and the plugin route, over real Kestrel.</summary>
public sealed class PluginApiTests
{
    [Fact]
    public async Task Upload_is_refused_with_403_unless_allowed()
    {
        await using var h = PluginHarness.Create();
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);

        using var response = await PostZipAsync(server, Zips.FromFolder(PluginHarness.SampleOutput(1)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("KAIROS_PLUGIN_UPLOAD", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(h.Plugins));
    }

    [Fact]
    public async Task An_uploaded_zip_is_installed_and_served_and_a_zip_slip_is_a_400()
    {
        await using var h = PluginHarness.Create(options => options with { AllowUpload = true });
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);

        using var evil = await PostZipAsync(server, Zips.FromFolder(PluginHarness.SampleOutput(1), "", ("../evil.txt", "x")));
        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.Contains("outside the plugin folder", await evil.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var created = await PostZipAsync(server, Zips.FromFolder(PluginHarness.SampleOutput(1)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("loaded", body.GetProperty("state").GetString());
        Assert.Equal("1.0.0", (await server.GetJsonAsync("/api/v1/plugins/sample/version")).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Disable_enable_reload_and_delete_through_the_api()
    {
        await using var h = PluginHarness.Create();
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);

        Assert.Equal("disabled", (await PostAsync(server, "sample/disable", HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(server, "/api/v1/plugins/sample/version"));
        Assert.Equal("loaded", (await PostAsync(server, "sample/enable", HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal("loaded", (await PostAsync(server, "sample/reload", HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(server, "/api/v1/plugins/sample/version"));
        await PostAsync(server, "nothing/reload", HttpStatusCode.NotFound);

        using (var deleted = await server.Client.DeleteAsync(new Uri("/api/v1/scheduler/plugins/sample", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using (var again = await server.Client.DeleteAsync(new Uri("/api/v1/scheduler/plugins/sample", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(server, "/api/v1/plugins/sample/version"));
        Assert.False(Directory.Exists(Path.Combine(h.Plugins, "sample")));
    }

    [Fact]
    public async Task Deleting_a_built_in_plugin_disables_it_persistently_and_keeps_the_server_files()
    {
        await using var h = PluginHarness.Create();
        var folder = h.CopySample(1, builtIn: true);
        await h.Manager.LoadAllAsync();

        Assert.True(await h.Manager.DeleteAsync("sample"));

        Assert.True(File.Exists(Path.Combine(folder, "Kairos.Plugins.Sample.dll")));
        Assert.Equal(PluginState.Disabled, h.Info("sample").State);
        await using var restarted = new PluginManager(h.Host, h.Options);
        await restarted.LoadAllAsync();
        Assert.Equal(PluginState.Disabled, restarted.Get("sample")!.State);
    }

    private static async Task<HttpResponseMessage> PostZipAsync(PluginApiServer server, MemoryStream zip)
    {
        using var content = new StreamContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await server.Client.PostAsync(new Uri("/api/v1/scheduler/plugins", UriKind.Relative), content);
    }

    private static async Task<JsonElement> PostAsync(PluginApiServer server, string path, HttpStatusCode expected)
    {
        using var response = await server.Client.PostAsync(new Uri("/api/v1/scheduler/plugins/" + path, UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpStatusCode> StatusOfAsync(PluginApiServer server, string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
