using Kairos.Server.Configuration;
using Kairos.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kairos.Server.Tests.Configuration;

public class KairosServerOptionsLoaderTests
{
    private static KairosServerOptions Load(params (string Key, string Value)[] settings) =>
        KairosServerOptionsLoader.Load(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            "/srv/kairos");

    [Fact]
    public void Load_NothingSet_UsesTheDocumentedDefaults()
    {
        var options = Load();

        Assert.True(options.EnableScheduler);
        Assert.Equal("Asia/Shanghai", options.SchedulerTimeZone.Id);
        Assert.False(options.Debug);
        Assert.Equal(LogLevel.Information, options.LogLevel);
        Assert.Equal(LogFormat.Text, options.LogFormat);
        Assert.Equal("/srv/kairos/data", options.DataDirectory);
        Assert.Equal("/srv/kairos/data/plugins", options.PluginsDirectory);
        Assert.Equal(64, options.MaxConcurrency);
        Assert.Equal(Environment.MachineName, options.NodeId);
        Assert.Null(options.ApiKey);
        Assert.Null(options.ReadApiKey);
        Assert.True(options.DefaultJobs);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownTimeout);
        Assert.False(options.PluginUpload);
        Assert.Equal(90, options.Retention.RunDays);
        Assert.Equal(100, options.Retention.KeepRunsPerJob);
        Assert.Equal(1_000_000, options.Retention.EventMaxCount);
    }

    [Fact]
    public void Load_EverySetting_IsRead()
    {
        var options = Load(
            ("ENABLE_SCHEDULER", "false"),
            ("SCHEDULER_TIMEZONE", "Europe/Berlin"),
            ("DEBUG", "true"),
            ("LOG_FORMAT", "json"),
            ("KAIROS_DATA_DIR", "state"),
            ("KAIROS_PLUGINS_DIR", "/opt/plugins"),
            ("KAIROS_MAX_CONCURRENCY", "8"),
            ("KAIROS_NODE_ID", "node-a"),
            ("KAIROS_API_KEY", "admin"),
            ("KAIROS_READ_API_KEY", "reader"),
            ("KAIROS_DEFAULT_JOBS", "0"),
            ("KAIROS_SHUTDOWN_TIMEOUT", "5"),
            ("KAIROS_PLUGIN_UPLOAD", "yes"),
            ("Retention:Runs:Days", "7"),
            ("Retention:Events:Days", "3"));

        Assert.False(options.EnableScheduler);
        Assert.Equal("Europe/Berlin", options.SchedulerTimeZone.Id);
        Assert.True(options.Debug);
        Assert.Equal(LogLevel.Debug, options.LogLevel);
        Assert.Equal(LogFormat.Json, options.LogFormat);
        Assert.Equal("/srv/kairos/state", options.DataDirectory);
        Assert.Equal("/opt/plugins", options.PluginsDirectory);
        Assert.Equal(8, options.MaxConcurrency);
        Assert.Equal("node-a", options.NodeId);
        Assert.Equal("admin", options.ApiKey);
        Assert.Equal("reader", options.ReadApiKey);
        Assert.False(options.DefaultJobs);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownTimeout);
        Assert.True(options.PluginUpload);
        Assert.Equal(7, options.Retention.RunDays);
        Assert.Equal(3, options.Retention.EventDays);
    }

    [Theory]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("Trace", LogLevel.Trace)]
    public void Load_LogLevelNames_AreAccepted(string value, LogLevel expected) =>
        Assert.Equal(expected, Load(("LOG_LEVEL", value)).LogLevel);

    [Fact]
    public void Load_EmptyValue_CountsAsUnset() =>
        Assert.Null(Load(("KAIROS_API_KEY", "  ")).ApiKey);

    [Fact]
    public void Load_UnknownTimeZone_FailsNamingTheSettingAndTheValue()
    {
        var error = Assert.Throws<KairosStartupException>(() => Load(("SCHEDULER_TIMEZONE", "Mars/Olympus_Mons")));

        Assert.Contains("SCHEDULER_TIMEZONE", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralBadValues_ReportsEachOne()
    {
        var error = Assert.Throws<KairosStartupException>(() => Load(
            ("ENABLE_SCHEDULER", "maybe"),
            ("KAIROS_MAX_CONCURRENCY", "0"),
            ("KAIROS_SHUTDOWN_TIMEOUT", "soon"),
            ("LOG_LEVEL", "loud"),
            ("LOG_FORMAT", "xml")));

        foreach (var setting in new[] { "ENABLE_SCHEDULER", "KAIROS_MAX_CONCURRENCY", "KAIROS_SHUTDOWN_TIMEOUT", "LOG_LEVEL", "LOG_FORMAT" })
        {
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_ReadKeyEqualToAdminKey_Fails() =>
        Assert.Throws<KairosStartupException>(() => Load(("KAIROS_API_KEY", "same"), ("KAIROS_READ_API_KEY", "same")));
}
