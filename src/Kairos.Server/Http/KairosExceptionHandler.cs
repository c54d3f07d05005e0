using System.Text.Json;
using Kairos.Server.Configuration;
using Microsoft.AspNetCore.Diagnostics;

namespace Kairos.Server.Http;

/// <summary>
/// Turns every exception that reaches the pipeline into problem details. Bad requests detected while binding
/// (malformed JSON, wrong content type, body too large) keep their 4xx status with a message naming the
/// problem; anything else is a 500 whose detail (the exception and stack) is shown only when <c>DEBUG=true</c>.
/// </summary>
public sealed partial class KairosExceptionHandler(
    IProblemDetailsService problemDetails,
    KairosServerOptions options,
    ILogger<KairosExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to read an answer.
            return true;
        }

        var (status, detail) = Classify(exception);
        if (status >= 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }
        else
        {
            LogBadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, status, detail);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        }).ConfigureAwait(false);
    }

    private (int Status, string? Detail) Classify(Exception exception) => exception switch
    {
        // StandardProblems words these from the request.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType } bad =>
            (bad.StatusCode, null),
        BadHttpRequestException { InnerException: JsonException json } =>
            (StatusCodes.Status400BadRequest, JsonProblem(json)),
        BadHttpRequestException bad =>
            (bad.StatusCode, bad.Message),
        JsonException json =>
            (StatusCodes.Status400BadRequest, JsonProblem(json)),
        _ => (StatusCodes.Status500InternalServerError,
            options.Debug ? exception.ToString() : "An unexpected error occurred. The server log has the details."),
    };

    private static string JsonProblem(JsonException json) => $"The request body is not valid JSON: {json.Message}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected {Method} {Path} with {Status}: {Detail}")]
    private static partial void LogBadRequest(ILogger logger, string method, PathString path, int status, string? detail);
}
