using Kairos.Server.Security;

namespace Kairos.Server.Tests.Security;

public class ApiKeySetTests
{
    private readonly ApiKeySet _keys = new("admin-secret", "read-secret");

    [Theory]
    [InlineData("admin-secret", ApiKeyAccess.Admin)]
    [InlineData("read-secret", ApiKeyAccess.Read)]
    [InlineData("admin-secreT", ApiKeyAccess.None)]
    [InlineData("admin-secret ", ApiKeyAccess.None)]
    [InlineData("admin", ApiKeyAccess.None)]
    [InlineData("", ApiKeyAccess.None)]
    [InlineData(null, ApiKeyAccess.None)]
    public void Authenticate_ClassifiesThePresentedKey(string? presented, ApiKeyAccess expected) =>
        Assert.Equal(expected, _keys.Authenticate(presented));

    [Fact]
    public void Authenticate_WithoutReadKey_NothingIsRead()
    {
        var adminOnly = new ApiKeySet("admin-secret", readKey: null);

        Assert.Equal(ApiKeyAccess.None, adminOnly.Authenticate("read-secret"));
        Assert.Equal(ApiKeyAccess.Admin, adminOnly.Authenticate("admin-secret"));
    }
}
