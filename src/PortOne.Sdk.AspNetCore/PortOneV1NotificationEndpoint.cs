using System;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.AspNetCore;

/// <summary>The V1 endpoint: read, parse, look the payment up, call the handlers, answer.</summary>
internal sealed class PortOneV1NotificationEndpoint
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly PortOneWebhookOptions _options;
    private readonly ILogger _logger;

    public PortOneV1NotificationEndpoint(IOptions<PortOneWebhookOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _logger = loggerFactory.CreateLogger(Log.Category);
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var activity = PortOneWebhookDiagnostics.Source.StartActivity(PortOneWebhookDiagnostics.V1NotificationActivityName, ActivityKind.Internal);
        var aborted = context.RequestAborted;
        var request = context.Request;

        var body = await WebhookBodyReader.ReadAsync(request, _options.MaxBodyBytes, aborted).ConfigureAwait(false);
        if (body is not { } raw)
        {
            Log.TooLarge(_logger, _options.MaxBodyBytes);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.TooLarge);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!TryDecode(raw, out var text) || !V1Notification.TryParse(text, request.ContentType, out var notification))
        {
            Log.V1Unreadable(_logger);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.Refused);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        activity?.SetTag(PortOneWebhookDiagnostics.ImpUidTag, notification.ImpUid);

        // The notification is unsigned: the payment as the API reports it is the only thing to act on.
        V1Payment payment;
        try
        {
            var iamport = context.RequestServices.GetRequiredService<IPortOneV1Client>();
            payment = await iamport.Payments.GetAsync(notification.ImpUid, aborted).ConfigureAwait(false);
        }
        catch (PortOneV1ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // No such payment: forged, mistyped, or the console's test button. Asking again cannot change that, and
            // iamport stops resending only on 200, so acknowledge it without calling the handler.
            Log.V1UnknownPayment(_logger, notification.ImpUid);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.UnknownPayment);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Log.V1Aborted(_logger, notification.ImpUid);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.Aborted);
            return;
        }
        catch (Exception ex) when (ex is PortOneException or System.Net.Http.HttpRequestException or OperationCanceledException)
        {
            // PortOne (or the way to it) failed: nothing was decided, so let the notification come again.
            Log.V1LookupFailed(_logger, ex, notification.ImpUid);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.LookupFailed, error: true);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (!string.Equals(payment.MerchantUid, notification.MerchantUid, StringComparison.Ordinal))
        {
            Log.V1Mismatch(_logger, notification.ImpUid, notification.MerchantUid);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.Refused);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var delivery = new PortOneV1NotificationContext(context);
        try
        {
            foreach (var handler in context.RequestServices.GetServices<IPortOneV1NotificationHandler>())
            {
                await handler.HandleAsync(notification, payment, delivery, aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Log.V1Aborted(_logger, notification.ImpUid);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.Aborted);
            return;
        }
        catch (Exception ex)
        {
            Log.V1HandlerFailed(_logger, ex, notification.ImpUid);
            PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.HandlerFailed, error: true);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        Log.V1Handled(_logger, notification.ImpUid, payment.Status.ToString());
        PortOneWebhookEndpoint.Outcome(activity, WebhookOutcome.Handled);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static bool TryDecode(ReadOnlyMemory<byte> raw, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(raw.Span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }
}
