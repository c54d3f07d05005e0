using System.Net;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Http;

[Collection(KeyedServerCollection.Name)]
public class HttpHardeningTests(KeyedServerFixture fixture)
{
    private const string Preview = "api/v1/scheduler/schedules/preview";
    private const string Admin = KeyedServerFixture.AdminKey;
    private readonly KairosServerProcess _server = fixture.Server;

    [Fact]
    public async Task MalformedJson_Is400NamingWhatIsWrong()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, Admin, """{"schedule": {"type": "cron",""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
        Assert.Contains("LineNumber", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBody_Is400()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, Admin, string.Empty);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongContentType_Is415SayingWhatToSend()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, Admin, """{"schedule":{"type":"cron","hour":3}}""", "text/plain");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverOneMebibyte_Is413()
    {
        var body = """{"schedule":{"type":"cron","hour":3},"padding":" """ + new string('x', 1024 * 1024) + "\"}";

        using var response = await _server.SendAsync(HttpMethod.Post, Preview, Admin, body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1048576", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "api/v1/scheduler/no-such-thing", Admin);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/v1/scheduler/no-such-thing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        using var response = await _server.SendAsync(HttpMethod.Delete, Preview, Admin);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task ProblemDetails_UseSnakeCaseExtensions()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "api/v1/scheduler/no-such-thing", Admin);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(problem.TryGetProperty("trace_id", out _), problem.ToString());
    }
}
