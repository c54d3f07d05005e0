using Kairos.Plugins.Ibkr.Flex;

namespace Kairos.Plugins.Ibkr.Tests.Flex;

public class FlexErrorCodesTests
{
    [Theory]
    [InlineData(1003, FlexErrorKind.NotAvailable)]
    [InlineData(1004, FlexErrorKind.NotReady)]
    [InlineData(1005, FlexErrorKind.NotReady)]
    [InlineData(1006, FlexErrorKind.NotReady)]
    [InlineData(1007, FlexErrorKind.NotReady)]
    [InlineData(1008, FlexErrorKind.NotReady)]
    [InlineData(1009, FlexErrorKind.NotReady)]
    [InlineData(1010, FlexErrorKind.Configuration)]
    [InlineData(1011, FlexErrorKind.Configuration)]
    [InlineData(1012, FlexErrorKind.Credentials)]
    [InlineData(1013, FlexErrorKind.Configuration)]
    [InlineData(1014, FlexErrorKind.Configuration)]
    [InlineData(1015, FlexErrorKind.Credentials)]
    [InlineData(1016, FlexErrorKind.Configuration)]
    [InlineData(1017, FlexErrorKind.InvalidReference)]
    [InlineData(1018, FlexErrorKind.NotReady)]
    [InlineData(1019, FlexErrorKind.NotReady)]
    [InlineData(1020, FlexErrorKind.Configuration)]
    [InlineData(1021, FlexErrorKind.NotReady)]
    public void Every_documented_code_has_a_kind_and_a_message_naming_it(int code, FlexErrorKind kind)
    {
        var (actualKind, message) = FlexErrorCodes.Describe(code, "ibkr text");

        Assert.Equal(kind, actualKind);
        Assert.Contains($"({code})", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_code_quotes_ibkrs_message()
    {
        var (kind, message) = FlexErrorCodes.Describe(1099, "Something new.");

        Assert.Equal(FlexErrorKind.Service, kind);
        Assert.Contains("1099", message, StringComparison.Ordinal);
        Assert.Contains("Something new.", message, StringComparison.Ordinal);
    }
}
