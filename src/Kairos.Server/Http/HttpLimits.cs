namespace Kairos.Server.Http;

/// <summary>Limits applied to every request.</summary>
public static class HttpLimits
{
    /// <summary>The largest request body accepted (1 MiB); larger bodies get 413.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
}
