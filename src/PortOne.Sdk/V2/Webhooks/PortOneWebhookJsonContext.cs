using System.Text.Json.Serialization;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>
/// Source-generated serializer metadata for the webhook payloads (camelCase names, nulls omitted on write), kept
/// apart from the API's context so the webhook types can change without touching it.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(WebhookTransactionReady))]
[JsonSerializable(typeof(WebhookTransactionPaid))]
[JsonSerializable(typeof(WebhookTransactionVirtualAccountIssued))]
[JsonSerializable(typeof(WebhookTransactionFailed))]
[JsonSerializable(typeof(WebhookTransactionPayPending))]
[JsonSerializable(typeof(WebhookTransactionConfirm))]
[JsonSerializable(typeof(WebhookTransactionDisputeCreated))]
[JsonSerializable(typeof(WebhookTransactionDisputeResolved))]
[JsonSerializable(typeof(WebhookTransactionPartialCancelled))]
[JsonSerializable(typeof(WebhookTransactionCancelled))]
[JsonSerializable(typeof(WebhookTransactionCancelPending))]
[JsonSerializable(typeof(WebhookBillingKeyReady))]
[JsonSerializable(typeof(WebhookBillingKeyIssued))]
[JsonSerializable(typeof(WebhookBillingKeyFailed))]
[JsonSerializable(typeof(WebhookBillingKeyDeleted))]
[JsonSerializable(typeof(WebhookBillingKeyUpdated))]
internal sealed partial class PortOneWebhookJsonContext : JsonSerializerContext
{
}
