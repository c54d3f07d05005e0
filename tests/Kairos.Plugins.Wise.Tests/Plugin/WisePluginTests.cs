using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Plugins.Wise.Balances;
using Kairos.Plugins.Wise.Rates;
using Kairos.Plugins.Wise.Storage;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Plugins.Wise.Transactions;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Wise.Tests.Plugin;

public sealed class WisePluginTests
{
    [Fact]
    public async Task Plugin_OffersItsThreeTasks_AndTheHostDefaultJobConfigIsAccepted()
    {
        await using var h = await WisePluginHarness.StartAsync();

        Assert.Equal(["wise_balance_sync", "wise_transaction_sync", "wise_exchange_rate_sync"], h.Wise.Tasks.Select(t => t.TaskId));
        // default_wise_balance_sync (created by the host, daily 16:30) runs wise_balance_sync with an empty config.
        var balanceSync = h.Wise.Tasks.Single(t => t.TaskId == BalanceSyncTask.Id);
        Assert.Empty(balanceSync.ConfigSchema!.Validate([]));
        Assert.NotEmpty(h.Wise.Tasks.Single(t => t.TaskId == TransactionSyncTask.Id).ConfigSchema!.Validate(new JsonObject { ["pages"] = 1 }));
        Assert.Empty(h.Wise.Builder.Exports);
        Assert.Empty(h.Wise.Builder.Jobs);
    }

    [Fact]
    public void Manifest_MatchesThePlugin_DependsOnPortfolio1_AndMarksTheSecrets()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "wise.plugin.json")));
        var root = manifest.RootElement;
        var plugin = new WisePlugin();

        Assert.Equal(plugin.Id, root.GetProperty("id").GetString());
        Assert.Equal(plugin.Version, root.GetProperty("version").GetString());
        Assert.Equal("Kairos.Plugins.Wise.dll", root.GetProperty("assembly").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("sdk").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("dependencies").GetProperty("portfolio").GetString());
        var settings = root.GetProperty("settings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => s.TryGetProperty("secret", out var secret) && secret.GetBoolean());
        Assert.Equal(["BaseUrl", "ApiToken", "ProfileId", "ScaPrivateKeyPath", "RatePairs"], settings.Keys);
        Assert.Equal(["ApiToken", "ScaPrivateKeyPath"], settings.Where(s => s.Value).Select(s => s.Key));
    }

    [Fact]
    public void Migrations_OnlyNameTablesOfThePlugin()
    {
        Assert.All(WiseMigrations.All, m => Assert.Empty(PluginTestHost.ForeignObjects(m.Sql, "wise_")));
    }

    [Theory]
    [InlineData("BaseUrl", "ftp://wise.example")]
    [InlineData("ProfileId", "alex")]
    [InlineData("ProfileId", "-5")]
    [InlineData("RatePairs", "EUR/USD, EURO/USD")]
    [InlineData("RatePairs", "EUR-USD")]
    [InlineData("RatePairs", "EUR/EUR")]
    public void Settings_MalformedValue_FailsNamingTheKey(string key, string value)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => WisePluginSettings.From(settings));

        Assert.Contains("Plugins:wise:" + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_AreRead_AndShownWithoutTheSecrets()
    {
        var settings = WisePluginSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaseUrl"] = "https://api.wise-sandbox.com",
            ["ApiToken"] = " secret-token-1 ",
            ["ProfileId"] = "30000001",
            ["ScaPrivateKeyPath"] = "/keys/secret-path.pem",
            ["RatePairs"] = "eur/usd; USD/CNY, EUR/USD",
        }).Build());

        Assert.Equal(new Uri("https://api.wise-sandbox.com"), settings.Client.BaseUrl);
        Assert.Equal("secret-token-1", settings.Client.ApiToken);
        Assert.Equal(30000001, settings.Client.ProfileId);
        Assert.Equal([new CurrencyPair("EUR", "USD"), new CurrencyPair("USD", "CNY")], settings.RatePairs);
        var shown = settings.ToString();
        Assert.DoesNotContain("secret", shown, StringComparison.Ordinal);
        Assert.Contains("EUR/USD", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_Defaults_WhenNothingIsSet()
    {
        var settings = WisePluginSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(new Uri("https://api.wise.com"), settings.Client.BaseUrl);
        Assert.Null(settings.Client.ApiToken);
        Assert.Null(settings.Client.ProfileId);
        Assert.Empty(settings.RatePairs);
    }

    [Theory]
    [InlineData(BalanceSyncTask.Id)]
    [InlineData(TransactionSyncTask.Id)]
    [InlineData(ExchangeRateSyncTask.Id)]
    public async Task MissingToken_TheTaskFailsWithAConfigurationError_AndSendsNothing(string taskId)
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ApiToken"] = null);

        var (result, _) = await h.RunAsync(taskId);

        Assert.False(result.Succeeded);
        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains("Plugins:wise:ApiToken", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
        Assert.Empty(h.Host.Events);
    }
}
