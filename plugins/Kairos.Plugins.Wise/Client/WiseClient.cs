using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Client;

/// <summary>
/// Client of Wise's API: profiles, balances, the activity feed, balance statements (with strong customer
/// authentication) and exchange rates. See the integrations reference §2.
/// </summary>
/// <remarks>
/// The <see cref="HttpClient"/> is the host's plugin client, already wrapped in the resilience pipeline: it retries
/// 408/429/5xx and network failures (honouring <c>Retry-After</c>), so this client does not. It maps what is left to
/// <see cref="WiseException"/> subclasses. Its primary handler must be <see cref="WiseAuthenticationHandler"/>, which
/// adds the token below the factory's logging; the token never appears in logs, exception messages or results.
/// </remarks>
public sealed partial class WiseClient
{
    private const string ScaTokenHeader = "x-2fa-approval";
    private const string ScaResultHeader = "x-2fa-approval-result";
    private const int MaxActivityPages = 10_000;

    private readonly HttpClient _http;
    private readonly WiseSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="http">The host's HTTP client for this plugin.</param>
    /// <param name="settings">Base URL, token, profile, SCA key.</param>
    /// <param name="time">The clock (request timing in logs).</param>
    /// <param name="logger">Where requests are logged (never the token).</param>
    public WiseClient(HttpClient http, WiseSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>Every profile the token can see (<c>GET /v2/profiles</c>).</summary>
    public async Task<IReadOnlyList<WiseProfile>> GetProfilesAsync(CancellationToken cancellationToken = default)
    {
        var dtos = await GetJsonAsync("/v2/profiles", WiseJsonContext.Default.ListProfileDto, cancellationToken).ConfigureAwait(false);
        return Map("GET /v2/profiles", dtos, p => new WiseProfile(
            Require(p.Id, "id"),
            Require(p.Type, "type"),
            p.FullName ?? p.BusinessName ?? string.Join(' ', new[] { p.FirstName, p.LastName }.Where(s => !string.IsNullOrEmpty(s)))));
    }

    /// <summary>The configured <see cref="WiseSettings.ProfileId"/>, or else the ids of every profile.</summary>
    public async Task<IReadOnlyList<long>> GetProfileIdsAsync(CancellationToken cancellationToken = default) =>
        _settings.ProfileId is { } id
            ? [id]
            : (await GetProfilesAsync(cancellationToken).ConfigureAwait(false)).Select(p => p.Id).ToArray();

    /// <summary>The standard balances (one per currency) of a profile (<c>GET /v4/profiles/{id}/balances?types=STANDARD</c>).</summary>
    public async Task<IReadOnlyList<WiseBalance>> GetBalancesAsync(long profileId, CancellationToken cancellationToken = default)
    {
        var path = FormattableString.Invariant($"/v4/profiles/{profileId}/balances");
        var dtos = await GetJsonAsync(path + "?types=STANDARD", WiseJsonContext.Default.ListBalanceDto, cancellationToken).ConfigureAwait(false);
        return Map("GET " + path, dtos, b => new WiseBalance(
            Require(b.Id, "id"),
            Require(b.Currency, "currency"),
            Require(b.Type, "type"),
            b.Name,
            Money(Require(b.Amount, "amount"), "amount"),
            OptionalMoney(b.ReservedAmount, "reservedAmount"),
            OptionalMoney(b.CashAmount, "cashAmount"),
            OptionalMoney(b.TotalWorth, "totalWorth"),
            OptionalTime(b.ModificationTime, "modificationTime"),
            b.Visible ?? true));
    }

    /// <summary>
    /// Every activity between two instants (<c>GET /v1/profiles/{id}/activities</c>), following the cursor until Wise
    /// answers <c>cursor: null</c>. A page that is still rate limited after the pipeline's waits throws
    /// <see cref="WiseRateLimitException"/>; nothing partial is returned.
    /// </summary>
    /// <param name="profileId">Profile.</param>
    /// <param name="since">Start (inclusive as Wise applies it).</param>
    /// <param name="until">End.</param>
    /// <param name="pageSize">Items per page, 1–100.</param>
    /// <param name="cancellationToken">Cancels the whole walk.</param>
    public async Task<IReadOnlyList<WiseActivity>> GetActivitiesAsync(long profileId, DateTimeOffset since, DateTimeOffset until, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        var endpoint = "GET " + ActivitiesPath(profileId);
        var all = new List<WiseActivity>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 1; ; page++)
        {
            var result = await GetActivityPageAsync(profileId, since, until, pageSize, cursor, cancellationToken).ConfigureAwait(false);
            all.AddRange(result.Activities);
            cursor = result.NextCursor;
            if (cursor is null)
            {
                return all;
            }
            if (!cursors.Add(cursor) || page >= MaxActivityPages)
            {
                throw new WiseParseException(endpoint, $"{endpoint}: the activity cursor does not advance (page {page}); stopped to avoid an endless walk.");
            }
        }
    }

