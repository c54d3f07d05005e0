using Kairos.Conditions.Calendars;
using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Tests.Calendars;

public class TradingCalendarLoaderTests : IDisposable
{
    private readonly TempDirectory _user = new();

    public void Dispose() => _user.Dispose();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private TradingCalendar LoadWithUserFolder() =>
        TradingCalendarLoader.Load([TradingCalendarLoader.ShippedDirectory, _user.Path]);

    [Fact]
    public void LoadDefault_reads_the_shipped_folder_and_the_data_folders_calendars()
    {
        using var data = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(data.Path, "calendars"));
        File.WriteAllText(Path.Combine(data.Path, "calendars", "hk-2025.json"),
            """{"market": "HK", "year": 2025, "source": "test", "closed": []}""");

        var calendar = TradingCalendarLoader.LoadDefault(data.Path);

        Assert.Equal(["CN", "HK", "US"], calendar.Markets);
    }

    [Fact]
    public void A_missing_user_folder_is_skipped()
    {
        var calendar = TradingCalendarLoader.Load([TradingCalendarLoader.ShippedDirectory, Path.Combine(_user.Path, "absent")]);

        Assert.Equal(["CN", "US"], calendar.Markets);
    }

    [Fact]
    public void A_user_file_extends_a_market_with_a_new_year()
    {
        _user.Write("cn-2027.json", """
            {
              // comments and trailing commas are fine in hand-written files
              "market": "cn",
              "year": 2027,
              "source": "test notice",
              "closed": ["2027-02-08", "2027-02-09",],
            }
            """);

        var calendar = LoadWithUserFolder();

        Assert.False(calendar.IsTradingDay("CN", D("2027-02-08")));
        Assert.True(calendar.IsTradingDay("CN", D("2027-02-10")));
        Assert.False(calendar.IsTradingDay("CN", D("2025-10-01")));
        Assert.Equal([2024, 2025, 2026, 2027], calendar.GetYears("CN").Select(y => y.Year));
    }

    [Fact]
    public void A_user_file_replaces_a_shipped_year_whole()
    {
        _user.Write("us-2025.json", """{"market": "US", "year": 2025, "source": "my correction", "closed": ["2025-03-10"]}""");

        var calendar = LoadWithUserFolder();

        Assert.False(calendar.IsTradingDay("US", D("2025-03-10")));
        Assert.True(calendar.IsTradingDay("US", D("2025-11-27")));
        Assert.Equal("my correction", calendar.GetYears("US").Single(y => y.Year == 2025).Source);
        Assert.False(calendar.IsTradingDay("US", D("2026-11-26")));
    }

    [Fact]
    public void A_user_file_adds_a_market_with_its_own_weekend_and_open_weekend_days()
    {
        _user.Write("xx-2025.json", """
            {"market": "xx", "year": 2025, "source": "test", "closed": ["2025-03-10"],
             "weekend": ["friday", "saturday"], "open_weekend_days": ["2025-03-14"]}
            """);

        var calendar = LoadWithUserFolder();

        Assert.Contains("XX", calendar.Markets);
        Assert.True(calendar.IsTradingDay("xx", D("2025-03-09")));  // Sunday is a working day there
        Assert.False(calendar.IsTradingDay("XX", D("2025-03-15"))); // Saturday
        Assert.True(calendar.IsTradingDay("XX", D("2025-03-14")));  // an open Friday
        Assert.False(calendar.IsTradingDay("XX", D("2025-03-10")));
    }

    [Theory]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("""["CN"]""", "one JSON object")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s", "close": []}""", "unknown property \"close\"")]
    [InlineData("""{"market": "CN", "year": 2030, "closed": []}""", "\"source\" is required")]
    [InlineData("""{"market": "CN", "source": "s", "closed": []}""", "\"year\"")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s"}""", "\"closed\" is required")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s", "closed": ["2031-01-01"]}""", "not in the file's year 2030")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s", "closed": ["2030-1-1"]}""", "not a \"yyyy-MM-dd\" date")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s", "closed": ["2030-01-01", "2030-01-01"]}""", "twice")]
    [InlineData("""{"market": "C N", "year": 2030, "source": "s", "closed": []}""", "\"market\"")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s", "closed": [], "open_weekend_days": ["2030-01-07"]}""", "not a weekend day")]
    [InlineData("""{"market": "CN", "year": 2030, "source": "s", "closed": [], "weekend": ["caturday"]}""", "not a day name")]
    public void A_malformed_file_is_an_error_naming_the_file(string content, string expected)
    {
        var path = _user.Write("broken.json", content);

        var e = Assert.Throws<TradingCalendarException>(LoadWithUserFolder);

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_of_one_folder_for_the_same_year_are_an_error_naming_both()
    {
        var first = _user.Write("a.json", """{"market": "CN", "year": 2030, "source": "a", "closed": []}""");
        var second = _user.Write("b.json", """{"market": "cn", "year": 2030, "source": "b", "closed": []}""");

        var e = Assert.Throws<TradingCalendarException>(LoadWithUserFolder);

        Assert.Contains(first, e.Message, StringComparison.Ordinal);
        Assert.Contains(second, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_json_are_ignored()
    {
        _user.Write("README.md", "# my calendars");

        Assert.Equal(["CN", "US"], LoadWithUserFolder().Markets);
    }

    [Fact]
    public void The_uncovered_year_error_names_the_user_folder()
    {
        var e = Assert.Throws<TradingCalendarException>(() => LoadWithUserFolder().IsTradingDay("CN", D("2031-01-02")));

        Assert.Contains(_user.Path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_calendar_at_all_is_reported_when_a_market_is_asked_for()
    {
        var calendar = TradingCalendarLoader.Load([_user.Path]);

        var e = Assert.Throws<TradingCalendarException>(() => calendar.IsTradingDay("CN", D("2025-01-02")));
        Assert.Contains("no calendar files were loaded", e.Message, StringComparison.Ordinal);
    }
}
