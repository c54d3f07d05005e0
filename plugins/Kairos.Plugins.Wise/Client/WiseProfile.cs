namespace Kairos.Plugins.Wise.Client;

/// <summary>A Wise profile (<c>GET /v2/profiles</c>).</summary>
/// <param name="Id">Profile id used in every other path.</param>
/// <param name="Type"><c>PERSONAL</c> or <c>BUSINESS</c> (unknown values kept as sent).</param>
/// <param name="FullName">Display name.</param>
public sealed record WiseProfile(long Id, string Type, string FullName);
