using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Fund.Http;

/// <summary>RFC 7807 answers of the fund endpoints.</summary>
internal static class Problems
{
    public static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
