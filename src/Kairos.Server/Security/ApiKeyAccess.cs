namespace Kairos.Server.Security;

/// <summary>What a presented API key allows.</summary>
public enum ApiKeyAccess
{
    /// <summary>No key, or a key that matches neither configured key.</summary>
    None,

    /// <summary><c>KAIROS_READ_API_KEY</c>: GET and HEAD, plus endpoints marked <see cref="AllowReadKeyMetadata"/>.</summary>
    Read,

    /// <summary><c>KAIROS_API_KEY</c> (or the generated key): everything.</summary>
    Admin,
}
