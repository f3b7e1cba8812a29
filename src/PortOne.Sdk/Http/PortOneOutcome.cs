using System;
using System.Net.Http;
using System.Threading;

namespace PortOne.Sdk.Http;

/// <summary>
/// What the V1 and V2 charge resolvers share: which failures leave a money call's outcome open, and the call's
/// time budget on the client's clock.
/// </summary>
internal static class PortOneOutcome
{
    /// <summary>Sends of one charge at most: the first and two more under the same id.</summary>
    public const int MaxSends = 3;

    /// <summary>Lookups that may fail in a row before the outcome is declared unknown.</summary>
    public const int MaxLookupFailures = 3;

    /// <summary>
    /// True when the request may have reached PortOne and no answer that settles it came back: a time-out, a
    /// connection lost after it was opened, a 5xx without a documented error, or a success whose body cannot be
    /// read. A connection that could not be opened (known on .NET 8 and later) left nothing: not ambiguous.
    /// </summary>
    /// <param name="exception">The failure of one send.</param>
    /// <param name="undocumentedError">For API errors: whether the decoded body is not one of the documented cases.</param>
    public static bool IsAmbiguous(PortOneException exception, Func<PortOneException, bool> undocumentedError) => exception switch
    {
        PortOneTimeoutException => true,
        PortOneNetworkException network => !(network.InnerException is HttpRequestException http && PortOneResilience.NeverLeft(http)),
        PortOneInvalidResponseException invalid => invalid.RequestAccepted || (int?)invalid.StatusCode >= 500,
        _ => (int?)exception.StatusCode >= 500 && undocumentedError(exception),
    };

    /// <summary>A token source that fires when <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    public static CancellationTokenSource Budget(TimeProvider clock, TimeSpan timeout)
    {
#if NET8_0_OR_GREATER
        return new CancellationTokenSource(timeout, clock);
#else
        return System.Threading.Tasks.TimeProviderTaskExtensions.CreateCancellationTokenSource(clock, timeout);
#endif
    }
}

/// <summary>
/// The time budget of one money call: <see cref="PortOneClientOptions.Timeout"/> on the client's clock from the first
/// send. The first send is already bounded by the pipeline's own total time-out, so the token source that enforces
/// the budget is made only when a send failed and the call goes on to look up and resend: a call that succeeds at
/// once (nearly all of them) pays for no timer and no linked token.
/// </summary>
internal sealed class PortOneCallBudget : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;
    private readonly long _started;
    private readonly CancellationToken _caller;
    private CancellationTokenSource? _budget;
    private CancellationTokenSource? _linked;

    /// <param name="clock">The client's clock.</param>
    /// <param name="timeout">The whole call's time.</param>
    /// <param name="caller">The caller's token.</param>
    public PortOneCallBudget(TimeProvider clock, TimeSpan timeout, CancellationToken caller)
    {
        _clock = clock;
        _timeout = timeout;
        _caller = caller;
        _started = clock.GetTimestamp();
    }

    /// <summary>The caller's token until <see cref="Arm"/>, then the caller's token linked to the budget.</summary>
    public CancellationToken Token => _linked?.Token ?? _caller;

    /// <summary>Starts enforcing what is left of the budget (nothing left: already cancelled) and returns <see cref="Token"/>.</summary>
    public CancellationToken Arm()
    {
        if (_linked is null)
        {
            var left = _timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _timeout - _clock.GetElapsedTime(_started);
            _budget = PortOneOutcome.Budget(_clock, left == Timeout.InfiniteTimeSpan || left > TimeSpan.Zero ? left : TimeSpan.Zero);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, _budget.Token);
        }

        return _linked.Token;
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _budget?.Dispose();
    }
}

