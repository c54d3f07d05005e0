using Kairos.Plugins.Okx.Client.Errors;

namespace Kairos.Plugins.Okx.Client;

/// <summary>
/// Clock skew: OKX rejects signed requests whose timestamp is too far from its own clock (<c>50102</c>). The offset
/// to OKX's clock is measured against <c>/api/v5/public/time</c> (server time minus the local midpoint of the round
/// trip) before the first signed call and again after <see cref="OkxSettings.ClockResyncInterval"/> or a rejection.
/// </summary>
public sealed partial class OkxClient
{
    private readonly SemaphoreSlim _clockGate = new(1, 1);
    private readonly object _clockLock = new();
    private TimeSpan? _clockOffset;
    private DateTimeOffset _clockMeasuredAt;

    /// <summary>The measured offset (OKX time minus local time), or null before the first measurement.</summary>
    public TimeSpan? ClockOffset
    {
        get
        {
            lock (_clockLock)
            {
                return _clockOffset;
            }
        }
    }

    /// <summary>OKX's current time (<c>GET /api/v5/public/time</c>).</summary>
    public async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync("/api/v5/public/time", [], signed: false, cancellationToken).ConfigureAwait(false);
        var data = document.RootElement.GetProperty("data");
        if (data.GetArrayLength() == 0)
        {
            throw new OkxParseException("OKX public time: 'data' is empty.");
        }
        return OkxJson.EpochMilliseconds(data[0], "ts", "public time")
            ?? throw new OkxParseException("OKX public time: field 'ts' is missing.");
    }

    /// <summary>Measures the offset to OKX's clock now and uses it for every following signed request.</summary>
    /// <returns>The offset (OKX time minus local time).</returns>
    public async Task<TimeSpan> SynchronizeClockAsync(CancellationToken cancellationToken = default)
    {
        await _clockGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MeasureAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _clockGate.Release();
        }
    }

    private async Task EnsureClockAsync(CancellationToken cancellationToken)
    {
        if (IsClockFresh())
        {
            return;
        }
        await _clockGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsClockFresh())
            {
                await MeasureAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _clockGate.Release();
        }
    }

    private bool IsClockFresh()
    {
        lock (_clockLock)
        {
            return _clockOffset is not null && _time.GetUtcNow() - _clockMeasuredAt < _settings.ClockResyncInterval;
        }
    }

    private async Task<TimeSpan> MeasureAsync(CancellationToken cancellationToken)
    {
        var before = _time.GetUtcNow();
        var server = await GetServerTimeAsync(cancellationToken).ConfigureAwait(false);
        var after = _time.GetUtcNow();
        var roundTrip = after - before;
        var offset = server - (before + (roundTrip / 2));
        lock (_clockLock)
        {
            _clockOffset = offset;
            _clockMeasuredAt = after;
        }
        _logger.ClockMeasured((long)offset.TotalMilliseconds, server, (long)roundTrip.TotalMilliseconds);
        return offset;
    }
}
