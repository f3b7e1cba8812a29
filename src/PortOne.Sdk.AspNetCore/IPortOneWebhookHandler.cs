using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore;

/// <summary>
/// Does the application's work for a verified V2 webhook. Register it with
/// <c>services.AddPortOneWebhooks(…).AddHandler&lt;THandler&gt;()</c>; it is resolved from the request's scope, so it
/// can depend on scoped services such as a <c>DbContext</c>.
/// </summary>
/// <remarks>
/// <para>
/// The endpoint answers PortOne with 200 only after <see cref="HandleAsync"/> has returned, and records the webhook
/// id as handled only then. If it throws (or the process stops first), PortOne gets a 5xx or no answer and delivers
/// the webhook again. So finish the work that must not be lost (write to your database, enqueue a durable message)
/// before returning, and keep it short: PortOne waits for the answer.
/// </para>
/// <para>
/// A webhook already handled is not passed again on this instance or any instance sharing the same
/// <c>IDistributedCache</c>. Across instances that is best effort: two instances receiving the same delivery at the
/// same moment can both run it. Make the work idempotent (e.g. keyed by payment id) where running it twice would
/// hurt.
/// </para>
/// <para>
/// A webhook says that something happened, not what is true now: look the payment up
/// (<c>PortOneV2Client.Payments.GetAsync(paymentId)</c>) and act on what the API returns.
/// </para>
/// </remarks>
public interface IPortOneWebhookHandler
{
    /// <summary>Handles one verified webhook.</summary>
    /// <param name="webhook">
    /// The decoded webhook: a <see cref="WebhookTransaction"/> or <see cref="WebhookBillingKey"/> case, or
    /// <see cref="UnknownWebhook"/> for a type this SDK version does not know yet.
    /// </param>
    /// <param name="context">The delivery: its <c>webhook-id</c>, send time, raw body and HTTP request.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted (PortOne gave up waiting, or the server is stopping).</param>
    /// <returns>A task that completes when the work is safely done.</returns>
    Task HandleAsync(Webhook webhook, PortOneWebhookContext context, CancellationToken cancellationToken);
}

/// <summary>One delivery of a V2 webhook, as passed to <see cref="IPortOneWebhookHandler"/>.</summary>
public sealed class PortOneWebhookContext
{
    /// <summary>Creates the context. The endpoint does this; tests of a handler may too.</summary>
    /// <param name="webhookId">The verified <c>webhook-id</c>.</param>
    /// <param name="sentAt">The verified <c>webhook-timestamp</c>.</param>
    /// <param name="body">The raw body exactly as received.</param>
    /// <param name="httpContext">The request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="webhookId"/> or <paramref name="httpContext"/> is null.</exception>
    public PortOneWebhookContext(string webhookId, DateTimeOffset sentAt, ReadOnlyMemory<byte> body, HttpContext httpContext)
    {
        WebhookId = webhookId ?? throw new ArgumentNullException(nameof(webhookId));
        SentAt = sentAt;
        Body = body;
        HttpContext = httpContext ?? throw new ArgumentNullException(nameof(httpContext));
    }

    /// <summary>
    /// The delivery's <c>webhook-id</c>: the same for every retry of this delivery. The endpoint already skips ids it
    /// handled; use it too as an idempotency key in your own storage.
    /// </summary>
    public string WebhookId { get; }

    /// <summary>When PortOne sent (or last re-sent) the webhook, from the verified <c>webhook-timestamp</c>.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>The body exactly as received and verified, e.g. to store the event as it came.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The HTTP request the webhook came with.</summary>
    public HttpContext HttpContext { get; }
}
