using Kairos.Plugins.Ibkr.Flex;

namespace Kairos.Plugins.Ibkr.Tests.Flex;

public class FlexDatesTests
{
    [Theory]
    [InlineData("20240531")]
    [InlineData("2024-05-31")]
    [InlineData("05/31/2024")]
    [InlineData("05/31/24")]
    [InlineData("31-May-24")]
    public void ParseDate_accepts_every_flex_date_format(string text) =>
        Assert.Equal(new DateOnly(2024, 5, 31), FlexDates.ParseDate(text));

    [Theory]
    [InlineData("20240603;041002")]
    [InlineData("20240603,041002")]
    [InlineData("20240603 041002")]
    [InlineData("20240603041002")]
    [InlineData("2024-06-03;04:10:02")]
    [InlineData("2024-06-03, 04:10:02")]
    [InlineData("06/03/2024 04:10:02")]
    [InlineData("06/03/24;041002")]
    [InlineData("03-Jun-24 04:10:02")]
    public void ParseDateTime_accepts_every_separator_and_time_format(string text) =>
        Assert.Equal(new DateTime(2024, 6, 3, 4, 10, 2), FlexDates.ParseDateTime(text));

    [Fact]
    public void A_bare_date_is_midnight_and_empty_is_null()
    {
        Assert.Equal(new DateTime(2024, 6, 3), FlexDates.ParseDateTime("20240603"));
        Assert.Null(FlexDates.ParseDate(""));
        Assert.Null(FlexDates.ParseDateTime(null));
        Assert.Equal(new DateOnly(2024, 6, 3), FlexDates.ParseDate("20240603;041002"));
    }

    [Theory]
    [InlineData("2024/05/31")]
    [InlineData("31.05.2024")]
    [InlineData("yesterday")]
    public void Unknown_forms_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => FlexDates.ParseDate(text));
}
