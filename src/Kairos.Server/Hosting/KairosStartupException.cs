namespace Kairos.Server.Hosting;

/// <summary>
/// A configuration or environment problem that must stop the server before it serves anything.
/// <c>Program</c> prints the message (which names the setting and the fix) and exits non-zero.
/// </summary>
public sealed class KairosStartupException : Exception
{
    public KairosStartupException()
    {
    }

    public KairosStartupException(string message)
        : base(message)
    {
    }

    public KairosStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
