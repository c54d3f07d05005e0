using Kairos.Events.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Events;

/// <summary>The event routes of the REST API; the host mounts them on its authenticated group (<c>/api/v1/scheduler</c>).</summary>
public static class EventEndpoints
{
    /// <summary>
    /// Maps, relative to <paramref name="group"/>: <c>GET events</c> (history, newest first, cursor paging),
    /// <c>GET events/{id}</c>, <c>POST events</c> (external publish) and <c>GET events/stream</c> (Server-Sent Events).
    /// The <see cref="EventBus"/> comes from the request's services.
    /// </summary>
    public static RouteGroupBuilder MapKairosEvents(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapGet("events", EventHistoryEndpoint.ListAsync)
            .WithName("ListEvents")
            .WithTags("Events")
            .WithSummary("Event history, newest first")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();

        group.MapGet("events/stream", EventStreamEndpoint.Stream)
            .WithName("StreamEvents")
            .WithTags("Events")
            .WithSummary("Live events as Server-Sent Events, resuming after Last-Event-ID")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem();

        group.MapGet("events/{id}", EventHistoryEndpoint.GetAsync)
            .WithName("GetEvent")
            .WithTags("Events")
            .WithSummary("One persisted event")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("events", PublishEventEndpoint.PublishAsync)
            .WithName("PublishEvent")
            .WithTags("Events")
            .WithSummary("Publishes an event from another system")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesValidationProblem();

        return group;
    }
}
