using System.Text.Json;
using Kairos.Sdk.Events;

namespace Kairos.Plugins.Portfolio.Tests.Support.Hosting;

/// <summary>Publishes into a list (data serialised to JSON with the plugin's options, as the host's bus does).</summary>
internal sealed class RecordingEventPublisher(string source, JsonSerializerOptions options, TimeProvider time, List<KairosEvent> sink) : IEventPublisher
{
    private static long s_sequence;

    public string? RunId { get; init; }

    public Task<KairosEvent> PublishAsync(string type, object? data = null, string? subject = null, CancellationToken cancellationToken = default)
    {
        var evt = new KairosEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = type,
            Source = source,
            Time = time.GetUtcNow(),
            Subject = subject,
            Data = data is null ? null : JsonSerializer.SerializeToElement(data, data.GetType(), options),
            RunId = RunId,
            Sequence = Interlocked.Increment(ref s_sequence),
        };
        lock (sink)
        {
            sink.Add(evt);
        }
        return Task.FromResult(evt);
    }
}
