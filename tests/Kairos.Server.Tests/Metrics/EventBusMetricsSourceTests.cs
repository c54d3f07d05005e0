using Kairos.Events;
using Kairos.Server.Metrics;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Server.Tests.Metrics;

public sealed class EventBusMetricsSourceTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kairos-metrics-test-");
    private SqliteKairosStore _store = null!;
    private EventBus _bus = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = _data.FullName });
        await _store.InitializeAsync();
        _bus = new EventBus(_store.Events, TimeProvider.System, NullLogger<EventBus>.Instance);
        await _bus.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync(CancellationToken.None);
        await _bus.DisposeAsync();
        await _store.DisposeAsync();
        _data.Delete(recursive: true);
    }

    private static string Scrape(IServiceProvider services)
    {
        var writer = new MetricsWriter();
        new EventBusMetricsSource(services).Collect(writer);
        return writer.Render();
    }

    [Fact]
    public async Task PublishedEvents_AreCounted()
    {
        var services = new ServiceCollection().AddSingleton(_bus).BuildServiceProvider();
        Assert.Contains("kairos_events_published_total 0\n", Scrape(services), StringComparison.Ordinal);

        await _bus.PublishAsync(new EventDraft { Type = "test.happened", Source = "tests" });
        await _bus.PublishAsync(new EventDraft { Type = "test.happened", Source = "tests" });

        Assert.Contains("kairos_events_published_total 2\n", Scrape(services), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnEventBus_WritesNothing() =>
        Assert.Equal(string.Empty, Scrape(new ServiceCollection().BuildServiceProvider()));
}
