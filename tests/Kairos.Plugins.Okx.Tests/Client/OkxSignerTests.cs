using Kairos.Plugins.Okx.Client;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxSignerTests
{
    private const string Secret = "22582BD0CFF14C41EDBF1AB98506286D";

    [Theory]
    [InlineData("2020-12-08T09:08:57.715Z", "GET", "/api/v5/account/balance?ccy=BTC", "", "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=")]
    [InlineData("2020-12-08T09:08:57.715Z", "GET", "/api/v5/account/balance", "", "AkD5YszBhggtIyjDlmTy/9PpNVntel+1Lff8wh0qpQw=")]
    [InlineData("2024-03-05T01:02:03.004Z", "GET", "/api/v5/asset/balances?ccy=BTC,USDT", "", "lU9zEUaVGQtM1sRzkw/70Cypo699DT9BrIbeXXQ4Pbg=")]
    [InlineData("2024-03-05T01:02:03.004Z", "POST", "/api/v5/account/set-leverage", """{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}""", "4pfjghMnrIDuV0gwxSTiiSe9WUG0Mt6R5X1G1lbgvLA=")]
    public void Sign_published_test_vectors(string timestamp, string method, string requestPath, string body, string expected)
    {
        Assert.Equal(expected, OkxSigner.Sign(Secret, timestamp, method, requestPath, body));
    }

    [Fact]
    public void Sign_uppercases_the_method()
    {
        Assert.Equal("HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=",
            OkxSigner.Sign(Secret, "2020-12-08T09:08:57.715Z", "get", "/api/v5/account/balance?ccy=BTC", null));
    }

    [Fact]
    public void Prehash_is_timestamp_method_path_and_body()
    {
        Assert.Equal("2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC",
            OkxSigner.Prehash("2020-12-08T09:08:57.715Z", "GET", "/api/v5/account/balance?ccy=BTC", null));
    }

    [Fact]
    public void FormatTimestamp_is_utc_iso8601_with_milliseconds()
    {
        var instant = new DateTimeOffset(2020, 12, 8, 17, 8, 57, 715, TimeSpan.FromHours(8));
        Assert.Equal("2020-12-08T09:08:57.715Z", OkxSigner.FormatTimestamp(instant));
        Assert.Equal("2024-03-05T01:02:03.004Z", OkxSigner.FormatTimestamp(new DateTimeOffset(2024, 3, 5, 1, 2, 3, 4, TimeSpan.Zero)));
    }
}
