using Kairos.Plugins.Fund.Dca;

namespace Kairos.Plugins.Fund.Tests.Dca;

public sealed class DcaMathTests
{
    [Theory]
    // 1000 / 1.0015 = 998.50224… → 998.50; fee 1.50; 998.50 / 1.1090 = 900.36068… → 900.36
    [InlineData("1000.00", "0.0015", "1.1090", "998.50", "1.50", "900.36")]
    // 998.50 / 1.1040 = 904.43840… → truncated 904.43 (rounding would say 904.44)
    [InlineData("1000.00", "0.0015", "1.1040", "998.50", "1.50", "904.43")]
    // 0.63 / 1.008 = 0.625 exactly → half-up 0.63 (banker's rounding would say 0.62); fee 0.00
    [InlineData("0.63", "0.008", "1", "0.63", "0.00", "0.63")]
    // 1000 / 1.012 = 988.14229… → 988.14; fee 11.86; 988.14 / 2.3456 = 421.27… → 421.27
    [InlineData("1000", "0.012", "2.3456", "988.14", "11.86", "421.27")]
    // No fee: the whole amount buys; 500 / 1.0000 = 500.00
    [InlineData("500.00", "0", "1.0000", "500.00", "0.00", "500.00")]
    public void Confirm_MatchesTheHandComputedNumbers(string amount, string feeRate, string nav, string net, string fee, string shares)
    {
        var result = DcaMath.Confirm(M(amount), M(feeRate), M(nav));

        Assert.Equal((M(net), M(fee), M(shares)), result);
    }

    private static decimal M(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
