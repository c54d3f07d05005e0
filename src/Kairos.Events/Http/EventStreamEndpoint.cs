using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Kairos.Events.Http;

/// <summary>
/// <c>GET events/stream?type=</c>: events as Server-Sent Events. A persisted event is sent as
/// <c>id: &lt;sequence&gt;</c>, <c>event: &lt;type&gt;</c>, <c>data: &lt;CloudEvent JSON&gt;</c>; a live-only event has no
/// <c>id</c> line, so a reconnecting client's <c>Last-Event-ID</c> is always a log sequence and the stream resumes
/// right after it with nothing lost. A comment line every 15 seconds keeps proxies from closing an idle stream.
/// </summary>
internal static class EventStreamEndpoint
{
    public const string LastEventIdHeader = "Last-Event-ID";
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static IResult Stream(HttpContext httpContext, [FromServices] EventBus bus)
    {
        Dictionary<string, string[]>? errors = null;
        TopicPattern? pattern = null;
        var type = httpContext.Request.Query["type"];
        if (type.Count > 1)
        {
            Bus.EventValidator.Add(ref errors, "type", "must be given at most once");
        }
        else if (type.Count == 1 && !string.IsNullOrEmpty(type[0]) && !TopicPattern.TryParse(type[0], out pattern, out var error))
        {
            Bus.EventValidator.Add(ref errors, "type", error!);
        }
        long? afterSequence = null;
        var lastEventId = httpContext.Request.Headers[LastEventIdHeader].ToString();
        if (!string.IsNullOrWhiteSpace(lastEventId))
        {
            if (long.TryParse(lastEventId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                afterSequence = sequence;
            }
            else
            {
                Bus.EventValidator.Add(ref errors, LastEventIdHeader, "must be the id of an event received from this stream (a sequence number)");
            }
        }
        return errors is not null ? Results.ValidationProblem(errors) : new ServerSentEventsResult(bus, pattern, afterSequence);
    }

    private sealed class ServerSentEventsResult(EventBus bus, TopicPattern? pattern, long? afterSequence) : IResult
    {
        private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
            var cancellationToken = stop.Token;
            var events = bus.StreamAsync(pattern, afterSequence, cancellationToken).GetAsyncEnumerator(cancellationToken);
            // The first MoveNextAsync registers the stream synchronously, so once the client has the headers no
            // event can slip by unseen.
            var next = events.MoveNextAsync().AsTask();
            var buffer = new ArrayBufferWriter<byte>(1024);
            try
            {
                await response.Body.FlushAsync(cancellationToken);
                var heartbeat = Task.Delay(HeartbeatInterval, bus.Time, cancellationToken);
                while (true)
                {
                    if (await Task.WhenAny(next, heartbeat) == heartbeat)
                    {
                        await heartbeat; // throws when the client has gone
                        await response.Body.WriteAsync(Heartbeat, cancellationToken);
                        await response.Body.FlushAsync(cancellationToken);
                        heartbeat = Task.Delay(HeartbeatInterval, bus.Time, cancellationToken);
                        continue;
                    }
                    if (!await next)
                    {
                        break; // the bus stopped
                    }
                    buffer.ResetWrittenCount();
                    Format(buffer, events.Current);
                    await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    next = events.MoveNextAsync().AsTask();
                }
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
                // The client disconnected.
            }
            finally
            {
                // An enumerator cannot be disposed while a MoveNextAsync is pending: cancel it and let it finish.
                await stop.CancelAsync();
                try
                {
                    await next;
                }
                catch (OperationCanceledException)
                {
                    // Expected: cancelled above.
                }
                await events.DisposeAsync();
            }
        }

        private static void Format(ArrayBufferWriter<byte> buffer, KairosEvent evt)
        {
            if (evt.Sequence > 0)
            {
                Append(buffer, "id: ");
                Append(buffer, evt.Sequence.ToString(CultureInfo.InvariantCulture));
                Append(buffer, "\n");
            }
            Append(buffer, "event: ");
            Append(buffer, evt.Type); // a valid type has no line break
            Append(buffer, "\ndata: ");
            using (var writer = new Utf8JsonWriter(buffer))
            {
                CloudEventJson.Write(writer, evt); // compact: one line
            }
            Append(buffer, "\n\n");
        }

        private static void Append(ArrayBufferWriter<byte> buffer, string text)
        {
            var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            buffer.Advance(Encoding.UTF8.GetBytes(text, span));
        }
    }
}
