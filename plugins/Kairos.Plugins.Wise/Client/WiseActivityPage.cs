namespace Kairos.Plugins.Wise.Client;

/// <summary>One page of the activity feed.</summary>
/// <param name="Activities">The page's activities, as Wise orders them.</param>
/// <param name="NextCursor">The cursor of the next page, or null on the last page.</param>
public sealed record WiseActivityPage(IReadOnlyList<WiseActivity> Activities, string? NextCursor);
