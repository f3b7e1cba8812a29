using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace PortOne.Sdk.Testing;

/// <summary>
/// The fake PortOne's clock. Time stands still until you move it; moving it runs every payment schedule that
/// falls due, in order, exactly as PortOne's scheduler would. Hand it to anything else that should share the
/// same notion of "now" (it is a <see cref="TimeProvider"/>).
/// </summary>
public sealed class FakePortOneClock : TimeProvider
{
    private readonly FakeTimeProvider _inner;
    private readonly Action _onAdvanced;

    internal FakePortOneClock(DateTimeOffset start, Action onAdvanced)
    {
        _inner = new FakeTimeProvider(start);
        _onAdvanced = onAdvanced;
    }

    /// <summary>Moves time forward and runs whatever fell due.</summary>
    /// <param name="delta">How far to move; must not be negative.</param>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The clock only moves forward.");
        }

        _inner.Advance(delta);
        _onAdvanced();
    }

    /// <summary>Moves time forward to <paramref name="value"/> and runs whatever fell due.</summary>
    /// <param name="value">The new time; must not be earlier than now.</param>
    public void SetUtcNow(DateTimeOffset value)
    {
        if (value < _inner.GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The clock only moves forward.");
        }

        _inner.SetUtcNow(value);
        _onAdvanced();
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    /// <inheritdoc/>
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <inheritdoc/>
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);
}
