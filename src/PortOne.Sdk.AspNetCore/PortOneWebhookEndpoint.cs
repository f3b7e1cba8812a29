using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore;

/// <summary>The V2 endpoint: read, verify, skip duplicates, call the handlers, answer.</summary>
internal sealed class PortOneWebhookEndpoint
{
    private readonly PortOneWebhookOptions _options;
    private readonly PortOneWebhookVerifier _verifier;
    private readonly PortOneWebhookDeduplicator _deduplicator;
    private readonly ILogger _logger;

    public PortOneWebhookEndpoint(IOptions<PortOneWebhookOptions> options, PortOneWebhookDeduplicator deduplicator, ILoggerFactory loggerFactory, IServiceProvider services)
    {
        _options = options.Value;
        // The verifier checks the timestamp against the application's TimeProvider when it registers one.
        _verifier = new PortOneWebhookVerifier(_options.WebhookSecret ?? string.Empty, services.GetService<TimeProvider>());
        _deduplicator = deduplicator;
        _logger = loggerFactory.CreateLogger(Log.Category);
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var activity = PortOneWebhookDiagnostics.Source.StartActivity(PortOneWebhookDiagnostics.WebhookActivityName, ActivityKind.Internal);
        var aborted = context.RequestAborted;
        var request = context.Request;

        var body = await WebhookBodyReader.ReadAsync(request, _options.MaxBodyBytes, aborted).ConfigureAwait(false);
        if (body is not { } raw)
        {
            Log.TooLarge(_logger, _options.MaxBodyBytes);
            Outcome(activity, WebhookOutcome.TooLarge);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        Webhook webhook;
        try
        {
            // The bytes exactly as received: never a re-serialized form of them.
            webhook = _verifier.Verify(raw.Span, request.Headers);
        }
        catch (PortOneWebhookVerificationException ex)
        {
            activity?.SetTag(PortOneWebhookDiagnostics.FailureReasonTag, ex.Reason.ToString());
            if (ex.Reason == PortOneWebhookVerificationFailure.BadSecret)
            {
                // Our configuration is wrong, not the request: a 5xx makes PortOne try again after it is fixed.
                Log.BadSecret(_logger, ex.Reason);
                Outcome(activity, WebhookOutcome.Unavailable, error: true);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            // The id is unverified here, but names the delivery in PortOne's console.
            Log.Refused(_logger, ex.Reason, ex.HeaderName is null ? string.Empty : $" ({ex.HeaderName})", HeaderOrNull(request, PortOneWebhookHeaders.IdHeaderName));
            Outcome(activity, WebhookOutcome.Refused);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            // The reason only (an enum name): it shows in PortOne's delivery log, and tells a sender nothing secret.
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("PortOne webhook refused: " + ex.Reason, aborted).ConfigureAwait(false);
            return;
        }

        // Verified, so each header is present exactly once.
        var webhookId = request.Headers[PortOneWebhookHeaders.IdHeaderName].ToString();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Headers[PortOneWebhookHeaders.TimestampHeaderName].ToString(), NumberStyles.None, CultureInfo.InvariantCulture));
        activity?.SetTag(PortOneWebhookDiagnostics.WebhookIdTag, webhookId);
        activity?.SetTag(PortOneWebhookDiagnostics.WebhookTypeTag, webhook.Type);

        IDisposable lease;
        try
        {
            lease = await _deduplicator.EnterAsync(webhookId, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Log.Aborted(_logger, webhookId, webhook.Type);
            Outcome(activity, WebhookOutcome.Aborted);
            return;
        }

        using (lease)
        {
            bool handledBefore;
            try
            {
                handledBefore = await _deduplicator.IsHandledAsync(webhookId, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                Log.Aborted(_logger, webhookId, webhook.Type);
                Outcome(activity, WebhookOutcome.Aborted);
                return;
            }
            catch (Exception ex)
            {
                // Without the record we cannot tell a duplicate: do nothing now and let PortOne try again.
                Log.CacheReadFailed(_logger, ex, webhookId);
                Outcome(activity, WebhookOutcome.Unavailable, error: true);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            if (handledBefore)
            {
                Log.Duplicate(_logger, webhookId, webhook.Type);
                Outcome(activity, WebhookOutcome.Duplicate);
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            var delivery = new PortOneWebhookContext(webhookId, sentAt, raw, context);
            try
            {
                foreach (var handler in context.RequestServices.GetServices<IPortOneWebhookHandler>())
                {
                    await handler.HandleAsync(webhook, delivery, aborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                Log.Aborted(_logger, webhookId, webhook.Type);
                Outcome(activity, WebhookOutcome.Aborted);
                return;
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(_logger, ex, webhookId, webhook.Type);
                Outcome(activity, WebhookOutcome.HandlerFailed, error: true);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            try
            {
                // Not cancelled with the request: the work is done, and the record is what keeps it from running twice.
                await _deduplicator.MarkHandledAsync(webhookId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The work is done; answering 5xx now would only make it run again.
                Log.CacheWriteFailed(_logger, ex, webhookId);
            }
        }

        Log.Handled(_logger, webhookId, webhook.Type);
        Outcome(activity, WebhookOutcome.Handled);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    internal static void Outcome(Activity? activity, string outcome, bool error = false)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(PortOneWebhookDiagnostics.OutcomeTag, outcome);
        if (error)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    private static string? HeaderOrNull(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
