using System.Security.Cryptography;
using System.Text;
using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Wise.Tests.Client;

public sealed class WiseStatementScaTests : IDisposable
{
    private const string StatementPath = "/v1/profiles/30000001/balance-statements/200001/statement.json";
    private const string OneTimeToken = "5d2e9a10-4b6c-4e1d-9c3a-7f0e1d2c3b4a";
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2024, 6, 2, 23, 59, 59, 999, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("kairos-wise-sca-").FullName;
    // Key generation is slow: one key (the one "uploaded" to Wise) for the whole class.
    private static readonly RSA _key = RSA.Create(2048);
    private int _verifiedSignatures;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Statement_ScaChallenge_SignsTheOneTimeTokenAndRepeatsOnce()
    {
        var keyPath = WriteKey(_key.ExportPkcs8PrivateKeyPem());
        await using var h = await WiseHarness.StartAsync(s => s with { ScaPrivateKeyPath = keyPath });
        h.Server.Handle("GET", StatementPath, ctx => WiseLikeScaAsync(ctx, _key));

        var statement = await h.Client.GetBalanceStatementAsync(WiseHarness.ProfileId, 200001, "EUR", Start, End);

        Assert.Equal(1, _verifiedSignatures);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(h.Server.Requests[0].PathAndQuery, h.Server.Requests[1].PathAndQuery);
        Assert.Equal(
            StatementPath + "?currency=EUR&intervalStart=2024-05-01T00%3A00%3A00.000Z&intervalEnd=2024-06-02T23%3A59%3A59.999Z&type=COMPACT",
            h.Server.Requests[0].PathAndQuery);
        Assert.Null(h.Server.Requests[0].Header("X-Signature"));
        Assert.Equal(OneTimeToken, h.Server.Requests[1].Header("x-2fa-approval"));
        Assert.Equal(200001, statement.BalanceId);
        Assert.Equal(2, statement.Transactions.Count);
        var card = statement.Transactions[0];
        Assert.Equal(new WiseStatementTransaction("CARD-77001", new DateTimeOffset(2024, 5, 31, 7, 12, 30, 123, TimeSpan.Zero), "DEBIT",
            new WiseMoney(-4.2m, "EUR"), new WiseMoney(0m, "EUR"), "CARD", "Card transaction of 4.20 EUR issued by Coffee Corner LONDON",
            new WiseMoney(1520.37m, "EUR")), card);
        Assert.Equal(new WiseMoney(1520.37m, "EUR"), statement.EndOfStatementBalance);
        var signature = h.Server.Requests[1].Header("X-Signature")!;
        Assert.DoesNotContain(signature, h.Logs.AllText, StringComparison.Ordinal);
        h.AssertTokenNeverLeaked(statement, statement.Transactions);
    }

    [Fact]
    public async Task Statement_ScaChallengeWithPkcs1Key_AlsoWorks()
    {
        var keyPath = WriteKey(_key.ExportRSAPrivateKeyPem());
        await using var h = await WiseHarness.StartAsync(s => s with { ScaPrivateKeyPath = keyPath });
        h.Server.Handle("GET", StatementPath, ctx => WiseLikeScaAsync(ctx, _key));

        var statement = await h.Client.GetBalanceStatementAsync(WiseHarness.ProfileId, 200001, "EUR", Start, End);

        Assert.Equal(2, statement.Transactions.Count);
        Assert.Equal(1, _verifiedSignatures);
    }

    [Fact]
    public async Task Statement_ScaChallengeWithoutKey_ThrowsClearScaError()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(f => f.Sequence.Contains("sca:1") || f.Sequence.Contains("sca:2"));

        var ex = await Assert.ThrowsAsync<WiseScaException>(() => h.Client.GetBalanceStatementAsync(WiseHarness.ProfileId, 200001, "EUR", Start, End));

        Assert.Equal(WiseScaFailure.NoKey, ex.Failure);
        Assert.Contains("strong customer authentication", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Plugins:wise:ScaPrivateKeyPath", ex.Message, StringComparison.Ordinal);
        Assert.Equal(403, ex.StatusCode);
        Assert.Single(h.Server.Requests);
        h.AssertTokenNeverLeaked(ex);
    }

    [Fact]
    public async Task Statement_SignedRepeatRefused_ThrowsRejectedAfterExactlyOneRepeat()
    {
        using var otherKey = RSA.Create(1024);
        var keyPath = WriteKey(otherKey.ExportPkcs8PrivateKeyPem()); // not the key Wise knows
        await using var h = await WiseHarness.StartAsync(s => s with { ScaPrivateKeyPath = keyPath });
        h.Server.Handle("GET", StatementPath, ctx => WiseLikeScaAsync(ctx, _key));

        var ex = await Assert.ThrowsAsync<WiseScaException>(() => h.Client.GetBalanceStatementAsync(WiseHarness.ProfileId, 200001, "EUR", Start, End));

        Assert.Equal(WiseScaFailure.Rejected, ex.Failure);
        Assert.Contains("public key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _verifiedSignatures);
        Assert.Equal(2, h.Server.Requests.Count);
        h.AssertTokenNeverLeaked(ex);
    }

    [Fact]
    public async Task Statement_KeyFileUnreadable_ThrowsKeyUnreadableWithoutThePath()
    {
        var keyPath = WriteKey("not a pem file");
        await using var h = await WiseHarness.StartAsync(s => s with { ScaPrivateKeyPath = keyPath });
        h.Server.Handle("GET", StatementPath, ctx => WiseLikeScaAsync(ctx, _key));

        var ex = await Assert.ThrowsAsync<WiseScaException>(() => h.Client.GetBalanceStatementAsync(WiseHarness.ProfileId, 200001, "EUR", Start, End));

        Assert.Equal(WiseScaFailure.KeyUnreadable, ex.Failure);
        Assert.DoesNotContain(_folder, ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void Sign_RoundTrip_VerifiesWithThePublicKey()
    {
        var signature = WiseScaSigner.Sign(OneTimeToken, _key);

        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(_key.ExportSubjectPublicKeyInfoPem());
        Assert.True(publicKey.VerifyData(Encoding.UTF8.GetBytes(OneTimeToken), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(publicKey.VerifyData(Encoding.UTF8.GetBytes(OneTimeToken + "x"), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Answers like Wise: 403 + one-time token, then 200 only for a request signed with the uploaded key.</summary>
    private async Task WiseLikeScaAsync(HttpContext ctx, RSA uploadedKey)
    {
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(uploadedKey.ExportSubjectPublicKeyInfoPem());
        var ott = ctx.Request.Headers["x-2fa-approval"].ToString();
        var signature = ctx.Request.Headers["X-Signature"].ToString();
        if (ott.Length == 0 || signature.Length == 0)
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.Headers["x-2fa-approval-result"] = "REJECTED";
            ctx.Response.Headers["x-2fa-approval"] = OneTimeToken;
            return;
        }
        var valid = ott == OneTimeToken && TryFromBase64(signature) is { } bytes
            && publicKey.VerifyData(Encoding.UTF8.GetBytes(ott), bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!valid)
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.Headers["x-2fa-approval-result"] = "REJECTED";
            return;
        }
        Interlocked.Increment(ref _verifiedSignatures);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers["x-2fa-approval-result"] = "APPROVED";
        await ctx.Response.Body.WriteAsync(WiseHarness.Fixture("v1-profiles-balance-statements-statement.json"));
    }

    private static byte[]? TryFromBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private string WriteKey(string pem)
    {
        var path = Path.Combine(_folder, $"key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, pem);
        return path;
    }
}
