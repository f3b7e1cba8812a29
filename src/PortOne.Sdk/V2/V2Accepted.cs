namespace PortOne.Sdk.V2;

/// <summary>
/// How the message of an unreadable answer to a money or card call names what to look up. Ids are the merchant's
/// own (payment ID, customer ID), never card data nor secrets.
/// </summary>
internal static class V2Accepted
{
    public static string Payment(string paymentId) => $"payment ID \"{paymentId}\"";

    public static string BillingKeyFor(string? customerId) =>
        customerId is null ? "a new billing key (find it among the store's billing keys)" : $"a new billing key of customer ID \"{customerId}\"";
}
