using System.Text.Json.Serialization;

namespace PortOne.Sdk.V2.Webhooks;

// One sealed class per webhook type the SDK knows; WebhookConverter maps each type name to its class.

/// <summary>Webhook <c>Transaction.Ready</c>: A payment window was opened for the payment; nothing has been charged yet.</summary>
public sealed class WebhookTransactionReady : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.Ready";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.Paid</c>: The payment was approved (including a scheduled payment that ran). Confirm the amount with a lookup before fulfilling the order.</summary>
public sealed class WebhookTransactionPaid : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.Paid";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.VirtualAccountIssued</c>: A virtual account was issued for the payment; the money arrives later, announced by <see cref="WebhookTransactionPaid"/>.</summary>
public sealed class WebhookTransactionVirtualAccountIssued : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.VirtualAccountIssued";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.Failed</c>: The payment attempt failed.</summary>
public sealed class WebhookTransactionFailed : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.Failed";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.PayPending</c>: The payment is approved on the customer's side but waits for a final step (e.g. a manual confirmation by the PG).</summary>
public sealed class WebhookTransactionPayPending : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.PayPending";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.Confirm</c>: The payment awaits the merchant's confirmation (confirm-before-approve flows).</summary>
public sealed class WebhookTransactionConfirm : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.Confirm";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.DisputeCreated</c>: The customer or the card company opened a dispute (chargeback) on the payment.</summary>
public sealed class WebhookTransactionDisputeCreated : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.DisputeCreated";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.DisputeResolved</c>: A dispute on the payment was settled.</summary>
public sealed class WebhookTransactionDisputeResolved : WebhookTransaction
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.DisputeResolved";

    /// <summary>The payment, attempt and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionData Data { get; init; }

    private protected override WebhookTransactionData TransactionData => Data;
}

/// <summary>Webhook <c>Transaction.PartialCancelled</c>: Part of the payment's amount was refunded.</summary>
public sealed class WebhookTransactionPartialCancelled : WebhookTransactionCancellation
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.PartialCancelled";

    /// <summary>The payment, attempt, store and cancellation concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionCancelledData Data { get; init; }

    private protected override WebhookTransactionCancelledData CancellationData => Data;
}

/// <summary>Webhook <c>Transaction.Cancelled</c>: The payment was cancelled in full.</summary>
public sealed class WebhookTransactionCancelled : WebhookTransactionCancellation
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.Cancelled";

    /// <summary>The payment, attempt, store and cancellation concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionCancelledData Data { get; init; }

    private protected override WebhookTransactionCancelledData CancellationData => Data;
}

/// <summary>Webhook <c>Transaction.CancelPending</c>: A cancellation was requested and waits to be carried out (common for virtual-account refunds).</summary>
public sealed class WebhookTransactionCancelPending : WebhookTransactionCancellation
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "Transaction.CancelPending";

    /// <summary>The payment, attempt, store and cancellation concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookTransactionCancelledData Data { get; init; }

    private protected override WebhookTransactionCancelledData CancellationData => Data;
}

/// <summary>Webhook <c>BillingKey.Ready</c>: A billing-key issuance window was opened; no key exists yet.</summary>
public sealed class WebhookBillingKeyReady : WebhookBillingKey
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "BillingKey.Ready";

    /// <summary>The billing key and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookBillingKeyData Data { get; init; }

    private protected override WebhookBillingKeyData BillingKeyData => Data;
}

/// <summary>Webhook <c>BillingKey.Issued</c>: A billing key was issued.</summary>
public sealed class WebhookBillingKeyIssued : WebhookBillingKey
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "BillingKey.Issued";

    /// <summary>The billing key and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookBillingKeyData Data { get; init; }

    private protected override WebhookBillingKeyData BillingKeyData => Data;
}

/// <summary>Webhook <c>BillingKey.Failed</c>: Issuing a billing key failed.</summary>
public sealed class WebhookBillingKeyFailed : WebhookBillingKey
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "BillingKey.Failed";

    /// <summary>The billing key and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookBillingKeyData Data { get; init; }

    private protected override WebhookBillingKeyData BillingKeyData => Data;
}

/// <summary>Webhook <c>BillingKey.Deleted</c>: A billing key was deleted.</summary>
public sealed class WebhookBillingKeyDeleted : WebhookBillingKey
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "BillingKey.Deleted";

    /// <summary>The billing key and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookBillingKeyData Data { get; init; }

    private protected override WebhookBillingKeyData BillingKeyData => Data;
}

/// <summary>Webhook <c>BillingKey.Updated</c>: A billing key's details changed (e.g. the card behind it was replaced).</summary>
public sealed class WebhookBillingKeyUpdated : WebhookBillingKey
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "BillingKey.Updated";

    /// <summary>The billing key and store concerned.</summary>
    [JsonPropertyName("data")]
    public required WebhookBillingKeyData Data { get; init; }

    private protected override WebhookBillingKeyData BillingKeyData => Data;
}
