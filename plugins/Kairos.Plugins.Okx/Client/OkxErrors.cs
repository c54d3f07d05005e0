using System.Globalization;
using Kairos.Plugins.Okx.Client.Errors;

namespace Kairos.Plugins.Okx.Client;

/// <summary>Maps an OKX error code (and the HTTP status when there is no code) to the exception a caller sees.</summary>
internal static class OkxErrors
{
    /// <summary>Codes meaning "slow down": backed off and retried within the call.</summary>
    public static bool IsRateLimit(string? code) => code is "50011" or "50013";

    /// <summary>Codes that say "try again" with an HTTP status the generic pipeline does not retry (50004 arrives with 400).</summary>
    public static bool IsTryAgain(string? code) => code is "50004";

    /// <summary>The request timestamp was outside OKX's window.</summary>
    public static bool IsTimestampRejected(string? code) => code is "50102";

    public static OkxException Create(string? code, string? message, int httpStatus, string call, string? instrumentId)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "" : $": {message.Trim()}";
        return code switch
        {
            null => ForStatus(httpStatus, call),
            "50011" or "50013" => new OkxRateLimitException($"OKX kept answering 'rate limit reached' ({code}{detail}) on {call}; try again later.", code, httpStatus),
            "50001" or "50004" or "50026" => new OkxServiceException($"OKX is temporarily unavailable ({code}{detail}) on {call}; try again later.", code, httpStatus),
            "50101" => Credentials("the API key does not match the environment: a demo key needs Plugins:okx:Simulated=true, a live key needs it false", code, detail, httpStatus),
            "50102" => new OkxClockException($"OKX rejected the request timestamp ({code}{detail}) on {call} even after re-measuring the clock offset; check the server clock.", code, httpStatus),
            "50103" => Credentials("the OK-ACCESS-KEY header is missing: set Plugins:okx:ApiKey", code, detail, httpStatus),
            "50104" => Credentials("the OK-ACCESS-PASSPHRASE header is missing: set Plugins:okx:Passphrase", code, detail, httpStatus),
            "50105" => Credentials("the passphrase is wrong: check Plugins:okx:Passphrase", code, detail, httpStatus),
            "50106" or "50107" => Credentials("a required OK-ACCESS header is missing", code, detail, httpStatus),
            "50110" => Credentials("this server's IP address is not in the API key's allow-list: add it in OKX", code, detail, httpStatus),
            "50111" => Credentials("the API key is invalid: check Plugins:okx:ApiKey", code, detail, httpStatus),
            "50113" => Credentials("the request signature is invalid: check Plugins:okx:SecretKey", code, detail, httpStatus),
            "50119" => Credentials("the API key does not exist: check Plugins:okx:ApiKey", code, detail, httpStatus),
            "50120" => Credentials("the API key lacks the permission for this call: give it Read permission", code, detail, httpStatus),
            "51001" => new OkxInstrumentNotFoundException(instrumentId ?? "(unknown)", code, httpStatus),
            _ => new OkxApiException($"OKX answered error {code}{detail} on {call}.", code, httpStatus),
        };
    }

    private static OkxCredentialsException Credentials(string what, string code, string detail, int httpStatus) =>
        new($"OKX rejected the credentials ({code}{detail}): {what}. Not retried.", code, httpStatus);

    private static OkxException ForStatus(int status, string call) => status switch
    {
        401 or 403 => new OkxCredentialsException(string.Create(CultureInfo.InvariantCulture, $"OKX answered HTTP {status} on {call} without an error code: check the API key, secret and passphrase."), null, status),
        429 => new OkxRateLimitException(string.Create(CultureInfo.InvariantCulture, $"OKX kept answering HTTP 429 on {call}; try again later."), null, status),
        >= 500 => new OkxServiceException(string.Create(CultureInfo.InvariantCulture, $"OKX answered HTTP {status} on {call}; try again later."), null, status),
        _ => new OkxServiceException(string.Create(CultureInfo.InvariantCulture, $"OKX answered HTTP {status} on {call} without a readable body."), null, status),
    };
}
