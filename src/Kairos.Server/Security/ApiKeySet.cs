using System.Security.Cryptography;
using System.Text;

namespace Kairos.Server.Security;

/// <summary>
/// The admin key and the optional read key, kept only as SHA-256 hashes and compared in constant time:
/// hashing first gives equal-length inputs to <see cref="CryptographicOperations.FixedTimeEquals"/>, so
/// neither the key's content nor its length leaks through timing.
/// </summary>
public sealed class ApiKeySet
{
    private readonly byte[] _adminHash;
    private readonly byte[]? _readHash;

    public ApiKeySet(string adminKey, string? readKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(adminKey);
        _adminHash = Hash(adminKey);
        _readHash = string.IsNullOrEmpty(readKey) ? null : Hash(readKey);
    }

    /// <summary>Classifies a presented key; null or empty is <see cref="ApiKeyAccess.None"/>.</summary>
    public ApiKeyAccess Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return ApiKeyAccess.None;
        }

        var hash = Hash(presented);

        // Both comparisons always run, so the answer's timing does not tell which key was close.
        var isAdmin = CryptographicOperations.FixedTimeEquals(hash, _adminHash);
        var isRead = _readHash is not null && CryptographicOperations.FixedTimeEquals(hash, _readHash);
        return isAdmin ? ApiKeyAccess.Admin : isRead ? ApiKeyAccess.Read : ApiKeyAccess.None;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
