using PortOne.Sdk.AspNetCore;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Samples.WebhookReceiver;

/// <summary>
/// The application's work for a V2 webhook. It runs inside the webhook request: the endpoint answers PortOne only
/// after this returns, so nothing is acknowledged before it is safely recorded, and a failure here makes PortOne
/// deliver the webhook again. Keep it short; hand long work to a durable queue of your own.
/// </summary>
public sealed class PaymentWebhookHandler(IPortOneV2Client portone, OrderBook orders, ILogger<PaymentWebhookHandler> logger) : IPortOneWebhookHandler
{
    /// <inheritdoc/>
    public async Task HandleAsync(Webhook webhook, PortOneWebhookContext context, CancellationToken cancellationToken)
    {
        switch (webhook)
        {
            case WebhookTransaction transaction:
                // A webhook says something happened; the API says what is true now. Act on the API.
                var payment = await portone.Payments.GetAsync(transaction.PaymentId, cancellationToken);
                var state = payment switch
                {
                    PaidPayment p => $"paid {p.Amount.Total} {p.Currency}",
                    PartialCancelledPayment p => $"partly refunded ({p.Amount.Cancelled} of {p.Amount.Total} {p.Currency})",
                    CancelledPayment => "refunded in full",
                    FailedPayment => "failed",
                    VirtualAccountIssuedPayment => "waiting for the bank transfer",
                    UnknownPayment u => $"in a state this SDK does not know yet ({u.Status})",
                    _ => payment.Status,
                };
                orders.Update(transaction.PaymentId, state, $"{webhook.Type} ({context.WebhookId})");
                break;
            case WebhookBillingKey billingKey:
                orders.Update("billing key " + billingKey.BillingKey[..Math.Min(16, billingKey.BillingKey.Length)] + "…", billingKey.Type["BillingKey.".Length..].ToLowerInvariant(), $"{webhook.Type} ({context.WebhookId})");
                break;
            case UnknownWebhook unknown:
                // A type added after this SDK version: acknowledge it (so it is not resent) and keep it for a look.
                Log.UnknownWebhook(logger, unknown.Type, context.WebhookId);
                break;
        }
    }
}

/// <summary>
/// The application's work for a V1 (iamport) notification. The endpoint has already fetched the payment by
/// <c>imp_uid</c> and checked it belongs to the order the notification names; act on that payment, never on the
/// notification's claimed status. V1 notifications carry no delivery id, so the same one may arrive twice: this
/// only ever sets the order to the state the API reports, which is the same the second time.
/// </summary>
public sealed class V1PaymentNotificationHandler(OrderBook orders) : IPortOneV1NotificationHandler
{
    /// <inheritdoc/>
    public Task HandleAsync(V1Notification notification, V1Payment payment, PortOneV1NotificationContext context, CancellationToken cancellationToken)
    {
        var state = payment.IsPaid ? $"paid {payment.Amount} {payment.Currency}" : payment.Status.ToString();
        orders.Update(payment.MerchantUid, state, $"V1 notification ({notification.ImpUid}, claimed '{notification.Status}')");
        return Task.CompletedTask;
    }
}

/// <summary>
/// Stands in for the merchant's order database. Each change is also printed, so that a run of the sample shows what
/// the handlers did.
/// </summary>
public sealed class OrderBook
{
    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private int _updates;

    /// <summary>How many times a handler changed an order.</summary>
    public int Updates => Volatile.Read(ref _updates);

    /// <summary>Sets an order's state.</summary>
    public void Update(string order, string state, string because)
    {
        lock (_states)
        {
            _states[order] = state;
        }

        Interlocked.Increment(ref _updates);
        Console.WriteLine($"      handler: {order} is now {state}  (from {because})");
    }
}

/// <summary>The sample's log messages, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} of a type this SDK does not know: {Type}")]
    public static partial void UnknownWebhook(ILogger logger, string type, string webhookId);
}
