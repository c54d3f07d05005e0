using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server.Http;

/// <summary>
/// The one way Kairos endpoints answer with an error: RFC 7807 problem details. Validation errors map each
/// field path (<c>schedule.hour</c>, <c>count</c>) to its messages, the shape of ASP.NET's
/// <see cref="HttpValidationProblemDetails"/>.
/// </summary>
public static class Problems
{
    /// <summary>400 with <c>errors</c> mapping field → messages.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "One or more validation errors occurred.");

    /// <summary>400 with <c>errors</c> collected in a <see cref="ValidationErrors"/>.</summary>
    public static ValidationProblem Validation(ValidationErrors errors, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Validation(errors.ToDictionary().ToDictionary(), detail);
    }

    /// <summary>400 with a single field error.</summary>
    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 for a request that is wrong as a whole rather than in one field.</summary>
    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);

    /// <summary>404 naming what was not found (<c>"job 'x' does not exist"</c>).</summary>
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    /// <summary>409 explaining the conflicting state and what the caller can do.</summary>
    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, detail);

    /// <summary>Any status with a detail; title and type come from the status.</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>Writes a problem answer from middleware, where no <see cref="IResult"/> can be returned.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        }).ConfigureAwait(false);
    }
}
