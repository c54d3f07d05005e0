using System.Text.Json;

namespace Kairos.Events.Tests.Support;

internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The field names of an RFC 7807 validation problem's <c>errors</c>.</summary>
    public static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(response);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
