using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Events.Tests.Support;

/// <summary>A real Kestrel on 127.0.0.1 (port 0) serving the event routes under <c>/api/v1/scheduler</c>, over a <see cref="BusHarness"/>.</summary>
internal sealed class EventsApiHost : IAsyncDisposable
{
    public const string Prefix = "/api/v1/scheduler";

    private EventsApiHost(BusHarness harness, WebApplication app, HttpClient client)
    {
        Harness = harness;
        App = app;
        Client = client;
    }

    public BusHarness Harness { get; }
    public EventBus Bus => Harness.Bus;
    public WebApplication App { get; }
    public HttpClient Client { get; }

    public static async Task<EventsApiHost> StartAsync(EventBusOptions? options = null)
    {
        var harness = await BusHarness.StartAsync(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(harness.Bus);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        var app = builder.Build();
        app.MapGroup(Prefix).MapKairosEvents();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + Prefix + "/") };
        return new EventsApiHost(harness, app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Harness.Bus.DisposeAsync(); // ends open streams, so Kestrel stops at once
        await App.StopAsync();
        await App.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
