using System;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PortOne.Sdk.Http;

/// <summary>
/// Sends each request with the client's time-outs and retries: a total time-out over the whole call, a time-out per
/// attempt, and retries (with back-off, or after the server's <c>Retry-After</c>) of what
/// <see cref="PortOneResilience.RetryDelay"/> allows.
/// </summary>
/// <remarks>
/// Both time-outs share one timer per attempt, set to whichever ends first: the attempt's own limit or what is
/// left of the call's. The back-off waits are not timed against the total: a retry that could not start before
/// the call's deadline is not made, and the last attempt's answer or failure is the call's.
/// </remarks>
internal sealed class PortOneResilienceHandler : DelegatingHandler
{
    private readonly PortOneResiliencePolicy _policy;

    public PortOneResilienceHandler(PortOneResiliencePolicy policy)
    {
        _policy = policy;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var policy = _policy;
        var time = policy.TimeProvider;
        var operation = request.GetPortOneOperation();
        var retryable = operation?.Retryable ?? false;
        var callStarted = time.GetTimestamp();
        for (var retries = 0; ; retries++)
        {
            var attemptStarted = retries == 0 ? callStarted : time.GetTimestamp();
            var left = policy.Timeout - time.GetElapsedTime(callStarted, attemptStarted);
            var total = left <= policy.AttemptTimeout;
            var limit = total ? left : policy.AttemptTimeout;

            HttpResponseMessage? response = null;
            Exception? failure = null;
            var timer = policy.Timers.Start(limit);
            var link = cancellationToken.CanBeCanceled ? Link(cancellationToken, timer) : default;
            try
            {
                response = await base.SendAsync(request, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = new PortOneAttemptTimeoutException(total ? policy.Timeout : policy.AttemptTimeout, total, exception);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failure = exception;
            }
            finally
            {
                link.Dispose();
                policy.Timers.Stop(timer, time.GetElapsedTime(attemptStarted), limit);
            }

            if (retries < policy.Retry.MaxRetries
                && PortOneResilience.RetryDelay(response, failure, retryable, policy.Retry, retries, time) is { } delay)
            {
                if (delay < policy.Timeout - time.GetElapsedTime(callStarted))
                {
                    policy.Logger.LogRetry(
                        operation?.Name ?? "unknown",
                        retries + 1,
                        (int?)response?.StatusCode,
                        failure?.GetType().Name,
                        delay.TotalMilliseconds);
                    response?.Dispose();
                    if (delay > TimeSpan.Zero)
                    {
#if NET8_0_OR_GREATER
                        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
#else
                        await time.Delay(delay, cancellationToken).ConfigureAwait(false);
#endif
                    }

                    continue;
                }
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            return response!;
        }
    }

    // The caller's cancellation ends the attempt too. Nothing the callback needs flows with it, so on .NET the
    // execution context is not captured.
    private static CancellationTokenRegistration Link(CancellationToken cancellationToken, CancellationTokenSource timer) =>
#if NET6_0_OR_GREATER
        cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timer);
#else
        cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), timer);
#endif
}

/// <summary>
/// What every <see cref="PortOneResilienceHandler"/> of one client shares: the time-outs and retry settings as they
/// were when the client was built, its clock, its logger and its attempt timers.
/// </summary>
internal sealed class PortOneResiliencePolicy
{
    public PortOneResiliencePolicy(PortOneClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Timeout = options.Timeout;
        AttemptTimeout = options.AttemptTimeout;
        var retry = options.Retry;
        Retry = new PortOneRetryOptions
        {
            MaxRetries = retry.MaxRetries,
            BaseDelay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            MaxRetryAfter = retry.MaxRetryAfter,
        };
        TimeProvider = timeProvider;
        Logger = logger;
        Timers = new AttemptTimers(timeProvider);
    }

    public TimeSpan Timeout { get; }

    public TimeSpan AttemptTimeout { get; }

    public PortOneRetryOptions Retry { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public AttemptTimers Timers { get; }
}

/// <summary>
/// Cancellation sources that cancel themselves when an attempt's limit passes. On the system clock (.NET 8 and
/// later) a source whose timer did not fire is reset and kept for a later attempt, timer included.
/// </summary>
internal sealed class AttemptTimers
{
    // A source is kept only when its attempt ended at least this long before its timer was due, so that a timer
    // firing at the very moment it is reset can never cancel the next attempt that gets it.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _timeProvider;
#if NET8_0_OR_GREATER
    private readonly CancellationTokenSource?[]? _kept;
#endif

    public AttemptTimers(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
#if NET8_0_OR_GREATER
        if (ReferenceEquals(timeProvider, TimeProvider.System))
        {
            _kept = new CancellationTokenSource?[Math.Max(32, Environment.ProcessorCount * 8)];
        }
#endif
    }

    /// <summary>A source that cancels itself after <paramref name="limit"/> on the client's clock.</summary>
    public CancellationTokenSource Start(TimeSpan limit)
    {
        limit = PortOneResilience.TimerLimit(limit <= TimeSpan.Zero ? TimeSpan.Zero : limit);
#if NET8_0_OR_GREATER
        var kept = _kept;
        if (kept is not null)
        {
            for (var i = 0; i < kept.Length; i++)
            {
                if (Volatile.Read(ref kept[i]) is not null && Interlocked.Exchange(ref kept[i], null) is { } source)
                {
                    // Never expected (a source is kept only when its reset stopped a timer far from due), but a
                    // cancelled source would fail an unrelated attempt at once, so it is dropped, not used.
                    if (source.IsCancellationRequested)
                    {
                        source.Dispose();
                        continue;
                    }

                    source.CancelAfter(limit);
                    return source;
                }
            }

            var fresh = new CancellationTokenSource();
            fresh.CancelAfter(limit);
            return fresh;
        }

        return new CancellationTokenSource(limit, _timeProvider);
#else
        return _timeProvider.CreateCancellationTokenSource(limit);
#endif
    }

    /// <summary>Ends a source's use: kept for reuse when that is safe, disposed otherwise.</summary>
    /// <param name="source">What <see cref="Start"/> gave.</param>
    /// <param name="elapsed">How long the attempt took.</param>
    /// <param name="limit">The limit it was started with.</param>
    public void Stop(CancellationTokenSource source, TimeSpan elapsed, TimeSpan limit)
    {
#if NET8_0_OR_GREATER
        var kept = _kept;
        if (kept is not null && elapsed + Margin < limit && source.TryReset())
        {
            for (var i = 0; i < kept.Length; i++)
            {
                if (Volatile.Read(ref kept[i]) is null && Interlocked.CompareExchange(ref kept[i], source, null) is null)
                {
                    return;
                }
            }
        }
#else
        _ = elapsed;
        _ = limit;
#endif
        source.Dispose();
    }
}
