namespace Kairos.Server.Http;

/// <summary>
/// Words the problems that ASP.NET Core answers without a message (unknown route, wrong method, wrong
/// content type, body too large), so every error tells the caller what to change.
/// </summary>
public static class StandardProblems
{
    /// <summary>Fills <c>detail</c> when nothing more specific set it.</summary>
    public static void AddDetail(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"No endpoint answers {request.Method} {request.Path}; the API reference is at /api/reference.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
            StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the limit of {HttpLimits.MaxRequestBodyBytes} bytes.",
            StatusCodes.Status415UnsupportedMediaType => $"Content-Type '{request.ContentType}' is not accepted; send the body as JSON with 'Content-Type: application/json'.",
            _ => null,
        };
    }
}
