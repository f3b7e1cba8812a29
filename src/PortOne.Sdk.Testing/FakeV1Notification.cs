using System;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>
/// A notification the fake's V1 (iamport) half would have posted to the merchant's notice URL: the payment's
/// <c>imp_uid</c>, <c>merchant_uid</c> and status at the time, as JSON, without any signature.
/// </summary>
public sealed class FakeV1Notification
{
    internal FakeV1Notification(string impUid, string merchantUid, string status, string? customerUid, DateTimeOffset timestamp)
    {
        ImpUid = impUid;
        MerchantUid = merchantUid;
        Status = status;
        CustomerUid = customerUid;
        Timestamp = timestamp;
        var body = new JsonObject { ["imp_uid"] = impUid, ["merchant_uid"] = merchantUid, ["status"] = status };
        if (customerUid is not null)
        {
            body["customer_uid"] = customerUid;
        }

        Body = body.ToJsonString();
    }

    /// <summary>The payment's <c>imp_uid</c>.</summary>
    public string ImpUid { get; }

    /// <summary>The merchant's order id, <c>merchant_uid</c>.</summary>
    public string MerchantUid { get; }

    /// <summary>The payment's V1 status when the notification was made: <c>paid</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public string Status { get; }

    /// <summary>The billing key's <c>customer_uid</c> for payments made with one; null otherwise.</summary>
    public string? CustomerUid { get; }

    /// <summary>When it happened, on the fake clock.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The JSON body posted (<c>application/json</c>).</summary>
    public string Body { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Status} {ImpUid} ({MerchantUid}) at {Timestamp:O}";
}
