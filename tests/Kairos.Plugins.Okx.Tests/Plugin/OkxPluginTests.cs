using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Okx.Balances;
using Kairos.Plugins.Okx.Market;
using Kairos.Plugins.Okx.Positions;
using Kairos.Plugins.Okx.Storage;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Okx.Tests.Plugin;

public sealed class OkxPluginTests
{
    [Fact]
    public async Task Plugin_OffersItsThreeTasks_AndTheHostDefaultJobConfigIsAccepted()
    {
        await using var h = await OkxPluginHarness.StartAsync();

        Assert.Equal(["okx_balance_sync", "okx_position_sync", "okx_market_data_sync"], h.Okx.Tasks.Select(t => t.TaskId));
        // default_okx_balance_sync (created by the host, hourly) runs okx_balance_sync with an empty config.
        Assert.Empty(h.Okx.Tasks.Single(t => t.TaskId == BalanceSyncTask.Id).ConfigSchema!.Validate([]));
        Assert.NotEmpty(h.Okx.Tasks.Single(t => t.TaskId == MarketDataSyncTask.Id).ConfigSchema!.Validate(new JsonObject { ["bar"] = "7m" }));
        Assert.Empty(h.Okx.Builder.Exports);
        Assert.Empty(h.Okx.Builder.Jobs);
    }

    [Fact]
    public void Manifest_MatchesThePlugin_DependsOnPortfolio1_AndMarksTheSecrets()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "okx.plugin.json")));
        var root = manifest.RootElement;
        var plugin = new OkxPlugin();

        Assert.Equal(plugin.Id, root.GetProperty("id").GetString());
        Assert.Equal(plugin.Version, root.GetProperty("version").GetString());
        Assert.Equal("Kairos.Plugins.Okx.dll", root.GetProperty("assembly").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("sdk").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("dependencies").GetProperty("portfolio").GetString());
        var settings = root.GetProperty("settings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => s.TryGetProperty("secret", out var secret) && secret.GetBoolean());
        Assert.Equal(["BaseUrl", "ApiKey", "SecretKey", "Passphrase", "Simulated", "Instruments"], settings.Keys);
        Assert.Equal(["ApiKey", "SecretKey", "Passphrase"], settings.Where(s => s.Value).Select(s => s.Key));
    }

    [Fact]
    public void Migrations_OnlyNameTablesOfThePlugin()
    {
        Assert.All(OkxMigrations.All, m => Assert.Empty(PluginTestHost.ForeignObjects(m.Sql, "okx_")));
    }

    [Theory]
    [InlineData("BaseUrl", "www.okx.com")]
    [InlineData("Simulated", "maybe")]
    [InlineData("Instruments", "BTC-USDT, BTC/USDT")]
    [InlineData("Instruments", "BTCUSDT")]
    public void Settings_MalformedValue_FailsNamingTheKey(string key, string value)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => OkxPluginSettings.From(settings));

        Assert.Contains("Plugins:okx:" + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_AreRead_AndShownWithoutTheSecrets()
    {
        var settings = OkxPluginSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaseUrl"] = "https://eea.okx.com",
            ["ApiKey"] = "key-secret-1",
            ["SecretKey"] = "secret-secret-2",
            ["Passphrase"] = "pass-secret-3",
            ["Simulated"] = "true",
            ["Instruments"] = "btc-usdt, ETH-USDT-SWAP,BTC-USDT",
        }).Build());

        Assert.Equal(new Uri("https://eea.okx.com"), settings.BaseUrl);
        Assert.True(settings.Simulated);
        Assert.True(settings.HasCredentials);
        Assert.Equal(["BTC-USDT", "ETH-USDT-SWAP"], settings.Instruments);
        Assert.DoesNotContain("secret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_Defaults_WhenNothingIsSet()
    {
        var settings = OkxPluginSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(new Uri("https://www.okx.com"), settings.BaseUrl);
        Assert.False(settings.Simulated);
        Assert.False(settings.HasCredentials);
        Assert.Empty(settings.Instruments);
    }

    [Theory]
    [InlineData(BalanceSyncTask.Id, "ApiKey")]
    [InlineData(PositionSyncTask.Id, "ApiKey")]
    [InlineData(BalanceSyncTask.Id, "Passphrase")]
    [InlineData(PositionSyncTask.Id, "SecretKey")]
    public async Task MissingCredentials_ThePrivateTaskFailsWithAConfigurationError_AndSendsNothing(string taskId, string missing)
    {
        await using var h = await OkxPluginHarness.StartAsync(s => s[missing] = null);

        var (result, _) = await h.RunAsync(taskId);

        Assert.False(result.Succeeded);
        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains("Plugins:okx:ApiKey, Plugins:okx:SecretKey and Plugins:okx:Passphrase", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Server.Requests);
        Assert.Empty(h.Host.Events);
    }
}
