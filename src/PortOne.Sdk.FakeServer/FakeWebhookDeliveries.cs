using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.FakeServer;

/// <summary>Posts the V2 webhooks the fake records, signed as PortOne signs them (Standard Webhooks).</summary>
public sealed class FakeWebhookDeliveries : FakeDeliveries<FakeWebhook, FakeWebhookDelivery>
{
    internal FakeWebhookDeliveries(FakePortOne fake, IReadOnlyList<Uri> urls, IReadOnlyList<TimeSpan> retryDelays, HttpClient http)
        : base(fake, urls, retryDelays, http)
    {
    }

    private protected override IReadOnlyList<FakeWebhook> Recorded => Fake.Webhooks;

    /// <summary>Queues the webhook at <paramref name="index"/> (in <see cref="FakePortOne.Webhooks"/>) again, to every URL, due now.</summary>
    /// <param name="index">The webhook's position, from 0.</param>
    /// <returns>False when there is no such webhook or no URL to send it to.</returns>
    public bool Resend(int index) => Requeue(index);

    private protected override FakeWebhookDelivery Create(int index, FakeWebhook item, Uri url, DateTimeOffset at) => new(index, item, url, at);

    private protected override Task<(int? Status, string? Error)> PostAsync(FakeWebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Each attempt is signed at its own time, as PortOne does, so a receiver that checks the timestamp against
        // the same fake clock accepts a late retry. The webhook id stays the same: that is how receivers skip repeats.
        var headers = new PortOneWebhookSigner(Fake.WebhookSecret).Sign(delivery.Webhook.Body, delivery.Webhook.Headers.Id, at);
        return FakeDeliveryHttp.PostAsync(Http, delivery.Url, delivery.Webhook.Body, headers, cancellationToken);
    }
}

/// <summary>One webhook on its way to one URL.</summary>
public sealed class FakeWebhookDelivery : FakeDelivery
{
    internal FakeWebhookDelivery(int index, FakeWebhook webhook, Uri url, DateTimeOffset firstAttemptAt)
        : base(index, url, firstAttemptAt)
    {
        Webhook = webhook;
    }

    /// <summary>The webhook being delivered; <see cref="FakeDelivery.Index"/> is its position in <see cref="FakePortOne.Webhooks"/>.</summary>
    public FakeWebhook Webhook { get; }
}
