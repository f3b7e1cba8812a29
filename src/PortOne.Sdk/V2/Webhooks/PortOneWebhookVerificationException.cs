using System;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>Why a webhook request was refused by <see cref="PortOneWebhookVerifier"/>.</summary>
public enum PortOneWebhookVerificationFailure
{
    /// <summary>
    /// One of <c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> was absent or empty;
    /// <see cref="PortOneWebhookVerificationException.HeaderName"/> says which.
    /// </summary>
    MissingHeader,

    /// <summary><c>webhook-timestamp</c> is not a whole number of seconds since 1970-01-01 UTC.</summary>
    BadTimestamp,

    /// <summary>The timestamp lies more than five minutes before the current time: possibly a replay.</summary>
    TooOld,

    /// <summary>The timestamp lies more than five minutes after the current time.</summary>
    TooNew,

    /// <summary>
    /// No <c>v1</c> signature in <c>webhook-signature</c> matches the body: it was altered, signed with another
    /// secret, or not sent by PortOne.
    /// </summary>
    NoMatchingSignature,

    /// <summary>
    /// The configured webhook secret is not usable: empty, or not base64 after the optional <c>whsec_</c> prefix.
    /// Every request fails this way until the configuration is fixed.
    /// </summary>
    BadSecret,

    /// <summary>
    /// The signature is valid, but the body is not a webhook payload this SDK can read (not JSON, no object, or a
    /// known <c>type</c> with a required field missing).
    /// </summary>
    InvalidPayload,

    /// <summary>
    /// <c>webhook-id</c> or <c>webhook-timestamp</c> arrived more than once: as repeated header lines, under names
    /// differing only in case, or as several values of one header entry. PortOne sends each exactly once, so the
    /// extra value was added on the way, and which one is the delivery's id or send time would be ambiguous.
    /// <see cref="PortOneWebhookVerificationException.HeaderName"/> says which header.
    /// </summary>
    DuplicateHeader,
}

/// <summary>
/// A webhook request could not be accepted. Answer it with a 4xx status and do not act on it. Branch on
/// <see cref="Reason"/>, not on the message.
/// </summary>
/// <remarks>The message names the failure and, where it applies, the header; it never contains the secret.</remarks>
public class PortOneWebhookVerificationException : PortOneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the request was refused.</param>
    /// <param name="headerName">
    /// The header concerned, for <see cref="PortOneWebhookVerificationFailure.MissingHeader"/> and
    /// <see cref="PortOneWebhookVerificationFailure.DuplicateHeader"/>.
    /// </param>
    /// <param name="innerException">The parsing failure behind <see cref="PortOneWebhookVerificationFailure.InvalidPayload"/>, if any.</param>
    public PortOneWebhookVerificationException(PortOneWebhookVerificationFailure reason, string? headerName = null, Exception? innerException = null)
        : base(FormatMessage(reason, headerName), innerException)
    {
        Reason = reason;
        HeaderName = headerName;
    }

    /// <summary>Why the request was refused.</summary>
    public PortOneWebhookVerificationFailure Reason { get; }

    /// <summary>
    /// The name of the missing or repeated header when <see cref="Reason"/> is
    /// <see cref="PortOneWebhookVerificationFailure.MissingHeader"/> or
    /// <see cref="PortOneWebhookVerificationFailure.DuplicateHeader"/>; otherwise <see langword="null"/>.
    /// </summary>
    public string? HeaderName { get; }

    private static string FormatMessage(PortOneWebhookVerificationFailure reason, string? headerName) => reason switch
    {
        PortOneWebhookVerificationFailure.MissingHeader => $"The webhook request has no '{headerName}' header.",
        PortOneWebhookVerificationFailure.BadTimestamp => "The webhook-timestamp header is not a number of Unix seconds.",
        PortOneWebhookVerificationFailure.TooOld => "The webhook timestamp is more than five minutes in the past.",
        PortOneWebhookVerificationFailure.TooNew => "The webhook timestamp is more than five minutes in the future.",
        PortOneWebhookVerificationFailure.NoMatchingSignature => "No v1 signature of the webhook request matches its body.",
        PortOneWebhookVerificationFailure.BadSecret => "The configured webhook secret is empty or not base64 (an optional 'whsec_' prefix is allowed).",
        PortOneWebhookVerificationFailure.InvalidPayload => "The webhook body is correctly signed but is not a webhook payload.",
        PortOneWebhookVerificationFailure.DuplicateHeader => $"The webhook request carries the '{headerName}' header more than once.",
        _ => $"The webhook request was refused ({reason}).",
    };
}
