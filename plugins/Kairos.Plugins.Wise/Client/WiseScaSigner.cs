using System.Security.Cryptography;
using System.Text;

namespace Kairos.Plugins.Wise.Client;

/// <summary>
/// Signs Wise's SCA one-time token: RSA PKCS#1 v1.5 with SHA-256 over the token's UTF-8 bytes, Base64 (integrations §2.5).
/// </summary>
public static class WiseScaSigner
{
    /// <summary>The <c>X-Signature</c> value for <paramref name="oneTimeToken"/>.</summary>
    public static string Sign(string oneTimeToken, RSA privateKey)
    {
        ArgumentNullException.ThrowIfNull(oneTimeToken);
        ArgumentNullException.ThrowIfNull(privateKey);
        return Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(oneTimeToken), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Reads a PEM RSA private key (PKCS#1 <c>RSA PRIVATE KEY</c> or PKCS#8 <c>PRIVATE KEY</c>).</summary>
    /// <exception cref="WiseScaException"><see cref="WiseScaFailure.KeyUnreadable"/>; the message does not repeat the path.</exception>
    internal static RSA LoadKey(string path, string endpoint)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or NotSupportedException)
        {
            rsa.Dispose();
            throw new WiseScaException(endpoint, WiseScaFailure.KeyUnreadable,
                $"Wise asked for strong customer authentication, but the private key file set in Plugins:wise:ScaPrivateKeyPath could not be used ({ex.GetType().Name}): it must be a readable PEM RSA private key.");
        }
    }
}
