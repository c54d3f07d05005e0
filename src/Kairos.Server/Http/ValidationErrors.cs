namespace Kairos.Server.Http;

/// <summary>Collects field errors in the order found, for <see cref="Problems.Validation(ValidationErrors, string?)"/>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True once any error was added.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Adds one message for a field path such as <c>schedule.hour</c>.</summary>
    public void Add(string field, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The errors in the shape of <see cref="HttpValidationProblemDetails.Errors"/>.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
