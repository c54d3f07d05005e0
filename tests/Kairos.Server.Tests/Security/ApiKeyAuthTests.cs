using System.Net;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Security;

[Collection(KeyedServerCollection.Name)]
public class ApiKeyAuthTests(KeyedServerFixture fixture)
{
    private const string Preview = "api/v1/scheduler/schedules/preview";
    private const string PreviewBody = """{"schedule":{"type":"cron","hour":3},"from":"2026-01-01T00:00:00+08:00","count":1}""";
    private readonly KairosServerProcess _server = fixture.Server;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(KeyedServerFixture.AdminKey + "x")]
    public async Task MissingOrWrongKey_Is401WithBearerChallenge(string? key)
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "metrics", key);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task MissingKey_Is401EvenForMalformedBodiesAndUnknownRoutes()
    {
        using var malformed = await _server.SendAsync(HttpMethod.Post, Preview, key: null, body: "{");
        using var unknown = await _server.SendAsync(HttpMethod.Get, "api/v1/scheduler/jobs/nope");

        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReadKey_OnAWrite_Is403()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "api/v1/scheduler/jobs", KeyedServerFixture.ReadKey, "{}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("KAIROS_API_KEY", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadKey_MayRead(bool inXApiKeyHeader)
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "metrics", KeyedServerFixture.ReadKey, keyInXApiKeyHeader: inXApiKeyHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadKey_MayPreviewSchedules()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, KeyedServerFixture.ReadKey, PreviewBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AdminKey_MayWrite_AsBearerOrXApiKey(bool inXApiKeyHeader)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, KeyedServerFixture.AdminKey, PreviewBody, keyInXApiKeyHeader: inXApiKeyHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BearerScheme_IsCaseInsensitive()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + KeyedServerFixture.AdminKey);

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
