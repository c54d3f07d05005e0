using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kairos.Plugins.Okx.Client;

/// <summary>The OKX v5 request signature: <c>Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))</c>.</summary>
public static class OkxSigner
{
    /// <summary>Formats an instant the way <c>OK-ACCESS-TIMESTAMP</c> expects: UTC ISO-8601 with milliseconds (<c>2020-12-08T09:08:57.715Z</c>).</summary>
    public static string FormatTimestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The pre-hash string: timestamp + upper-case method + path with query exactly as sent + body (empty for GET).</summary>
    public static string Prehash(string timestamp, string method, string requestPath, string? body) =>
        timestamp + method.ToUpperInvariant() + requestPath + (body ?? string.Empty);

    /// <summary>Computes the <c>OK-ACCESS-SIGN</c> value.</summary>
    /// <param name="secret">The API secret key.</param>
    /// <param name="timestamp">Exactly the <c>OK-ACCESS-TIMESTAMP</c> header value.</param>
    /// <param name="method">HTTP method; upper-cased.</param>
    /// <param name="requestPath">Path including the query string, same order and encoding as the URL sent.</param>
    /// <param name="body">JSON body for POST; null or empty for GET.</param>
    public static string Sign(string secret, string timestamp, string method, string requestPath, string? body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var message = Encoding.UTF8.GetBytes(Prehash(timestamp, method, requestPath, body));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
