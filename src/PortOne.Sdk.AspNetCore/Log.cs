using System;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore;

/// <summary>
/// The endpoints' log messages, source-generated. They name the webhook id, type, verification reason and
/// <c>imp_uid</c>; never the secret, the body or the signature.
/// </summary>
internal static partial class Log
{
    public const string Category = "PortOne.Sdk.AspNetCore.Webhooks";

    [LoggerMessage(EventId = 1, EventName = "PortOneWebhookTooLarge", Level = LogLevel.Warning, Message = "Refused a PortOne webhook request with a body over {MaxBodyBytes} bytes (413)")]
    public static partial void TooLarge(ILogger logger, int maxBodyBytes);

    /// <summary><paramref name="header"/>: empty, or the missing or repeated header's name in parentheses after a space.</summary>
    [LoggerMessage(EventId = 2, EventName = "PortOneWebhookRefused", Level = LogLevel.Warning, Message = "Refused a PortOne webhook request (400): {Reason}{Header}; webhook-id {WebhookId}")]
    public static partial void Refused(ILogger logger, PortOneWebhookVerificationFailure reason, string header, string? webhookId);

    [LoggerMessage(EventId = 3, EventName = "PortOneWebhookBadSecret", Level = LogLevel.Error, Message = "Could not verify a PortOne webhook (500): the configured webhook secret is not usable ({Reason}); fix PortOne:V2:WebhookSecret")]
    public static partial void BadSecret(ILogger logger, PortOneWebhookVerificationFailure reason);

    [LoggerMessage(EventId = 4, EventName = "PortOneWebhookDuplicate", Level = LogLevel.Information, Message = "PortOne webhook {WebhookId} ({Type}) was already handled; acknowledged without calling the handler")]
    public static partial void Duplicate(ILogger logger, string webhookId, string type);

    [LoggerMessage(EventId = 5, EventName = "PortOneWebhookHandled", Level = LogLevel.Information, Message = "Handled PortOne webhook {WebhookId} ({Type})")]
    public static partial void Handled(ILogger logger, string webhookId, string type);

    [LoggerMessage(EventId = 6, EventName = "PortOneWebhookHandlerFailed", Level = LogLevel.Error, Message = "The handler of PortOne webhook {WebhookId} ({Type}) failed; answered 500 so that PortOne delivers it again")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string webhookId, string type);

    [LoggerMessage(EventId = 7, EventName = "PortOneWebhookAborted", Level = LogLevel.Warning, Message = "The request of PortOne webhook {WebhookId} ({Type}) was aborted before the handler finished; not recorded as handled")]
    public static partial void Aborted(ILogger logger, string webhookId, string type);

    [LoggerMessage(EventId = 8, EventName = "PortOneWebhookCacheUnavailable", Level = LogLevel.Error, Message = "Could not read the record of handled PortOne webhooks for {WebhookId}; answered 503 so that PortOne delivers it again")]
    public static partial void CacheReadFailed(ILogger logger, Exception exception, string webhookId);

    [LoggerMessage(EventId = 9, EventName = "PortOneWebhookNotRecorded", Level = LogLevel.Warning, Message = "Handled PortOne webhook {WebhookId} but could not record it as handled; a redelivery would run the handler again")]
    public static partial void CacheWriteFailed(ILogger logger, Exception exception, string webhookId);

    [LoggerMessage(EventId = 20, EventName = "PortOneV1NotificationRefused", Level = LogLevel.Warning, Message = "Refused a V1 notification (400): the body is not a notification (imp_uid, merchant_uid and status are required)")]
    public static partial void V1Unreadable(ILogger logger);

    [LoggerMessage(EventId = 21, EventName = "PortOneV1NotificationUnknownPayment", Level = LogLevel.Warning, Message = "V1 notification for imp_uid {ImpUid}: PortOne knows no such payment (forged, mistyped or a console test); acknowledged without calling the handler")]
    public static partial void V1UnknownPayment(ILogger logger, string impUid);

    [LoggerMessage(EventId = 22, EventName = "PortOneV1NotificationMismatch", Level = LogLevel.Warning, Message = "Refused a V1 notification (400): imp_uid {ImpUid} names merchant_uid {MerchantUid}, but PortOne has that payment under another order")]
    public static partial void V1Mismatch(ILogger logger, string impUid, string merchantUid);

    [LoggerMessage(EventId = 23, EventName = "PortOneV1NotificationLookupFailed", Level = LogLevel.Error, Message = "Could not look up the payment of V1 notification {ImpUid}; answered 503 so that it can be delivered again")]
    public static partial void V1LookupFailed(ILogger logger, Exception exception, string impUid);

    [LoggerMessage(EventId = 24, EventName = "PortOneV1NotificationHandled", Level = LogLevel.Information, Message = "Handled V1 notification for imp_uid {ImpUid} (payment is {Status})")]
    public static partial void V1Handled(ILogger logger, string impUid, string status);

    [LoggerMessage(EventId = 25, EventName = "PortOneV1NotificationHandlerFailed", Level = LogLevel.Error, Message = "The handler of the V1 notification for imp_uid {ImpUid} failed; answered 500")]
    public static partial void V1HandlerFailed(ILogger logger, Exception exception, string impUid);

    [LoggerMessage(EventId = 26, EventName = "PortOneV1NotificationAborted", Level = LogLevel.Warning, Message = "The request of the V1 notification for imp_uid {ImpUid} was aborted before the handler finished")]
    public static partial void V1Aborted(ILogger logger, string impUid);
}
