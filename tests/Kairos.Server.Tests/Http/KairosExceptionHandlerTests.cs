using System.Text.Json;
using Kairos.Server.Configuration;
using Kairos.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Server.Tests.Http;

/// <summary>The 500 path, which no request to a working server can reach, exercised in-process with the real problem-details writer.</summary>
public class KairosExceptionHandlerTests
{
    private static async Task<(int Status, JsonElement Problem)> HandleAsync(Exception exception, bool debug)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var options = new KairosServerOptions
        {
            SchedulerTimeZone = TimeZoneInfo.Utc,
            DataDirectory = "/tmp/unused",
            PluginsDirectory = "/tmp/unused/plugins",
            NodeId = "test",
            Debug = debug,
        };
        var handler = new KairosExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), options, NullLogger<KairosExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/scheduler/jobs";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone());
    }

    private static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("secret internal state");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task UnexpectedException_Is500WithoutMessageOrStack()
    {
        var (status, problem) = await HandleAsync(Thrown(), debug: false);

        Assert.Equal(500, status);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret internal state", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Thrown), problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedException_WithDebug_ShowsTheException()
    {
        var (status, problem) = await HandleAsync(Thrown(), debug: true);

        Assert.Equal(500, status);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("secret internal state", detail, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonException_Is400NamingTheProblem()
    {
        var (status, problem) = await HandleAsync(new JsonException("'x' is an invalid start of a value."), debug: false);

        Assert.Equal(400, status);
        Assert.Contains("invalid start of a value", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadHttpRequest_KeepsItsStatus()
    {
        var (status, _) = await HandleAsync(new BadHttpRequestException("Required parameter \"id\" was not provided.", 400), debug: false);

        Assert.Equal(400, status);
    }
}
