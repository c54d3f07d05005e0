using System.Text.Json;
using Kairos.Sdk.Events;
using Kairos.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace Kairos.Events.Http;

/// <summary>Responses that carry events, written with <see cref="CloudEventJson"/> whatever the host's JSON options are.</summary>
internal sealed class CloudEventResult(KairosEvent evt, int statusCode, string? location = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            CloudEventJson.Write(writer, evt);
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary><c>{"items":[…], "next_cursor": "…" | null}</c>.</summary>
internal sealed class CloudEventPageResult(Page<KairosEvent> page) : IResult
{
    private const int FlushThreshold = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var evt in page.Items)
            {
                CloudEventJson.Write(writer, evt);
                // A page may hold up to 1,000 events of up to 256 KiB each: send as we go rather than buffer it all.
                if (writer.BytesPending > FlushThreshold)
                {
                    writer.Flush();
                    await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
                }
            }
            writer.WriteEndArray();
            if (page.NextCursor is null)
            {
                writer.WriteNull("next_cursor");
            }
            else
            {
                writer.WriteString("next_cursor", page.NextCursor);
            }
            writer.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
