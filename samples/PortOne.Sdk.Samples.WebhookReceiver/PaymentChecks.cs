using System.Threading.Channels;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Samples.WebhookReceiver;

/// <summary>Which API a payment id belongs to.</summary>
public enum PaymentApi
{
    /// <summary>V1 (iamport): the id is an <c>imp_uid</c>.</summary>
    V1,

    /// <summary>V2: the id is the merchant's <c>paymentId</c>.</summary>
    V2,
}

/// <summary>A payment to look up because a webhook mentioned it.</summary>
/// <param name="Api">The API the id belongs to.</param>
/// <param name="Id">The payment id (V2 <c>paymentId</c> or V1 <c>imp_uid</c>).</param>
/// <param name="Reason">What the webhook claimed happened; for logs only.</param>
/// <param name="MerchantUid">For V1: the order the notification names, checked against the fetched payment.</param>
public sealed record PaymentCheck(PaymentApi Api, string Id, string Reason, string? MerchantUid = null);

/// <summary>Fetches a payment from PortOne and acts on the state the API reports.</summary>
public interface IPaymentConfirmer
{
    /// <summary>Looks the payment up and brings the merchant's records in line with it.</summary>
    Task ConfirmAsync(PaymentCheck check, CancellationToken cancellationToken);
}

/// <summary>
/// Fetches the payment the webhook named and decides from what the API returns, never from the webhook. An
/// application would mark its order paid, failed or refunded here (comparing the amount with the order); this
/// sample logs the state. It must be idempotent: the same webhook can arrive more than once.
/// </summary>
public sealed class PortOnePaymentConfirmer(PortOneV2Client portone, PortOneV1Client iamport, ILogger<PortOnePaymentConfirmer> logger)
    : IPaymentConfirmer
{
    /// <inheritdoc/>
    public async Task ConfirmAsync(PaymentCheck check, CancellationToken cancellationToken)
    {
        if (check.Api == PaymentApi.V2)
        {
            var payment = await portone.Payments.GetAsync(check.Id, cancellationToken);
            var state = payment switch
            {
                PaidPayment p => $"paid {p.Amount.Total} {p.Currency}",
                CancelledPayment or PartialCancelledPayment => "refunded (in part or in full)",
                FailedPayment => "failed",
                VirtualAccountIssuedPayment => "waiting for the bank transfer",
                UnknownPayment u => $"in a state this SDK does not know yet ({u.Status})",
                _ => payment.Status,
            };
            Log.Confirmed(logger, check.Api, check.Id, check.Reason, state);
            return;
        }

        // V1 notifications are unsigned: GetVerifiedAsync fetches the payment and checks it belongs to the order
        // the notification names.
        var notification = new V1Notification { ImpUid = check.Id, MerchantUid = check.MerchantUid ?? string.Empty, Status = check.Reason };
        var v1Payment = await iamport.Payments.GetVerifiedAsync(notification, cancellationToken);
        Log.Confirmed(logger, check.Api, check.Id, check.Reason, $"{v1Payment.Status} {v1Payment.Amount} {v1Payment.Currency}");
    }
}

/// <summary>Takes payment checks off the queue one by one, outside of any webhook request.</summary>
/// <remarks>
/// Each check resolves its confirmer in a scope of its own, so the typed PortOne clients come fresh from
/// <c>IHttpClientFactory</c> instead of being held for the life of this long-running service.
/// </remarks>
public sealed class PaymentCheckWorker(ChannelReader<PaymentCheck> checks, IServiceScopeFactory scopes, ILogger<PaymentCheckWorker> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var check in checks.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPaymentConfirmer>().ConfirmAsync(check, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The webhook was already acknowledged, so PortOne will not resend it: record the failure where a
                // scheduled job can retry it (this sample only logs).
                Log.ConfirmFailed(logger, ex, check.Api, check.Id);
            }
        }
    }
}

/// <summary>The sample's log messages, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook request: {Reason} {Header}")]
    public static partial void WebhookRefused(ILogger logger, PortOne.Sdk.V2.Webhooks.PortOneWebhookVerificationFailure reason, string? header);

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing key webhook {Type} for {BillingKey}")]
    public static partial void BillingKeyEvent(ILogger logger, string type, string billingKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook of unknown type {Type}: {RawJson}")]
    public static partial void UnknownWebhook(ILogger logger, string type, string rawJson);

    [LoggerMessage(Level = LogLevel.Information, Message = "V1 notification for {ImpUid} claiming {Status} (unverified)")]
    public static partial void V1Notification(ILogger logger, string impUid, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Api} payment {Id} (webhook said {Reason}) is, according to the API: {State}")]
    public static partial void Confirmed(ILogger logger, PaymentApi api, string id, string reason, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Confirming {Api} payment {Id} failed")]
    public static partial void ConfirmFailed(ILogger logger, Exception exception, PaymentApi api, string id);
}
