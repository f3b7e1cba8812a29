using System;
using System.Net;
using System.Net.Http;

namespace PortOne.Sdk.Http;

/// <summary>
/// The retry and time-out rules of a client: which failures are worth another attempt, how long to wait before it,
/// and the timers that end an attempt. <see cref="PortOneResilienceHandler"/> applies them.
/// </summary>
internal static class PortOneResilience
{
    // The longest due time a system timer takes (uint.MaxValue - 1 ms, about 49.7 days); longer limits never fire.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>
    /// The wait before a failed attempt is tried again, or null when it is not. A retry only repeats requests whose
    /// operation is marked retryable, with one exception: a connection that could not even be established (the
    /// request never left) is retried for any operation. A <c>Retry-After</c> the server sent is the wait, unless it
    /// asks for more than <c>MaxRetryAfter</c>, in which case the answer stands; otherwise the back-off is.
    /// </summary>
    /// <param name="response">The attempt's answer, or null when it failed with <paramref name="exception"/>.</param>
    /// <param name="exception">The attempt's failure, or null when it answered.</param>
    /// <param name="retryable">Whether the operation may be sent twice.</param>
    /// <param name="retry">The client's retry settings.</param>
    /// <param name="retryNumber">How many retries came before this one.</param>
    /// <param name="timeProvider">The client's clock, for a <c>Retry-After</c> given as a date.</param>
    internal static TimeSpan? RetryDelay(HttpResponseMessage? response, Exception? exception, bool retryable, PortOneRetryOptions retry, int retryNumber, TimeProvider timeProvider)
    {
        if (exception is not null)
        {
            var again = exception switch
            {
                HttpRequestException httpException => retryable || NeverLeft(httpException),
                System.IO.IOException => retryable,
                PortOneAttemptTimeoutException { Total: false } => retryable,
                _ => false,
            };
            return again ? BackOff(retry, retryNumber, NextRandom()) : null;
        }

        if (response is null || !retryable || !IsTransientStatus(response.StatusCode))
        {
            return null;
        }

        return RetryAfter(response, timeProvider) is { } retryAfter
            ? retryAfter <= retry.MaxRetryAfter ? retryAfter : null
            : BackOff(retry, retryNumber, NextRandom());
    }

    internal static bool IsTransientStatus(HttpStatusCode status)
    {
        var code = (int)status;
        return code == 408 || code == 429 || (code >= 500 && code != 501 && code != 505);
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// The wait before retry number <paramref name="retryNumber"/> (0 for the first): <c>BaseDelay</c> doubled per
    /// retry, at most <c>MaxDelay</c>, of which a random half is taken off, so that clients failing together do not
    /// come back together.
    /// </summary>
    /// <param name="retry">The client's retry settings.</param>
    /// <param name="retryNumber">How many retries came before this one.</param>
    /// <param name="random">A number in [0, 1).</param>
    internal static TimeSpan BackOff(PortOneRetryOptions retry, int retryNumber, double random)
    {
        var ceiling = retry.MaxDelay < TimeSpan.Zero ? TimeSpan.Zero : retry.MaxDelay;
        var ticks = retry.BaseDelay.Ticks * Math.Pow(2, retryNumber);
        var full = ticks >= ceiling.Ticks ? ceiling : TimeSpan.FromTicks((long)ticks);
        return TimeSpan.FromTicks(full.Ticks / 2 + (long)(full.Ticks / 2 * random));
    }

    /// <summary>A limit a timer can be set to: values past the longest system timer are cut to it.</summary>
    internal static TimeSpan TimerLimit(TimeSpan limit) => limit > LongestTimer ? LongestTimer : limit;

    /// <summary>A number in [0, 1) for jitter; thread-safe.</summary>
    internal static double NextRandom()
    {
#if NET6_0_OR_GREATER
        return Random.Shared.NextDouble();
#else
        lock (SharedRandom)
        {
            return SharedRandom.NextDouble();
        }
#endif
    }

#if !NET6_0_OR_GREATER
    private static readonly Random SharedRandom = new();
#endif

    // True when the failure happened before any byte of the request could reach the server.
    internal static bool NeverLeft(HttpRequestException exception)
    {
#if NET8_0_OR_GREATER
        return exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
#else
        _ = exception;
        return false;
#endif
    }
}

/// <summary>An attempt, or the whole call, ran past its time-out (the inner exception of a <see cref="PortOneTimeoutException"/>).</summary>
internal sealed class PortOneAttemptTimeoutException : TimeoutException
{
    public PortOneAttemptTimeoutException(TimeSpan timeout, bool total, Exception? innerException)
        : base(total ? "The call ran past its total time-out." : "The attempt ran past its time-out.", innerException)
    {
        Timeout = timeout;
        Total = total;
    }

    /// <summary>The time-out that ended it.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True when the call's total time-out ended it, false when the attempt's own did.</summary>
    public bool Total { get; }
}
