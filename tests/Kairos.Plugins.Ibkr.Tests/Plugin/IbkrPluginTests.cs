using System.Text.Json;
using Kairos.Plugins.Ibkr.Tests.Support;
using Kairos.Scheduling;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Ibkr.Tests.Plugin;

public sealed class IbkrPluginTests
{
    private static readonly string[] TaskIds = ["ibkr_balance_sync", "ibkr_position_sync", "ibkr_keepalive"];

    [Fact]
    public void Manifest_matches_the_plugin_depends_on_portfolio_1_and_marks_only_the_token_secret()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "ibkr.plugin.json")));
        var root = manifest.RootElement;
        var plugin = new IbkrPlugin();

        Assert.Equal(("ibkr", plugin.Version), (root.GetProperty("id").GetString(), root.GetProperty("version").GetString()));
        Assert.Equal(plugin.Id, root.GetProperty("id").GetString());
        Assert.Equal("Kairos.Plugins.Ibkr.dll", root.GetProperty("assembly").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("sdk").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("dependencies").GetProperty("portfolio").GetString());
        var settings = root.GetProperty("settings").EnumerateArray().ToList();
        Assert.Equal(["Mode", "BaseUrl", "AllowInsecureTls", "AccountIds", "FlexBaseUrl", "FlexToken", "FlexQueryId"],
            settings.Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(["FlexToken"], settings.Where(s => s.TryGetProperty("secret", out var secret) && secret.GetBoolean()).Select(s => s.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Gateway_mode_declares_the_keepalive_every_minute_and_the_position_sync_after_each_balance_sync()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync();
        var jobs = h.Ibkr.Builder.Jobs.ToDictionary(j => j.Name);

        Assert.Equal(TaskIds, h.Ibkr.Tasks.Select(t => t.TaskId));
        // Job ids are "<plugin id>_<name>": ibkr_keepalive and ibkr_position_sync.
        Assert.Equal(["keepalive", "position_sync"], jobs.Keys.Order());
        Assert.Equal("ibkr_keepalive", jobs["keepalive"].TaskId);
        Assert.Equal("ibkr_position_sync", jobs["position_sync"].TaskId);
        var context = new ScheduleContext(TimeZoneInfo.Utc, IbkrHarness.Start);
        foreach (var job in jobs.Values)
        {
            using var schedule = JsonDocument.Parse(job.ScheduleJson);
            var parsed = ScheduleParser.Parse(schedule.RootElement, context);
            Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
            using var options = JsonDocument.Parse(job.OptionsJson!);
            Assert.Equal(1, options.RootElement.GetProperty("max_instances").GetInt32());
        }
        using var keepalive = JsonDocument.Parse(jobs["keepalive"].ScheduleJson);
        Assert.Equal(("interval", 1), (keepalive.RootElement.GetProperty("type").GetString(), keepalive.RootElement.GetProperty("minutes").GetInt32()));
        using var positions = JsonDocument.Parse(jobs["position_sync"].ScheduleJson);
        Assert.Equal(("event", "ibkr.balances.synced"), (positions.RootElement.GetProperty("type").GetString(), positions.RootElement.GetProperty("event_type").GetString()));
    }

    [Fact]
    public async Task Flex_mode_declares_no_job()
    {
        await using var h = await IbkrPluginHarness.FlexAsync();

        Assert.Equal(TaskIds, h.Ibkr.Tasks.Select(t => t.TaskId));
        Assert.Empty(h.Ibkr.Builder.Jobs);
    }

    [Fact]
    public async Task Not_configured_declares_no_job_and_every_task_fails_saying_so_without_a_request()
    {
        await using var h = await IbkrPluginHarness.StartAsync(_ => Task.FromResult(new Dictionary<string, string?>()));

        Assert.Empty(h.Ibkr.Builder.Jobs);
        foreach (var task in TaskIds)
        {
            var (result, context) = await h.RunAsync(task);
            Assert.False(result.Succeeded);
            Assert.Equal("ConfigurationError", result.ErrorType);
            Assert.StartsWith("IBKR is not configured: set Plugins:ibkr:Mode", result.Error, StringComparison.Ordinal);
            Assert.Contains(context.Lines, l => l.Contains("IBKR is not configured", StringComparison.Ordinal));
        }
        Assert.Empty(h.Server.Requests);
        Assert.Empty(h.Host.Events);
        Assert.Empty(await h.Store.GetAccountsAsync("ibkr"));
    }

    [Fact]
    public async Task Flex_mode_without_token_or_query_fails_naming_both_settings()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(settings: new Dictionary<string, string?> { ["FlexToken"] = "", ["FlexQueryId"] = null });

        var (result, _) = await h.RunAsync("ibkr_balance_sync");

        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains("Plugins:ibkr:FlexToken", result.Error, StringComparison.Ordinal);
        Assert.Contains("Plugins:ibkr:FlexQueryId", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task The_keepalive_does_nothing_in_flex_mode()
    {
        await using var h = await IbkrPluginHarness.FlexAsync();

        var (result, _) = await h.RunAsync("ibkr_keepalive");

        Assert.True(result.Succeeded);
        Assert.True(result.Data!["skipped"]!.GetValue<bool>());
        Assert.Empty(h.Server.Requests);
    }

    [Theory]
    [InlineData("Mode", "gatway", "Plugins:ibkr:Mode")]
    [InlineData("BaseUrl", "localhost:5000", "Plugins:ibkr:BaseUrl")]
    [InlineData("AllowInsecureTls", "yes", "Plugins:ibkr:AllowInsecureTls")]
    [InlineData("FlexBaseUrl", "ftp://x", "Plugins:ibkr:FlexBaseUrl")]
    public void A_malformed_setting_fails_naming_its_key(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => IbkrSettings.From(Config(new() { [key] = value })));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_read_every_key_with_defaults_and_mask_the_token()
    {
        var defaults = IbkrSettings.From(Config([]));
        var gateway = IbkrSettings.From(Config(new() { ["Mode"] = " Gateway ", ["AllowInsecureTls"] = "true", ["AccountIds"] = "U1, U2" }));
        var array = IbkrSettings.From(Config(new() { ["AccountIds:0"] = "U3", ["AccountIds:1"] = "U4" }));
        var flex = IbkrSettings.From(Config(new() { ["Mode"] = "flex", ["FlexToken"] = IbkrHarness.FlexToken, ["FlexQueryId"] = " 42 ", ["FlexBaseUrl"] = "https://flex.test/x" }));

        Assert.Equal(IbkrMode.NotConfigured, defaults.Mode);
        Assert.Equal(new Uri("https://localhost:5000/v1/api"), defaults.Gateway.BaseUrl);
        Assert.False(defaults.Gateway.AllowInsecureTls);
        Assert.Empty(defaults.AccountIds);
        Assert.Equal(IbkrMode.Gateway, gateway.Mode);
        Assert.True(gateway.Gateway.AllowInsecureTls);
        Assert.Equal(["U1", "U2"], gateway.AccountIds);
        Assert.Equal(["U1", "U2"], gateway.Gateway.AccountIds);
        Assert.Equal(["U3", "U4"], array.AccountIds);
        Assert.Equal((IbkrMode.Flex, "42", new Uri("https://flex.test/x")), (flex.Mode, flex.Flex.FlexQueryId, flex.Flex.FlexBaseUrl));
        Assert.Equal(IbkrHarness.FlexToken, flex.Flex.FlexToken);
        Assert.DoesNotContain(IbkrHarness.FlexToken, flex.ToString(), StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
