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
public sealed record PaymentCheck(PaymentApi Api, string Id, string Reason);

/// <summary>Fetches a payment from PortOne and acts on the state the API reports.</summary>
public interface IPaymentConfirmer
{
    /// <summary>Looks the payment up and brings the merchant's records in line with it.</summary>
    Task ConfirmAsync(PaymentCheck check, CancellationToken cancellationToken);
}

/// <summary>
/// The confirmer of this sample: it has the clients at hand and logs what it would look up.
/// </summary>
/// <remarks>
/// In an application, <see cref="ConfirmAsync"/> fetches the payment with <c>portone.Payments.GetAsync(check.Id,
/// cancellationToken)</c> for V2 or <c>iamport.Payments.GetAsync(check.Id, cancellationToken)</c> for V1, compares
/// the amount with the order, and marks the order paid, failed or refunded from the status the API returns. Those
/// resource clients arrive with the payment operations of the SDK; the injected clients below are the ones to call.
/// Make it idempotent: the same webhook can arrive more than once.
/// </remarks>
public sealed class LoggingPaymentConfirmer(PortOneV2Client portone, PortOneV1Client iamport, ILogger<LoggingPaymentConfirmer> logger)
    : IPaymentConfirmer
{
    /// <inheritdoc/>
    public Task ConfirmAsync(PaymentCheck check, CancellationToken cancellationToken)
    {
        object client = check.Api == PaymentApi.V2 ? portone : iamport;
        Log.WouldConfirm(logger, check.Api, check.Id, check.Reason, client.GetType().Name);
        return Task.CompletedTask;
    }
}

/// <summary>Takes payment checks off the queue one by one, outside of any webhook request.</summary>
public sealed class PaymentCheckWorker(ChannelReader<PaymentCheck> checks, IPaymentConfirmer confirmer, ILogger<PaymentCheckWorker> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var check in checks.ReadAllAsync(stoppingToken))
        {
            try
            {
                await confirmer.ConfirmAsync(check, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Would fetch {Api} payment {Id} ({Reason}) through {Client}")]
    public static partial void WouldConfirm(ILogger logger, PaymentApi api, string id, string reason, string client);

    [LoggerMessage(Level = LogLevel.Error, Message = "Confirming {Api} payment {Id} failed")]
    public static partial void ConfirmFailed(ILogger logger, Exception exception, PaymentApi api, string id);
}
