namespace PortOne.Sdk.V2;

/// <summary>Optional settings of <see cref="PortOneV2BillingKeysClient.DeleteAsync(string, DeleteBillingKeyOptions, System.Threading.CancellationToken)"/>, sent as query parameters.</summary>
public sealed class DeleteBillingKeyOptions
{
    /// <summary>The store the billing key belongs to; left out, the client's configured store (if any) is used.</summary>
    public string? StoreId { get; init; }

    /// <summary>Why the key is deleted, for the console and the gateway.</summary>
    public string? Reason { get; init; }

    /// <summary>Who asked for the deletion (the customer or the merchant's staff).</summary>
    public BillingKeyDeleteRequester? Requester { get; init; }

    /// <summary>True to send no webhook for this deletion.</summary>
    public bool? SkipWebhook { get; init; }
}
