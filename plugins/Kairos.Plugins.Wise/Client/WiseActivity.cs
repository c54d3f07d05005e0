namespace Kairos.Plugins.Wise.Client;

/// <summary>One item of the activity feed (<c>GET /v1/profiles/{id}/activities</c>).</summary>
/// <param name="Id">Opaque, stable id: the de-duplication key.</param>
/// <param name="Type">Activity type (e.g. <c>TRANSFER</c>, <c>CARD_PAYMENT</c>); unknown values kept as sent.</param>
/// <param name="ResourceType">Underlying object type (e.g. <c>TRANSFER</c>, <c>CARD_TRANSACTION</c>).</param>
/// <param name="ResourceId">Underlying object id.</param>
/// <param name="Title">Title as sent (may contain <c>&lt;strong&gt;</c>/<c>&lt;positive&gt;</c> tags); see <see cref="PlainTitle"/>.</param>
/// <param name="Description">Description, <c>null</c> when absent or empty.</param>
/// <param name="PrimaryAmount">Display text with units (<c>"1,000 EUR"</c>): Wise says not to read it as a number.</param>
/// <param name="SecondaryAmount">Display text, <c>null</c> when empty.</param>
/// <param name="Status">Status (e.g. <c>COMPLETED</c>).</param>
/// <param name="CreatedOn">Creation time, UTC.</param>
/// <param name="UpdatedOn">Last update, UTC (re-sync items whose value changed).</param>
public sealed record WiseActivity(
    string Id,
    string Type,
    string? ResourceType,
    string? ResourceId,
    string Title,
    string? Description,
    string? PrimaryAmount,
    string? SecondaryAmount,
    string Status,
    DateTimeOffset CreatedOn,
    DateTimeOffset? UpdatedOn)
{
    /// <summary>The title without Wise's markup tags.</summary>
    public string PlainTitle => System.Text.RegularExpressions.Regex.Replace(Title, "</?[a-zA-Z]+>", "");
}
