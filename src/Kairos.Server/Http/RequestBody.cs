using System.Text.Json;

namespace Kairos.Server.Http;

/// <summary>Reads a JSON body by hand where it is optional or must be checked field by field.</summary>
public static class RequestBody
{
    /// <summary>
    /// The body as a JSON document; an empty body gives <paramref name="emptyValue"/> (or an error when null).
    /// Malformed JSON and a non-JSON content type give an error message instead.
    /// </summary>
    public static async Task<(JsonDocument? Document, string? Error)> ReadAsync(HttpRequest request, string? emptyValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return emptyValue is null ? (null, "a JSON body is required") : (JsonDocument.Parse(emptyValue), null);
        }
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"content type '{type}' is not JSON; send application/json");
        }
        try
        {
            return (JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 64 }), null);
        }
        catch (JsonException ex)
        {
            return (null, $"the body is not valid JSON: {ex.Message}");
        }
    }
}
