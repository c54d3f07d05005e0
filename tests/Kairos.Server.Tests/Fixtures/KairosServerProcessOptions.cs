namespace Kairos.Server.Tests.Fixtures;

/// <summary>How a test wants its server process started.</summary>
public sealed record KairosServerProcessOptions
{
    /// <summary>Environment variables for the server (null removes one). Inherited Kairos/ASP.NET settings are cleared first.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The <c>--urls</c> value; null means <c>http://127.0.0.1:&lt;free port&gt;</c>.</summary>
    public string? Urls { get; init; }

    /// <summary>An existing data folder to reuse (kept on dispose); null means a fresh temporary one (deleted on dispose).</summary>
    public string? DataDirectory { get; init; }
}