    /// <summary>
    /// One page of the activity feed (<c>GET /v1/profiles/{id}/activities</c>): the first page when
    /// <paramref name="cursor"/> is null, else the page after the one that returned it. A caller that keeps the cursor
    /// (with the same <paramref name="since"/>, <paramref name="until"/> and <paramref name="pageSize"/>) can resume a walk later.
    /// </summary>
    /// <param name="profileId">Profile.</param>
    /// <param name="since">Start (inclusive as Wise applies it).</param>
    /// <param name="until">End.</param>
    /// <param name="pageSize">Items per page, 1–100.</param>
    /// <param name="cursor">The <see cref="WiseActivityPage.NextCursor"/> of the previous page, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<WiseActivityPage> GetActivityPageAsync(long profileId, DateTimeOffset since, DateTimeOffset until, int pageSize, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        var path = ActivitiesPath(profileId);
        var endpoint = "GET " + path;
        var query = FormattableString.Invariant($"?since={Escape(Instant(since))}&until={Escape(Instant(until))}&size={pageSize}");
        if (!string.IsNullOrEmpty(cursor))
        {
            query += "&nextCursor=" + Escape(cursor);
        }
        var dto = await GetJsonAsync(path + query, WiseJsonContext.Default.ActivityPageDto, cancellationToken).ConfigureAwait(false);
        var activities = Map(endpoint, Require(dto.Activities, endpoint, "activities"), ToActivity);
        var next = string.IsNullOrEmpty(dto.Cursor) ? null : dto.Cursor;
        LogActivityPage(_logger, profileId, activities.Count, next is not null);
        return new WiseActivityPage(activities, next);
    }

    private static string ActivitiesPath(long profileId) => FormattableString.Invariant($"/v1/profiles/{profileId}/activities");

    /// <summary>The current mid-market rate of a pair (<c>GET /v1/rates?source=&amp;target=</c>), or <c>null</c> when Wise has none.</summary>
    public async Task<WiseRate?> GetCurrentRateAsync(string source, string target, CancellationToken cancellationToken = default)
    {
        var query = $"?source={Currency(source)}&target={Currency(target)}";
        var dtos = await GetJsonAsync("/v1/rates" + query, WiseJsonContext.Default.ListRateDto, cancellationToken).ConfigureAwait(false);
        return Map("GET /v1/rates", dtos, ToRate).FirstOrDefault();
    }

    /// <summary>Rates of a pair between two dates, grouped by day, hour or minute (<c>GET /v1/rates?...&amp;from=&amp;to=&amp;group=</c>).</summary>
    public async Task<IReadOnlyList<WiseRate>> GetRateHistoryAsync(string source, string target, DateOnly from, DateOnly to, WiseRateGroup group = WiseRateGroup.Day, CancellationToken cancellationToken = default)
    {
        if (from > to)
        {
            throw new ArgumentException($"Rate history range is empty: from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.", nameof(from));
        }
        var query = string.Create(CultureInfo.InvariantCulture,
            $"?source={Currency(source)}&target={Currency(target)}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&group={group.ToString().ToLowerInvariant()}");
        var dtos = await GetJsonAsync("/v1/rates" + query, WiseJsonContext.Default.ListRateDto, cancellationToken).ConfigureAwait(false);
        return Map("GET /v1/rates", dtos, ToRate);
    }

    /// <summary>
    /// The statement of one balance (<c>GET /v1/profiles/{id}/balance-statements/{balanceId}/statement.json</c>). When Wise
    /// answers with its SCA challenge, the one-time token is signed with <see cref="WiseSettings.ScaPrivateKeyPath"/> and
    /// the identical request is repeated once.
    /// </summary>
    /// <exception cref="WiseScaException">SCA needed and no key, an unreadable key, or the signed repeat refused.</exception>
    public async Task<WiseStatement> GetBalanceStatementAsync(long profileId, long balanceId, string currency, DateTimeOffset intervalStart, DateTimeOffset intervalEnd,
        WiseStatementType type = WiseStatementType.Compact, CancellationToken cancellationToken = default)
    {
        if (intervalStart > intervalEnd)
        {
            throw new ArgumentException("Statement interval is empty: its start is after its end.", nameof(intervalStart));
        }
        var path = FormattableString.Invariant($"/v1/profiles/{profileId}/balance-statements/{balanceId}/statement.json");
        var endpoint = "GET " + path;
        var query = $"?currency={Currency(currency)}&intervalStart={Escape(Instant(intervalStart))}&intervalEnd={Escape(Instant(intervalEnd))}&type={type.ToString().ToUpperInvariant()}";
        var dto = await GetJsonAsync(path + query, WiseJsonContext.Default.StatementDto, cancellationToken).ConfigureAwait(false);
        return Parse(endpoint, () =>
        {
            var q = Require(dto.Query, "query");
            return new WiseStatement(
                q.AccountId ?? balanceId,
                q.Currency ?? currency,
                q.IntervalStart is null ? intervalStart.ToUniversalTime() : Time(q.IntervalStart, "query.intervalStart"),
                q.IntervalEnd is null ? intervalEnd.ToUniversalTime() : Time(q.IntervalEnd, "query.intervalEnd"),
                Require(dto.Transactions, "transactions").Select(t => new WiseStatementTransaction(
                    Require(t.ReferenceNumber, "referenceNumber"),
                    Time(Require(t.Date, "date"), "date"),
                    Require(t.Type, "type"),
                    Money(Require(t.Amount, "amount"), "amount"),
                    OptionalMoney(t.TotalFees, "totalFees"),
                    t.Details?.Type,
                    t.Details?.Description,
                    OptionalMoney(t.RunningBalance, "runningBalance"))).ToArray(),
                OptionalMoney(dto.EndOfStatementBalance, "endOfStatementBalance"));
        });
    }
}
