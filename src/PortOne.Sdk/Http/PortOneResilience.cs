using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PortOne.Sdk.Http;

/// <summary>
/// Builds the one resilience pipeline a client uses: a total time-out around a retry around a per-attempt
/// time-out. The retry only repeats requests whose operation is marked retryable, with one exception: a
/// connection that could not even be established (the request never left) is retried for any operation.
/// </summary>
internal static class PortOneResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(PortOneClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.Timeout, Name = "PortOne.TotalTimeout" });
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "PortOne.Retry",
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, retry, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    var operation = Operation(args.Context);
                    logger.LogRetry(
                        operation?.Name ?? "unknown",
                        args.AttemptNumber + 1,
                        (int?)args.Outcome.Result?.StatusCode,
                        args.Outcome.Exception?.GetType().Name,
                        args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout, Name = "PortOne.AttemptTimeout" });
        return builder.Build();
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, PortOneRetryOptions retry, TimeProvider timeProvider)
    {
        var retryable = Operation(context)?.Retryable ?? false;

        if (outcome.Exception is { } exception)
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            return exception switch
            {
                HttpRequestException httpException => retryable || NeverLeft(httpException),
                System.IO.IOException => retryable,
                TimeoutRejectedException => retryable,
                _ => false,
            };
        }

        var response = outcome.Result;
        if (response is null || !retryable || !IsTransientStatus(response.StatusCode))
        {
            return false;
        }

        var retryAfter = RetryAfter(response, timeProvider);
        return retryAfter is null || retryAfter.Value <= retry.MaxRetryAfter;
    }

    /// <summary>The operation <see cref="PortOneResilienceHandler"/> put on the context; null when there is none.</summary>
    private static PortOneOperation? Operation(ResilienceContext context) =>
        context.Properties.TryGetValue(PortOneResilienceHandler.OperationKey, out var operation) ? operation : null;

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
