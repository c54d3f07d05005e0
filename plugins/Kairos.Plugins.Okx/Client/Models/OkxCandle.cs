using System.Globalization;
using System.Text.Json;
using Kairos.Plugins.Okx.Client.Errors;

namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>One candle: OKX sends <c>[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]</c>, all strings.</summary>
/// <param name="Time">Opening time of the candle (<c>ts</c>).</param>
/// <param name="Open"><c>o</c>.</param>
/// <param name="High"><c>h</c>.</param>
/// <param name="Low"><c>l</c>.</param>
/// <param name="Close"><c>c</c>.</param>
/// <param name="Volume"><c>vol</c> (base currency for spot, contracts for derivatives).</param>
/// <param name="VolumeCurrency"><c>volCcy</c>.</param>
/// <param name="VolumeQuote"><c>volCcyQuote</c>.</param>
/// <param name="IsConfirmed"><c>confirm</c> = <c>"1"</c>: the candle is closed; false while it is still forming.</param>
public sealed record OkxCandle(
    DateTimeOffset Time,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal? Volume,
    decimal? VolumeCurrency,
    decimal? VolumeQuote,
    bool IsConfirmed)
{
    internal static OkxCandle Parse(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 5)
        {
            throw new OkxParseException("OKX candle: a row is not an array of at least 5 values.");
        }
        var cells = row.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText()).ToArray();
        return new OkxCandle(
            OkxJson.FromEpochMilliseconds(Required(cells, 0, "ts"), "ts", "candle"),
            Required(cells, 1, "o"),
            Required(cells, 2, "h"),
            Required(cells, 3, "l"),
            Required(cells, 4, "c"),
            Optional(cells, 5, "vol"),
            Optional(cells, 6, "volCcy"),
            Optional(cells, 7, "volCcyQuote"),
            cells.Length <= 8 || cells[8] != "0");
    }

    private static decimal Required(string?[] cells, int index, string name) =>
        Optional(cells, index, name) ?? throw new OkxParseException($"OKX candle: '{name}' is empty.");

    private static decimal? Optional(string?[] cells, int index, string name)
    {
        if (index >= cells.Length)
        {
            return null;
        }
        try
        {
            return OkxJson.ParseDecimal(cells[index]);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new OkxParseException(string.Create(CultureInfo.InvariantCulture, $"OKX candle: '{name}' is not a number ('{cells[index]}')."), ex);
        }
    }
}
