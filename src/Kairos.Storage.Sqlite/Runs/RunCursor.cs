using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Kairos.Storage.Sqlite.Runs;

/// <summary>
/// The key of the last run of a page, <c>(ref_at, run_id)</c>, as base64url of <c>"&lt;ref_at ms&gt;:&lt;run_id&gt;"</c>.
/// Opaque to callers; a key rather than an offset, so pages do not shift while runs are written.
/// </summary>
internal readonly record struct RunCursor(long RefAt, string RunId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(RefAt.ToString(CultureInfo.InvariantCulture) + ":" + RunId));

    public static RunCursor Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var separator = text.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var refAt))
            {
                return new RunCursor(refAt, text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Reported below with the parameter name.
        }
        throw new ArgumentException($"The cursor '{cursor}' is not a cursor returned by a run history query.", nameof(cursor));
    }
}
