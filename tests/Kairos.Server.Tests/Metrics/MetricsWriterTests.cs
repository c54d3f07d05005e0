using Kairos.Server.Metrics;

namespace Kairos.Server.Tests.Metrics;

public class MetricsWriterTests
{
    [Fact]
    public void Render_GroupsSamplesOfOneFamilyUnderOneHeader_InFirstSeenOrder()
    {
        var writer = new MetricsWriter();
        writer.Counter("kairos_runs_total", "Runs by status.", 3, MetricLabels.Of("status", "succeeded"));
        writer.Gauge("kairos_queue_depth", "Queued writes.", 2);
        writer.Counter("kairos_runs_total", "Runs by status.", 1, MetricLabels.Of("status", "failed"));

        Assert.Equal(
            """
            # HELP kairos_runs_total Runs by status.
            # TYPE kairos_runs_total counter
            kairos_runs_total{status="succeeded"} 3
            kairos_runs_total{status="failed"} 1
            # HELP kairos_queue_depth Queued writes.
            # TYPE kairos_queue_depth gauge
            kairos_queue_depth 2

            """.ReplaceLineEndings("\n"),
            writer.Render());
    }

    [Fact]
    public void Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        var writer = new MetricsWriter();
        writer.Histogram("kairos_run_duration_seconds", "Run durations.", new HistogramSnapshot([0.5, 1], [2, 1], 4, 7.25), MetricLabels.Of("job", "a"));

        Assert.Equal(
            """
            # HELP kairos_run_duration_seconds Run durations.
            # TYPE kairos_run_duration_seconds histogram
            kairos_run_duration_seconds_bucket{job="a",le="0.5"} 2
            kairos_run_duration_seconds_bucket{job="a",le="1"} 3
            kairos_run_duration_seconds_bucket{job="a",le="+Inf"} 4
            kairos_run_duration_seconds_sum{job="a"} 7.25
            kairos_run_duration_seconds_count{job="a"} 4

            """.ReplaceLineEndings("\n"),
            writer.Render());
    }

    [Fact]
    public void LabelValues_AreEscaped()
    {
        var writer = new MetricsWriter();
        writer.Gauge("g", "h", 1, MetricLabels.Of("v", "a\"b\\c\nd"));

        Assert.Contains("g{v=\"a\\\"b\\\\c\\nd\"} 1\n", writer.Render(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    public void Format_SpecialAndOrdinaryValues(double value, string expected) =>
        Assert.Equal(expected, MetricsWriter.Format(value));

    [Fact]
    public void SameSeriesTwice_KeepsTheFirst()
    {
        var writer = new MetricsWriter();
        writer.Gauge("g", "h", 1);
        writer.Gauge("g", "h", 2);

        Assert.Single(writer.Render().Split('\n'), line => line.StartsWith("g ", StringComparison.Ordinal));
        Assert.Contains("g 1\n", writer.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void OneNameAsTwoTypes_Throws()
    {
        var writer = new MetricsWriter();
        writer.Gauge("m", "h", 1);

        Assert.Throws<InvalidOperationException>(() => writer.Counter("m", "h", 1));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void InvalidMetricName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new MetricsWriter().Gauge(name, "h", 1));

    [Theory]
    [InlineData("le")]
    [InlineData("__reserved")]
    [InlineData("with space")]
    public void InvalidLabelName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => MetricLabels.Of(name, "v"));
}
