using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>
/// A V2 webhook payload (version 2024-04-25), decoded by its <c>type</c>. Each type the SDK knows has its own sealed
/// subtype (<see cref="WebhookTransactionPaid"/>, <see cref="WebhookBillingKeyIssued"/>, …); one it does not know
/// yet becomes <see cref="UnknownWebhook"/>, which keeps the whole body. Match on the intermediate types
/// <see cref="WebhookTransaction"/> and <see cref="WebhookBillingKey"/> to handle a whole family at once.
/// </summary>
/// <remarks>
/// A webhook tells you that something happened, not the current state: fetch the payment or billing key before
/// acting on it.
/// </remarks>
[JsonConverter(typeof(WebhookConverter))]
public abstract class Webhook
{
    private protected Webhook()
    {
    }

    /// <summary>The event type as PortOne names it, e.g. <c>Transaction.Paid</c>.</summary>
    [JsonPropertyName("type")]
    public abstract string Type { get; }

    /// <summary>When PortOne says the event happened.</summary>
    [JsonPropertyName("timestamp")]
    public required DateTimeOffset Timestamp { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Type} at {Timestamp.ToString("O", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A webhook about a payment (<c>Transaction.*</c>). <see cref="PaymentId"/> is what to look the payment up by.
/// </summary>
public abstract class WebhookTransaction : Webhook
{
    private protected WebhookTransaction()
    {
    }

    /// <summary>The merchant's id of the payment (shortcut to the case's <c>Data.PaymentId</c>).</summary>
    [JsonIgnore]
    public string PaymentId => TransactionData.PaymentId;

    /// <summary>PortOne's id of the attempt (shortcut to the case's <c>Data.TransactionId</c>).</summary>
    [JsonIgnore]
    public string TransactionId => TransactionData.TransactionId;

    /// <summary>The store the payment belongs to (shortcut to the case's <c>Data.StoreId</c>).</summary>
    [JsonIgnore]
    public string StoreId => TransactionData.StoreId;

    private protected abstract WebhookTransactionData TransactionData { get; }
}

/// <summary>
/// A webhook about a cancellation of a payment (<c>Transaction.PartialCancelled</c>, <c>.Cancelled</c>,
/// <c>.CancelPending</c>).
/// </summary>
public abstract class WebhookTransactionCancellation : WebhookTransaction
{
    private protected WebhookTransactionCancellation()
    {
    }

    /// <summary>PortOne's id of the cancellation (shortcut to the case's <c>Data.CancellationId</c>).</summary>
    [JsonIgnore]
    public string CancellationId => CancellationData.CancellationId;

    private protected abstract WebhookTransactionCancelledData CancellationData { get; }

    private protected override WebhookTransactionData TransactionData => CancellationData;
}

/// <summary>A webhook about a billing key (<c>BillingKey.*</c>). <see cref="BillingKey"/> is what to look it up by.</summary>
public abstract class WebhookBillingKey : Webhook
{
    private protected WebhookBillingKey()
    {
    }

    /// <summary>The billing key concerned (shortcut to the case's <c>Data.BillingKey</c>).</summary>
    [JsonIgnore]
    public string BillingKey => BillingKeyData.BillingKey;

    /// <summary>The store the billing key belongs to (shortcut to the case's <c>Data.StoreId</c>).</summary>
    [JsonIgnore]
    public string StoreId => BillingKeyData.StoreId;

    private protected abstract WebhookBillingKeyData BillingKeyData { get; }
}

/// <summary>The <c>data</c> of a payment webhook: which payment, attempt and store it concerns.</summary>
public class WebhookTransactionData
{
    /// <summary>The id the merchant chose for the payment; look the payment up with it.</summary>
    [JsonPropertyName("paymentId")]
    public required string PaymentId { get; init; }

    /// <summary>The store the payment belongs to.</summary>
    [JsonPropertyName("storeId")]
    public required string StoreId { get; init; }

    /// <summary>PortOne's id of this attempt; one payment may see several attempts, each with its own id.</summary>
    [JsonPropertyName("transactionId")]
    public required string TransactionId { get; init; }
}

/// <summary>The <c>data</c> of a cancellation webhook: the payment fields plus the cancellation's id.</summary>
public sealed class WebhookTransactionCancelledData : WebhookTransactionData
{
    /// <summary>PortOne's id of the cancellation; a payment cancelled in parts has one per part.</summary>
    [JsonPropertyName("cancellationId")]
    public required string CancellationId { get; init; }
}

/// <summary>The <c>data</c> of a billing-key webhook.</summary>
public sealed class WebhookBillingKeyData
{
    /// <summary>The billing key concerned.</summary>
    [JsonPropertyName("billingKey")]
    public required string BillingKey { get; init; }

    /// <summary>The store the billing key belongs to.</summary>
    [JsonPropertyName("storeId")]
    public required string StoreId { get; init; }
}

/// <summary>
/// A webhook whose <c>type</c> this SDK version does not know (PortOne adds types over time). The whole body is
/// kept in <see cref="RawJson"/>; acknowledge it so PortOne does not resend it, and log it if you want to look.
/// </summary>
/// <remarks>
/// <see cref="Webhook.Timestamp"/> is read from the payload when it holds an RFC 3339 <c>timestamp</c>, and is
/// <see cref="DateTimeOffset.MinValue"/> otherwise.
/// </remarks>
public sealed class UnknownWebhook : Webhook, IPortOneUnknownCase
{
    /// <summary>Creates the unknown case from the <c>type</c> and the raw body.</summary>
    /// <param name="type">The <c>type</c> PortOne sent, or null when it sent none.</param>
    /// <param name="rawJson">The whole payload.</param>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public UnknownWebhook(string? type, JsonElement rawJson)
    {
        Discriminator = type;
        RawJson = rawJson;
        Timestamp = ReadTimestamp(rawJson);
    }

    /// <inheritdoc/>
    public override string Type => Discriminator ?? "(none)";

    /// <inheritdoc/>
    public string? Discriminator { get; }

    /// <inheritdoc/>
    public JsonElement RawJson { get; }

    /// <summary>The payload's <c>data</c> object as sent, or an undefined element when there was none.</summary>
    public JsonElement Data =>
        RawJson.ValueKind == JsonValueKind.Object && RawJson.TryGetProperty("data", out var data) ? data : default;

    private static DateTimeOffset ReadTimestamp(JsonElement rawJson) =>
        rawJson.ValueKind == JsonValueKind.Object
        && rawJson.TryGetProperty("timestamp", out var value)
        && value.ValueKind == JsonValueKind.String
        && value.TryGetDateTimeOffset(out var timestamp)
            ? timestamp
            : DateTimeOffset.MinValue;
}

internal sealed class WebhookConverter : UnionConverter<Webhook>
{
    public WebhookConverter()
        : base("type", Cases)
    {
    }

    internal static IReadOnlyList<KeyValuePair<string, Type>> Cases { get; } =
    [
        new("Transaction.Ready", typeof(WebhookTransactionReady)),
        new("Transaction.Paid", typeof(WebhookTransactionPaid)),
        new("Transaction.VirtualAccountIssued", typeof(WebhookTransactionVirtualAccountIssued)),
        new("Transaction.Failed", typeof(WebhookTransactionFailed)),
        new("Transaction.PayPending", typeof(WebhookTransactionPayPending)),
        new("Transaction.Confirm", typeof(WebhookTransactionConfirm)),
        new("Transaction.DisputeCreated", typeof(WebhookTransactionDisputeCreated)),
        new("Transaction.DisputeResolved", typeof(WebhookTransactionDisputeResolved)),
        new("Transaction.PartialCancelled", typeof(WebhookTransactionPartialCancelled)),
        new("Transaction.Cancelled", typeof(WebhookTransactionCancelled)),
        new("Transaction.CancelPending", typeof(WebhookTransactionCancelPending)),
        new("BillingKey.Ready", typeof(WebhookBillingKeyReady)),
        new("BillingKey.Issued", typeof(WebhookBillingKeyIssued)),
        new("BillingKey.Failed", typeof(WebhookBillingKeyFailed)),
        new("BillingKey.Deleted", typeof(WebhookBillingKeyDeleted)),
        new("BillingKey.Updated", typeof(WebhookBillingKeyUpdated)),
    ];

    protected override Webhook CreateUnknown(string? discriminator, JsonElement rawJson) => new UnknownWebhook(discriminator, rawJson);
}
