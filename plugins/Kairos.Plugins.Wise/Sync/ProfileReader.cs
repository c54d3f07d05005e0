using System.Globalization;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Client;

namespace Kairos.Plugins.Wise.Sync;

/// <summary>The profiles a sync covers: the configured <c>ProfileId</c>, or every profile of the token.</summary>
internal static class ProfileReader
{
    public static async Task<IReadOnlyList<WiseProfile>> ReadAsync(WiseClient client, WiseSettings settings, CancellationToken cancellationToken) =>
        settings.ProfileId is { } id
            ? [new WiseProfile(id, "", "")]
            : await client.GetProfilesAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The portfolio account of a profile: its id as text.</summary>
    public static string AccountId(long profileId) => profileId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Names the profile's portfolio account when its name is known (from <c>/v2/profiles</c>); an account of a configured
    /// <c>ProfileId</c> gets a plain name once, and a name set earlier is never cleared.
    /// </summary>
    public static async Task NameAccountAsync(IPortfolioStore portfolio, WiseProfile profile, CancellationToken cancellationToken)
    {
        var accountId = AccountId(profile.Id);
        if (profile.FullName.Length == 0)
        {
            var known = await portfolio.GetAccountsAsync(WiseSource.Source, cancellationToken).ConfigureAwait(false);
            if (known.Any(a => a.AccountId == accountId))
            {
                return;
            }
        }
        var name = profile.FullName.Length == 0 ? $"Wise profile {accountId}" : $"{profile.FullName} ({profile.Type.ToLowerInvariant()})";
        await portfolio.UpsertAccountAsync(new PortfolioAccount(WiseSource.Source, accountId) { Name = name, Kind = "bank" }, cancellationToken).ConfigureAwait(false);
    }
}
