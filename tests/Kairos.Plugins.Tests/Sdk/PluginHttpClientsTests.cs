using System.Net;
using Kairos.Sdk.Http;
using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Tests.Sdk;

public sealed class PluginHttpClientsTests
{
    [Fact]
    public async Task Every_plugin_client_retries_transient_failures_through_the_standard_pipeline()
    {
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/flaky", () => Interlocked.Increment(ref calls) < 3 ? Results.StatusCode(503) : Results.Ok("fine"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        var services = new ServiceCollection();
        services.AddKairosHttpClientDefaults();
        services.AddPluginHttpClient("flaky", client => client.BaseAddress = new Uri(address),
            new HttpResilienceSettings { BaseDelay = TimeSpan.Zero, MaxRetries = 3 });
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("flaky");

        using var response = await client.GetAsync(new Uri("/flaky", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, calls);
        await app.StopAsync();
    }
}
