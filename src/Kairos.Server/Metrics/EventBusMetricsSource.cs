using Kairos.Events;

namespace Kairos.Server.Metrics;

/// <summary>
/// Exports <see cref="EventBusMetrics"/> at scrape time. The bus is looked up per scrape rather than injected,
/// so <c>/metrics</c> keeps working (without these series) in a host that has no event bus registered.
/// </summary>
public sealed class EventBusMetricsSource(IServiceProvider services) : IMetricsSource
{
    /// <inheritdoc />
    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (services.GetService<EventBus>() is not { } bus)
        {
            return;
        }

        var m = bus.Metrics.Snapshot();
        writer.Counter("kairos_events_published_total", "Events made durable in the event log.", m.Published);
        writer.Counter("kairos_event_publish_failures_total", "Events whose write to the event log failed.", m.PublishFailures);
        writer.Counter("kairos_events_transient_dispatched_total", "Live-only events dispatched without being written.", m.TransientDispatched);
        writer.Counter("kairos_events_transient_dropped_total", "Live-only events a full subscriber queue could not take.", m.TransientDropped);
        writer.Counter("kairos_event_deliveries_total", "Deliveries of an event to a subscription's handler.", m.Dispatched);
        writer.Counter("kairos_event_handler_failures_total", "Event handler calls that threw.", m.HandlerFailures);
        writer.Counter("kairos_event_handler_retries_total", "Event handler calls repeated after a failure.", m.HandlerRetries);
        writer.Counter("kairos_event_handler_given_up_total", "Events a handler failed on every attempt.", m.GivenUp);
        writer.Counter("kairos_event_subscriber_catch_ups_total", "Times a subscriber fell behind and caught up from the event log.", m.SubscriberCatchUps);
        writer.Gauge("kairos_event_publishes_pending", "Publishes waiting for the group commit.", m.PendingPublishes);
        foreach (var queue in m.Queues)
        {
            var labels = MetricLabels.Of("subscriber", queue.Name);
            writer.Gauge("kairos_event_subscriber_queue_depth", "Events waiting in a subscriber's queue.", queue.Depth, labels);
            writer.Gauge("kairos_event_subscriber_lagging", "1 while a subscriber catches up from the event log.", queue.Lagging ? 1 : 0, labels);
        }
    }
}
