using System.Globalization;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Storage;
using Kairos.Plugins.Wise.Sync;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Transactions;

/// <summary>
/// Task <c>wise_transaction_sync</c>: walks the activity feed of each profile page by page (cursor paging) from the
/// last synced point (minus <see cref="Overlap"/>, so items whose status changed are re-read) to now, and records each
/// activity as a portfolio transaction keyed by Wise's id (a re-sync updates, never duplicates). After every page the
/// cursor is kept in <c>wise_sync_state</c>, so a run that stops half-way is resumed from that page. Where the token may
/// read balance statements, their lines give the exact signed amounts and fees; an SCA challenge is signed with
/// <c>Plugins:wise:ScaPrivateKeyPath</c>, and without it (or when Wise refuses) the statement is reported as unavailable
/// while the rest of the sync goes on. Publishes <c>wise.transactions.synced</c>.
/// </summary>
internal sealed class TransactionSyncTask(WiseSource source, IPortfolioStore portfolio, SyncStateStore states) : IScheduledTask
{
    public const string Id = "wise_transaction_sync";

    public const string SyncedEvent = "wise.transactions.synced";

    /// <summary>How far back the first sync of a profile reaches.</summary>
    public static readonly TimeSpan FirstSync = TimeSpan.FromDays(90);

    /// <summary>How much of the previous window each sync reads again (pending items settle, statements catch up).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromDays(3);

    public string TaskId => Id;

    public string Name => "Wise transaction sync";

