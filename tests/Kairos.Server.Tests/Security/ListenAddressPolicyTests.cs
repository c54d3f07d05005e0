using Kairos.Server.Hosting;
using Kairos.Server.Security;

namespace Kairos.Server.Tests.Security;

public class ListenAddressPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.1.2.3:80")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://127.0.0.1:5001")]
    [InlineData("http://unix:/run/kairos.sock")]
    public void IsLoopback_LoopbackAddresses_True(string url) => Assert.True(ListenAddressPolicy.IsLoopback(url));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://kairos.example:5080")]
    [InlineData("not a url")]
    public void IsLoopback_OtherAddresses_False(string url) => Assert.False(ListenAddressPolicy.IsLoopback(url));

    [Fact]
    public void Enforce_NonLoopbackWithoutExplicitKey_ThrowsNamingTheAddressAndTheFix()
    {
        var error = Assert.Throws<KairosStartupException>(() =>
            ListenAddressPolicy.Enforce(["http://127.0.0.1:1", "http://0.0.0.0:5080"], keyConfiguredExplicitly: false));

        Assert.Contains("http://0.0.0.0:5080", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("KAIROS_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enforce_NonLoopbackWithExplicitKey_Allowed() =>
        ListenAddressPolicy.Enforce(["http://0.0.0.0:5080"], keyConfiguredExplicitly: true);

    [Fact]
    public void Enforce_LoopbackWithoutKey_Allowed() =>
        ListenAddressPolicy.Enforce([ListenAddressPolicy.DefaultUrl, "http://localhost:1"], keyConfiguredExplicitly: false);
}
