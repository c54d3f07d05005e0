using Kairos.Plugins.Okx.Client;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxSettingsTests
{
    [Fact]
    public void ToString_masks_every_secret()
    {
        var settings = new OkxSettings { ApiKey = "key-123", SecretKey = "secret-456", Passphrase = "phrase-789", Instruments = ["BTC-USDT"] };
        var text = settings.ToString();
        Assert.DoesNotContain("key-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("phrase-789", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("BTC-USDT", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_follow_the_reference()
    {
        var settings = new OkxSettings();
        Assert.Equal(new Uri("https://www.okx.com"), settings.BaseUrl);
        Assert.False(settings.Simulated);
        Assert.False(settings.HasCredentials);
        Assert.Contains("ApiKey = (unset)", settings.ToString(), StringComparison.Ordinal);
    }
}
