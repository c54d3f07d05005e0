using Kairos.Server.Metrics;

namespace Kairos.Server.Tests.Metrics;

public class MetricsRegistryTests
{
    private readonly MetricsRegistry _registry = new();

    private string Scrape()
    {
        var writer = new MetricsWriter();
        _registry.Collect(writer);
        return writer.Render();
    }

    [Fact]
    public void Counter_SameNameAndLabels_IsOneSeries()
    {
        _registry.Counter("kairos_runs_total", "Runs.", MetricLabels.Of("status", "ok")).Increment();
        _registry.Counter("kairos_runs_total", "Runs.", MetricLabels.Of("status", "ok")).Increment(2);
        _registry.Counter("kairos_runs_total", "Runs.", MetricLabels.Of("status", "failed")).Increment();

        var text = Scrape();
        Assert.Contains("kairos_runs_total{status=\"ok\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("kairos_runs_total{status=\"failed\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Counter_NegativeIncrement_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _registry.Counter("c_total", "h").Increment(-1));

    [Fact]
    public void Gauge_GoesUpAndDown()
    {
        var gauge = _registry.Gauge("kairos_queue_depth", "Depth.");
        gauge.Set(5);
        gauge.Increment();
        gauge.Decrement(3);

        Assert.Equal(3, gauge.Value);
        Assert.Contains("kairos_queue_depth 3\n", Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_CountsObservationsIntoInclusiveUpperBounds()
    {
        var histogram = _registry.Histogram("lag_seconds", "Lag.", [1, 2]);
        histogram.Observe(0.5);
        histogram.Observe(1);
        histogram.Observe(1.5);
        histogram.Observe(9);

        var snapshot = histogram.Snapshot();
        Assert.Equal([2L, 1L], snapshot.BucketCounts);
        Assert.Equal(4, snapshot.Count);
        Assert.Equal(12, snapshot.Sum);
        Assert.Contains("lag_seconds_bucket{le=\"+Inf\"} 4\n", Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_UnorderedBounds_Throw() =>
        Assert.Throws<ArgumentException>(() => new MetricHistogram([2, 1]));

    [Fact]
    public void SameNameAsAnotherType_Throws()
    {
        _registry.Counter("x_total", "h");

        Assert.Throws<InvalidOperationException>(() => _registry.Gauge("x_total", "h"));
    }

    [Fact]
    public async Task Counter_ConcurrentIncrements_AreAllCounted()
    {
        var counter = _registry.Counter("c_total", "h");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Increment();
            }
        })));

        Assert.Equal(40_000, counter.Value);
    }
}
