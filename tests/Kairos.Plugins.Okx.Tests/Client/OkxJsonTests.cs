using System.Text.Json;
using Kairos.Plugins.Okx.Client;
using Kairos.Plugins.Okx.Client.Errors;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxJsonTests
{
    [Theory]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("2514.83720000", "2514.83720000")]
    [InlineData("-3.3625", "-3.3625")]
    [InlineData("612553402.56201283", "612553402.56201283")]
    [InlineData("0.000000000000000001", "0.000000000000000001")]
    [InlineData("1e-8", "0.00000001")]
    public void ParseDecimal_is_exact(string text, string expected)
    {
        var value = OkxJson.ParseDecimal(text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Empty_string_and_missing_fields_are_null()
    {
        using var document = JsonDocument.Parse("""{"a":"","b":null,"c":"1.5"}""");
        var root = document.RootElement;
        Assert.Null(OkxJson.Decimal(root, "a", "test"));
        Assert.Null(OkxJson.Decimal(root, "b", "test"));
        Assert.Null(OkxJson.Decimal(root, "missing", "test"));
        Assert.Equal(1.5m, OkxJson.Decimal(root, "c", "test"));
        Assert.Null(OkxJson.Text(root, "a"));
        Assert.Null(OkxJson.EpochMilliseconds(root, "a", "test"));
    }

    [Fact]
    public void A_non_numeric_string_is_a_parse_error_naming_the_field()
    {
        using var document = JsonDocument.Parse("""{"eq":"abc"}""");
        var error = Assert.Throws<OkxParseException>(() => OkxJson.Decimal(document.RootElement, "eq", "account balance"));
        Assert.Contains("'eq'", error.Message, StringComparison.Ordinal);
        Assert.Equal("ParseError", error.ErrorType);
    }

    [Fact]
    public void Epoch_milliseconds_become_utc_instants()
    {
        using var document = JsonDocument.Parse("""{"ts":"1597026383085"}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1597026383085), OkxJson.EpochMilliseconds(document.RootElement, "ts", "time"));
    }
}
