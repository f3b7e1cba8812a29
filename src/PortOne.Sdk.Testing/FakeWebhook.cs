using System;
using System.Text.Json.Nodes;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Testing;

/// <summary>A webhook the fake PortOne would have sent, recorded instead of delivered.</summary>
public sealed class FakeWebhook
{
    internal FakeWebhook(string type, DateTimeOffset timestamp, JsonObject data, string id, PortOneWebhookSigner signer)
    {
        Type = type;
        Timestamp = timestamp;
        var payload = new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = FakeJson.Time(timestamp),
            ["data"] = data,
        };
        Body = payload.ToJsonString();
        Headers = signer.Sign(Body, id, timestamp);
    }

    /// <summary>
    /// The <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> headers PortOne would send,
    /// signed with <see cref="FakePortOne.WebhookSecret"/>: hand <see cref="Body"/> and these to your webhook
    /// endpoint (or to <see cref="PortOneWebhookVerifier"/>) to test it end to end.
    /// </summary>
    public PortOneWebhookHeaders Headers { get; }

    /// <summary>The webhook type, e.g. <c>Transaction.Paid</c> or <c>BillingKey.Issued</c>.</summary>
    public string Type { get; }

    /// <summary>When the event happened, on the fake clock.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The JSON body PortOne would post (version 2024-04-25 shape: <c>type</c>, <c>timestamp</c>, <c>data</c>).</summary>
    public string Body { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Type} at {Timestamp:O}";
}
