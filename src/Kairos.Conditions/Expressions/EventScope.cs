using System.Text.Json;
using Kairos.Sdk.Events;

namespace Kairos.Conditions.Expressions;

/// <summary>The event a condition can read as <c>event.type</c>, <c>event.source</c>, <c>event.subject</c> and <c>event.data.&lt;path&gt;</c>.</summary>
/// <param name="Type">Dotted event type such as <c>fund.nav.updated</c>.</param>
/// <param name="Source">The publisher: a plugin id or <c>kairos</c>.</param>
/// <param name="Subject">What the event is about, or null.</param>
/// <param name="Data">The event's JSON data, or null. Its document must stay alive while conditions are evaluated.</param>
public sealed record EventScope(string Type, string Source, string? Subject, JsonElement? Data)
{
    /// <summary>The scope of a bus event.</summary>
    public static EventScope From(KairosEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventScope(e.Type, e.Source, e.Subject, e.Data);
    }
}
