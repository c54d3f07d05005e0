using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Loading;

/// <summary>What a plugin resolves from its own provider: every host service the SDK names.</summary>
public sealed class PluginServicesTests
{
    private const string Probe = """
        public sealed record ProbeEvent(string FundCode, decimal Amount);

        public sealed class ProbeTask(ITradingCalendar calendar, IHostMaintenance maintenance, TimeProvider time, IPluginContext context,
            ILogger<ProbeTask> logger, IHttpClientFactory http, IPluginDatabase database, IEventPublisher publisher, IEventSubscriber subscriber,
            IConfiguration settings) : IScheduledTask
        {
            public string TaskId => "svc_probe";
            public string Name => "probe";
            public string Description => "reports the host services it was given";
            public async Task<TaskResult> ExecuteAsync(TaskContext run, CancellationToken cancellationToken)
            {
                logger.LogInformation("probing");
                using var client = http.CreateClient("probe");
                var backup = await maintenance.BackupAsync(System.IO.Path.Combine(maintenance.DataDirectory, "probe-backup.db"), cancellationToken);
                await publisher.PublishAsync("svc.probed", new ProbeEvent("000001", 1.10m), null, cancellationToken);
                await run.Events.PublishAsync("svc.run_probed", new ProbeEvent("000002", 2.20m), null, cancellationToken);
                using var subscription = subscriber.Subscribe("svc.#", (_, _) => Task.CompletedTask);
                return TaskResult.Success(new ProbeEvent(context.PluginId + "|" + database.TablePrefix + "|" + settings["Mode"] + "|" + calendar.IsTradingDay("CN", new DateOnly(2026, 3, 2))
                    + "|" + maintenance.Retention.RunDays + "|" + time.GetUtcNow().ToString("O") + "|" + backup.IsSound + "|" + (client.Timeout > TimeSpan.Zero), 0m));
            }
        }
        """;

    [Fact]
    public async Task A_plugin_resolves_every_host_service_and_its_data_crosses_as_snake_case_json()
    {
        await using var h = PluginHarness.Create(settings: new Dictionary<string, string?> { ["Plugins:svc:Mode"] = "fast" });
        h.AddPlugin("svc", PluginCompiler.PluginSource("svc", "1.0.0", "plugin.Services.AddPluginHttpClient(\"probe\"); plugin.AddTask<ProbeTask>();", types: Probe));
        await h.Manager.LoadAllAsync();
        Assert.Equal(PluginState.Loaded, h.Info("svc").State);

        var result = await h.Host.RunAsync("svc_probe");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("svc|svc_|fast|True|90|2026-03-02T09:00:00.0000000+00:00|True|True", result.Data!["fund_code"]!.GetValue<string>());
        var probed = Assert.Single(h.Host.Events, e => e.Type == "svc.probed");
        Assert.Equal("svc", probed.Source);
        Assert.Equal("""{"fund_code":"000001","amount":1.10}""", probed.Data!.Value.GetRawText());
        Assert.Equal("000002", Assert.Single(h.Host.Events, e => e.Type == "svc.run_probed").Data!.Value.GetProperty("fund_code").GetString());
        Assert.Equal(0, h.Host.SubscriptionCount);
    }
}
