using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Calendars;

/// <summary>
/// Loads trading calendars from folders of <c>*.json</c> files (one market and year per file; format in
/// <c>Calendars/data/README.md</c>). Folders are read in the order given, so a file in a later folder
/// (the user's <c>&lt;data&gt;/calendars</c>) replaces the same market and year from an earlier one (the
/// shipped folder) and can add years or markets. A malformed file stops the load with an error naming it.
/// </summary>
public static class TradingCalendarLoader
{
    /// <summary>The name of the calendar folder, both beside the server binary and in the data folder.</summary>
    public const string FolderName = "calendars";

    /// <summary>The folder holding the calendars shipped with Kairos: <c>&lt;AppContext.BaseDirectory&gt;/calendars</c>.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>Loads the shipped calendars, then those in <c>&lt;dataDirectory&gt;/calendars</c> (which may be absent).</summary>
    /// <exception cref="TradingCalendarException">A calendar file is unreadable or malformed.</exception>
    public static TradingCalendar LoadDefault(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Load([ShippedDirectory, Path.Combine(dataDirectory, FolderName)]);
    }

    /// <summary>
    /// Reads every <c>*.json</c> file (not recursively, in ordinal file-name order) of each folder in turn.
    /// A folder that does not exist is skipped: the user's calendar folder is optional.
    /// </summary>
    /// <param name="directories">Folders in increasing priority.</param>
    /// <exception cref="TradingCalendarException">
    /// A file is unreadable or malformed, or two files of one folder describe the same market and year.
    /// </exception>
    public static TradingCalendar Load(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var years = new List<TradingCalendarYear>();
        string? lastDirectory = null;
        foreach (var directory in directories)
        {
            lastDirectory = directory;
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var seen = new Dictionary<(string Market, int Year), string>();
            var files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var year = CalendarFileReader.Read(file);
                if (seen.TryGetValue((year.Market, year.Year), out var other))
                {
                    // Within one folder there is no order of priority, so a duplicate is ambiguous.
                    throw new TradingCalendarException(
                        $"Calendar files '{other}' and '{file}' both describe {year.Market} {year.Year}; keep one.");
                }

                seen[(year.Market, year.Year)] = file;
                years.Add(year);
            }
        }

        return new TradingCalendar(years, lastDirectory);
    }
}
