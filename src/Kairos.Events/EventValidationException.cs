namespace Kairos.Events;

/// <summary>An event was refused before it was written; <see cref="Errors"/> maps each bad field to its messages.</summary>
public sealed class EventValidationException : Exception
{
    public EventValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Field name (<c>type</c>, <c>source</c>, <c>subject</c>, <c>data</c>) to messages, ready for an RFC 7807 validation problem.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        "Invalid event: " + string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"));
}
