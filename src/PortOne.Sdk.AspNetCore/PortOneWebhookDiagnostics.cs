using System.Diagnostics;
using System.Reflection;

namespace PortOne.Sdk.AspNetCore;

/// <summary>Names for tracing the webhook endpoints.</summary>
/// <remarks>
/// Each delivery is one span (activity) from this source, a child of ASP.NET Core's request span: <c>PortOne.Webhook</c>
/// for V2 and <c>PortOne.V1Notification</c> for V1. Its tags: <see cref="OutcomeTag"/>, and where known
/// <see cref="WebhookIdTag"/>, <see cref="WebhookTypeTag"/>, <see cref="FailureReasonTag"/> and <see cref="ImpUidTag"/>.
/// Spans whose outcome is a failure on the receiving side (handler failed, cache unavailable, look-up failed) have
/// the error status. Subscribe with <c>AddSource("PortOne.Sdk.AspNetCore")</c> in OpenTelemetry.
/// </remarks>
public static class PortOneWebhookDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> the endpoints' spans come from.</summary>
    public const string ActivitySourceName = "PortOne.Sdk.AspNetCore";

    /// <summary>The name of the V2 endpoint's span.</summary>
    public const string WebhookActivityName = "PortOne.Webhook";

    /// <summary>The name of the V1 endpoint's span.</summary>
    public const string V1NotificationActivityName = "PortOne.V1Notification";

    /// <summary>
    /// Tag saying how the delivery ended: <c>handled</c>, <c>duplicate</c>, <c>refused</c>, <c>too_large</c>,
    /// <c>handler_failed</c>, <c>aborted</c>, <c>unavailable</c>, <c>unknown_payment</c> or <c>lookup_failed</c>.
    /// </summary>
    public const string OutcomeTag = "portone.webhook.outcome";

    /// <summary>Tag with the verified <c>webhook-id</c> (V2).</summary>
    public const string WebhookIdTag = "portone.webhook.id";

    /// <summary>Tag with the webhook type, e.g. <c>Transaction.Paid</c> (V2).</summary>
    public const string WebhookTypeTag = "portone.webhook.type";

    /// <summary>Tag with the verification failure of a refused V2 request (a <c>PortOneWebhookVerificationFailure</c> name).</summary>
    public const string FailureReasonTag = "portone.webhook.failure_reason";

    /// <summary>Tag with the <c>imp_uid</c> a V1 notification names.</summary>
    public const string ImpUidTag = "portone.v1.imp_uid";

    internal static readonly ActivitySource Source = new(
        ActivitySourceName,
        typeof(PortOneWebhookDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");
}

/// <summary>How a delivery ended, as written to <see cref="PortOneWebhookDiagnostics.OutcomeTag"/>.</summary>
internal static class WebhookOutcome
{
    public const string Handled = "handled";
    public const string Duplicate = "duplicate";
    public const string Refused = "refused";
    public const string TooLarge = "too_large";
    public const string HandlerFailed = "handler_failed";
    public const string Aborted = "aborted";
    public const string Unavailable = "unavailable";
    public const string UnknownPayment = "unknown_payment";
    public const string LookupFailed = "lookup_failed";
}
