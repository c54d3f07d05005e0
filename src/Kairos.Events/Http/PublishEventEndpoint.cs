using System.Text.Json;
using Kairos.Events.Bus;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Kairos.Events.Http;

/// <summary>
/// <c>POST events</c>: another system injects an event. Body <c>{"type", "source"?, "subject"?, "data"?}</c>;
/// the source defaults to <c>external</c>; any other field is refused so a typo is not silently dropped.
/// </summary>
internal static class PublishEventEndpoint
{
    public const string DefaultSource = "external";

    /// <summary>Room for the envelope around the largest accepted data.</summary>
    private const int EnvelopeBytes = 16 * 1024;

    public static async Task<IResult> PublishAsync(HttpContext httpContext, [FromServices] EventBus bus, CancellationToken cancellationToken)
    {
        var sizeLimit = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var maxBody = (long)bus.Options.MaxDataBytes + EnvelopeBytes;
        if (sizeLimit is { IsReadOnly: false } && (sizeLimit.MaxRequestBodySize is null || sizeLimit.MaxRequestBodySize > maxBody))
        {
            sizeLimit.MaxRequestBodySize = maxBody;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(httpContext.Request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Invalid("body", $"is not valid JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Event too large",
                detail: $"The request body must be at most {maxBody} bytes; event data at most {bus.Options.MaxDataBytes} bytes.");
        }

        using (document)
        {
            if (Read(document.RootElement, out var draft) is { } errors)
            {
                return Results.ValidationProblem(errors);
            }
            try
            {
                var evt = await bus.PublishAsync(draft!, cancellationToken);
                var request = httpContext.Request;
                var location = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(evt.Id)}";
                return new CloudEventResult(evt, StatusCodes.Status201Created, location);
            }
            catch (EventValidationException ex)
            {
                return Results.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
            }
        }
    }

    private static Dictionary<string, string[]>? Read(JsonElement body, out EventDraft? draft)
    {
        draft = null;
        Dictionary<string, string[]>? errors = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            EventValidator.Add(ref errors, "body", "must be a JSON object with type, and optionally source, subject and data");
            return errors;
        }
        string? type = null;
        string? source = null;
        string? subject = null;
        JsonElement? data = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    type = String(property, ref errors);
                    break;
                case "source":
                    source = String(property, ref errors);
                    break;
                case "subject":
                    subject = String(property, ref errors);
                    break;
                case "data":
                    data = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
                    break;
                default:
                    EventValidator.Add(ref errors, property.Name, "is not a known field: an event takes type, source, subject and data");
                    break;
            }
        }
        if (type is null && errors?.ContainsKey("type") != true)
        {
            EventValidator.Add(ref errors, "type", "is required");
        }
        if (errors is not null)
        {
            return errors;
        }
        draft = new EventDraft { Type = type!, Source = source ?? DefaultSource, Subject = subject, Data = data };
        return null;
    }

    private static string? String(JsonProperty property, ref Dictionary<string, string[]>? errors)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                return property.Value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                EventValidator.Add(ref errors, property.Name, "must be a string");
                return null;
        }
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
