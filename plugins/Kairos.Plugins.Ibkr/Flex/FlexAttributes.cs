using System.Globalization;
using System.Xml;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>Typed reads of one element's attributes; empty attributes are null, bad values name element, attribute and account.</summary>
internal readonly struct FlexAttributes(XmlReader reader, string element, string? accountId)
{
    public string? Text(string name) => reader.GetAttribute(name) is { Length: > 0 } value ? value : null;

    public decimal? Decimal(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(name, text, "a number");
    }

    public long? Int64(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(name, text, "an integer");
    }

    public DateOnly? Date(string name)
    {
        var text = Text(name);
        try
        {
            return FlexDates.ParseDate(text);
        }
        catch (FormatException)
        {
            throw Bad(name, text, "a date");
        }
    }

    public DateTime? DateTime(string name)
    {
        var text = Text(name);
        try
        {
            return FlexDates.ParseDateTime(text);
        }
        catch (FormatException)
        {
            throw Bad(name, text, "a date-time");
        }
    }

    private IbkrParseException Bad(string name, string? text, string what) =>
        new($"Flex statement{(accountId is null ? "" : " of " + accountId)}: {element}@{name} is not {what} ('{text}').");
}
