namespace Kairos.Server.Security;

/// <summary>
/// How an endpoint states its key requirement. Every endpoint needs a key by default (admin for writes,
/// read or admin for GET/HEAD); use <c>.AllowAnonymous()</c> to open one and <see cref="AllowReadKey{TBuilder}"/>
/// to let the read key call a non-GET endpoint that changes nothing.
/// </summary>
public static class ApiKeyEndpointExtensions
{
    /// <summary>Lets the read key call this endpoint whatever its method.</summary>
    public static TBuilder AllowReadKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(AllowReadKeyMetadata.Instance));
        return builder;
    }
}
