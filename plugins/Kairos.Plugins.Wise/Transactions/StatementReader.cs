using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Storage;
using Kairos.Plugins.Wise.Sync;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Transactions;

/// <summary>
/// Reads the statement of every balance of a profile for a window, where the token may read them. Statements are
/// optional (integrations §2.5): an SCA challenge that cannot be answered, a refusal or an unknown balance is reported
/// and the sync goes on with the activity feed alone. Only the token-wide failures (401, missing token) are thrown.
/// </summary>
internal static class StatementReader
{
    // Wise refuses statement intervals longer than 469 days.
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(469);

    public static async Task<(StatementLines Lines, List<StatementReport> Reports)> ReadAsync(
        WiseClient client, long profileId, ActivityWindow window, TaskContext context, CancellationToken cancellationToken)
    {
        var lines = new StatementLines();
        var reports = new List<StatementReport>();
        IReadOnlyList<WiseBalance> balances;
        try
        {
            balances = await client.GetBalancesAsync(profileId, cancellationToken).ConfigureAwait(false);
        }
        catch (WiseException ex) when (!WiseFailures.StopsTheRun(ex))
        {
            reports.Add(new StatementReport(null, null, StatementStatus.Failed, 0, WiseFailures.TypeOf(ex), ex.Message));
            context.Log(LogLevel.Warning, $"profile {profileId}: balances for the statements could not be read: {ex.Message}");
            return (lines, reports);
        }

        var end = window.Until.AddMilliseconds(-1);
        var start = end - window.Since > MaxInterval ? end - MaxInterval : window.Since;
        foreach (var balance in balances.Where(b => b.Type == "STANDARD"))
        {
            try
            {
                var statement = await client.GetBalanceStatementAsync(profileId, balance.Id, balance.Currency, start, end, WiseStatementType.Compact, cancellationToken).ConfigureAwait(false);
                foreach (var line in statement.Transactions)
                {
                    lines.Add(line);
                }
                reports.Add(new StatementReport(balance.Id, balance.Currency, StatementStatus.Read, statement.Transactions.Count, null, null));
            }
            catch (WiseException ex) when (!WiseFailures.StopsTheRun(ex))
            {
                var status = StatusOf(ex);
                reports.Add(new StatementReport(balance.Id, balance.Currency, status, 0, WiseFailures.TypeOf(ex), ex.Message));
                context.Log(LogLevel.Warning, $"profile {profileId}: the {balance.Currency} statement is not available ({status}); amounts come from the activity feed. {ex.Message}");
            }
            catch (ArgumentException ex)
            {
                // A balance currency the statement endpoint cannot be asked for (not three letters).
                reports.Add(new StatementReport(balance.Id, balance.Currency, StatementStatus.Unavailable, 0, WiseFailures.Rejected, ex.Message));
            }
        }
        return (lines, reports);
    }

    private static string StatusOf(WiseException exception) => exception switch
    {
        WiseScaException { Failure: WiseScaFailure.NoKey } => StatementStatus.ScaRequired,
        WiseScaException { Failure: WiseScaFailure.Rejected } => StatementStatus.ScaRejected,
        WiseScaException => StatementStatus.ScaKeyUnreadable,
        WiseCredentialsException => StatementStatus.NotAllowed,
        WiseRequestException => StatementStatus.Unavailable,
        _ => StatementStatus.Failed,
    };
}

/// <summary>What became of one statement.</summary>
internal static class StatementStatus
{
    /// <summary>Read; its lines give the exact amounts.</summary>
    public const string Read = "read";

    /// <summary>Wise asked for strong customer authentication and <c>Plugins:wise:ScaPrivateKeyPath</c> is not set.</summary>
    public const string ScaRequired = "sca_required";

    /// <summary>Wise refused the signed repeat (public key not uploaded, or statements not offered to this token).</summary>
    public const string ScaRejected = "sca_rejected";

    /// <summary>The configured private key could not be read.</summary>
    public const string ScaKeyUnreadable = "sca_key_unreadable";

    /// <summary>403 without an SCA challenge: the token may not read statements.</summary>
    public const string NotAllowed = "not_allowed";

    /// <summary>Wise rejected the request (unknown balance, bad parameters).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>A transient or parse failure: the run fails (after storing the activities) so it is tried again.</summary>
    public const string Failed = "failed";
}

/// <summary>One statement of a sync.</summary>
/// <param name="BalanceId">The balance, or null when the balances themselves could not be read.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="Status">One of <see cref="StatementStatus"/>.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="ErrorType">Why it was not read, as an error type.</param>
/// <param name="Message">Why it was not read, and what to do.</param>
internal sealed record StatementReport(long? BalanceId, string? Currency, string Status, int Lines, string? ErrorType, string? Message);
