using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Data.Http;

/// <summary>RFC 7807 answers of the data endpoints.</summary>
internal static class Problems
{
    public static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    public static IResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal));
}
