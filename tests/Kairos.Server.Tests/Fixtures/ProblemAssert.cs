using System.Net;
using System.Text.Json;

namespace Kairos.Server.Tests.Fixtures;

/// <summary>Asserts that an answer is RFC 7807 problem details with the expected status.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>A 400 validation problem; returns its <c>errors</c> as field → messages.</summary>
    public static async Task<Dictionary<string, string[]>> IsValidationProblemAsync(HttpResponseMessage response)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No 'errors' in {problem}");
        return errors.EnumerateObject().ToDictionary(
            field => field.Name,
            field => field.Value.EnumerateArray().Select(message => message.GetString()!).ToArray());
    }
}
