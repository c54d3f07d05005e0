using System.Net.Security;
using Kairos.Plugins.Ibkr.Gateway;
using Kairos.Plugins.Ibkr.Tests.Support;

namespace Kairos.Plugins.Ibkr.Tests.Gateway;

public class IbkrGatewayTlsTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("gateway.example.com", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLoopbackHost(string? host, bool expected) => Assert.Equal(expected, IbkrGatewayTls.IsLoopbackHost(host));

    [Theory]
    [InlineData(true, "localhost", SslPolicyErrors.RemoteCertificateChainErrors, true)]
    [InlineData(true, "127.0.0.1", SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, true)]
    [InlineData(true, "gateway.example.com", SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData(false, "localhost", SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData(false, "gateway.example.com", SslPolicyErrors.None, true)]
    [InlineData(true, null, SslPolicyErrors.RemoteCertificateChainErrors, false)]
    public void AcceptsCertificate_only_insecure_on_loopback(bool allowInsecure, string? host, SslPolicyErrors errors, bool expected) =>
        Assert.Equal(expected, IbkrGatewayTls.AcceptsCertificate(allowInsecure, host, errors));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_self_signed_loopback_gateway_is_accepted_with_AllowInsecureTls(string host)
    {
        await using var gateway = await HttpsGateway.StartAsync(IbkrHarness.Fixture("cp-iserver-auth-status.json"));
        await using var ibkr = await IbkrHarness.StartAsync();

        var status = await ibkr.Gateway(_ => new() { BaseUrl = gateway.BaseUrl(host), AllowInsecureTls = true }).EnsureAuthenticatedAsync();

        Assert.True(status.Authenticated);
    }

    [Fact]
    public async Task A_self_signed_gateway_is_refused_without_AllowInsecureTls()
    {
        await using var gateway = await HttpsGateway.StartAsync(IbkrHarness.Fixture("cp-iserver-auth-status.json"));
        await using var ibkr = await IbkrHarness.StartAsync();

        var error = await Assert.ThrowsAsync<IbkrGatewayException>(() =>
            ibkr.Gateway(_ => new() { BaseUrl = gateway.BaseUrl("127.0.0.1"), AllowInsecureTls = false }).GetAuthStatusAsync());

        Assert.Contains("AllowInsecureTls", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task AllowInsecureTls_for_a_non_loopback_host_is_reported_as_ignored()
    {
        await using var ibkr = await IbkrHarness.StartAsync();

        ibkr.Gateway(_ => new() { BaseUrl = new Uri("https://gateway.example.com:5000/v1/api"), AllowInsecureTls = true });

        Assert.Contains(ibkr.Logs.Entries, e => e.Message.Contains("AllowInsecureTls is ignored", StringComparison.Ordinal));
    }
}