    public string Description => "Records the activity feed (and, where allowed, statement amounts) of each Wise profile as portfolio transactions, incrementally; publishes wise.transactions.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new(
    [
        new ConfigField("since", ConfigFieldType.String, Description: "start of the window (yyyy-MM-dd or an ISO-8601 instant) instead of the last synced point; default: last point minus 3 days, or 90 days back on the first sync"),
        new ConfigField("page_size", ConfigFieldType.Integer, Description: "activities per page, 1–100 (default 100)"),
        new ConfigField("statements", ConfigFieldType.Boolean, Description: "read balance statements for exact amounts (default true)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!source.HasToken)
        {
            return TaskResult.Failure(WiseFailures.MissingToken, errorType: WiseFailures.Configuration);
        }
        var pageSize = context.GetConfig("page_size", 100);
        if (pageSize is < 1 or > 100)
        {
            return TaskResult.Failure($"page_size {pageSize} must be between 1 and 100.", errorType: WiseFailures.Configuration);
        }
        DateTimeOffset? since = null;
        if (context.GetConfig("since", "") is { Length: > 0 } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return TaskResult.Failure($"since '{sinceText}' is not a date (yyyy-MM-dd) or an ISO-8601 instant.", errorType: WiseFailures.Configuration);
            }
            since = parsed;
        }
        var run = new Run(context, source.CreateClient(), pageSize, since, context.GetConfig("statements", true));

        IReadOnlyList<WiseProfile> profiles;
        try
        {
            profiles = await ProfileReader.ReadAsync(run.Client, source.Settings.Client, cancellationToken).ConfigureAwait(false);
        }
        catch (WiseException ex)
        {
            return TaskResult.Failure(ex.Message, errorType: WiseFailures.TypeOf(ex));
        }

        var synced = new List<ProfileTransactions>();
        var failed = new List<FailedItem>();
        foreach (var profile in profiles)
        {
            var progress = new ProfileTransactions(ProfileReader.AccountId(profile.Id));
            try
            {
                await SyncProfileAsync(run, profile.Id, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (WiseException ex) when (!WiseFailures.StopsTheRun(ex))
            {
                failed.Add(new FailedItem($"profile {profile.Id}", WiseFailures.TypeOf(ex), ex.Message));
                context.Log(LogLevel.Warning, $"profile {profile.Id}: {ex.Message} (the pages stored so far are kept; the next run resumes from the next page)");
            }
            catch (WiseException ex)
            {
                return TaskResult.Failure(ex.Message, new TransactionSyncSummary(synced, failed), WiseFailures.TypeOf(ex));
            }
            synced.Add(progress);
            failed.AddRange(progress.Statements.Where(s => s.Status == StatementStatus.Failed)
                .Select(s => new FailedItem($"profile {profile.Id} statement {s.Currency ?? "(balances)"}", s.ErrorType ?? WiseFailures.Unavailable, s.Message ?? "")));
        }

        var summary = new TransactionSyncSummary(synced, failed);
        if (synced.Any(p => p.Activities > 0 || p.Until is not null))
        {
            await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        }
        if (failed.Count > 0)
        {
            var errorType = failed.Select(f => f.ErrorType).Distinct().Count() == 1 ? failed[0].ErrorType : WiseFailures.Partial;
            return TaskResult.Failure($"Wise transaction sync incomplete (what was read is stored): " + string.Join(" ", failed.Select(f => $"{f.Item}: {f.Message}")), summary, errorType);
        }
        return TaskResult.Success(summary);
    }

    private async Task SyncProfileAsync(Run run, long profileId, ProfileTransactions progress, CancellationToken cancellationToken)
    {
        var accountId = ProfileReader.AccountId(profileId);
        var state = await states.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        var syncedUntil = state?.SyncedUntil;
        if (run.Since is null && state is { Window: { } pending, NextCursor: { } cursor })
        {
            // A previous run stopped half-way through this window: finish it from the page it did not store.
            progress.ResumedFromCursor = true;
            await WalkAsync(run, profileId, pending, cursor, progress, cancellationToken).ConfigureAwait(false);
            syncedUntil = pending.Until;
        }
        var now = source.Time.GetUtcNow();
        var since = run.Since ?? (syncedUntil is { } last ? last - Overlap : now - FirstSync);
        if (since >= now)
        {
            return;
        }
        await WalkAsync(run, profileId, new ActivityWindow(since, now, run.PageSize), null, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task WalkAsync(Run run, long profileId, ActivityWindow window, string? cursor, ProfileTransactions progress, CancellationToken cancellationToken)
    {
        var accountId = ProfileReader.AccountId(profileId);
        progress.Since ??= window.Since;
        var lines = new StatementLines();
        if (run.Statements)
        {
            (lines, var reports) = await StatementReader.ReadAsync(run.Client, profileId, window, run.Context, cancellationToken).ConfigureAwait(false);
            progress.Statements.AddRange(reports);
        }
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            WiseActivityPage page;
            try
            {
                page = await run.Client.GetActivityPageAsync(profileId, window.Since, window.Until, window.PageSize, cursor, cancellationToken).ConfigureAwait(false);
            }
            catch (WiseRequestException ex) when (cursor is not null && progress.ResumedFromCursor && progress.Pages == 0)
            {
                // The stored cursor is no longer accepted: read the window again from its first page (de-duplicated by id).
                run.Context.Log(LogLevel.Warning, $"profile {profileId}: Wise no longer accepts the stored cursor ({ex.Message}); reading the window from its first page");
                cursor = null;
                continue;
            }
            progress.Pages++;
            var transactions = new List<PortfolioTransaction>();
            foreach (var activity in page.Activities)
            {
                var (transaction, skipped, fromStatement) = ActivityMapper.Map(activity, accountId, lines);
                if (transaction is null)
                {
                    progress.Skipped.Add(new SkippedActivity(activity.Id, skipped!));
                    run.Context.Log(LogLevel.Warning, $"profile {profileId}: activity {activity.Id} not recorded: {skipped}");
                    continue;
                }
                // The feed may repeat an item across pages while it changes; the batch must hold each id once.
                transactions.RemoveAll(t => t.ExternalId == transaction.ExternalId);
                transactions.Add(transaction);
                progress.ExactAmounts += fromStatement ? 1 : 0;
            }
            var result = await portfolio.UpsertTransactionsAsync(transactions, cancellationToken).ConfigureAwait(false);
            progress.Activities += page.Activities.Count;
            progress.Inserted += result.Inserted;
            progress.Updated += result.Updated;
            progress.Unchanged += result.Unchanged;
            if (page.NextCursor is null)
            {
                await states.CompleteAsync(accountId, window.Until, cancellationToken).ConfigureAwait(false);
                progress.Until = window.Until;
                run.Context.Log($"profile {profileId}: {progress.Activities} activit(ies) in {progress.Pages} page(s) up to {window.Until:O}: "
                    + $"{progress.Inserted} new, {progress.Updated} changed, {progress.Unchanged} unchanged; {progress.ExactAmounts} with statement amounts");
                return;
            }
            if (!seenCursors.Add(page.NextCursor))
            {
                throw new WiseParseException("GET /v1/profiles/{id}/activities", $"GET /v1/profiles/{profileId}/activities: the activity cursor does not advance; stopped to avoid an endless walk.");
            }
            await states.SaveProgressAsync(accountId, window, page.NextCursor, cancellationToken).ConfigureAwait(false);
            cursor = page.NextCursor;
        }
    }

    private sealed record Run(TaskContext Context, WiseClient Client, int PageSize, DateTimeOffset? Since, bool Statements);
}

/// <summary>An activity that could not be recorded, and why.</summary>
internal sealed record SkippedActivity(string ActivityId, string Reason);

/// <summary>What the sync did for one profile (the data of <c>wise.transactions.synced</c> lists one per profile).</summary>
internal sealed class ProfileTransactions(string profileId)
{
    public string ProfileId { get; } = profileId;

    /// <summary>Start of the first window read.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>The point now synced up to (null when the walk did not finish).</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>True when a walk left half-way by an earlier run was finished first.</summary>
    public bool ResumedFromCursor { get; set; }

    public int Pages { get; set; }

    public int Activities { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Transactions whose amount came from a statement line (exact) rather than the display text.</summary>
    public int ExactAmounts { get; set; }

    public List<SkippedActivity> Skipped { get; } = [];

    public List<StatementReport> Statements { get; } = [];
}

/// <summary>The data of <c>wise.transactions.synced</c> and of the run's result.</summary>
internal sealed record TransactionSyncSummary(IReadOnlyList<ProfileTransactions> Profiles, IReadOnlyList<FailedItem> Failed);
