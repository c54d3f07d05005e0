namespace Kairos.Server.Security;

/// <summary>
/// Endpoint metadata: this non-GET endpoint changes nothing, so the read key may call it
/// (e.g. <c>POST /api/v1/scheduler/schedules/preview</c>). Add it with <see cref="ApiKeyEndpointExtensions.AllowReadKey{TBuilder}"/>.
/// </summary>
public sealed class AllowReadKeyMetadata
{
    /// <summary>The shared instance.</summary>
    public static AllowReadKeyMetadata Instance { get; } = new();

    private AllowReadKeyMetadata()
    {
    }
}
