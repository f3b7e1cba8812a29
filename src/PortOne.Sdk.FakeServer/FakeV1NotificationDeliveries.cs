using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Testing;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// Posts the V1 (iamport) notifications the fake records to the configured notice URLs. The body is the
/// notification's JSON and nothing is signed, as with iamport.
/// </summary>
public sealed class FakeV1NotificationDeliveries : FakeDeliveries<FakeV1Notification, FakeV1NotificationDelivery>
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    internal FakeV1NotificationDeliveries(FakePortOne fake, IReadOnlyList<Uri> urls, IReadOnlyList<TimeSpan> retryDelays, HttpClient http)
        : base(fake, urls, retryDelays, http)
    {
    }

    private protected override IReadOnlyList<FakeV1Notification> Recorded => Fake.V1Notifications;

    private protected override FakeV1NotificationDelivery Create(int index, FakeV1Notification item, Uri url, DateTimeOffset at) => new(index, item, url, at);

    private protected override Task<(int? Status, string? Error)> PostAsync(FakeV1NotificationDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken) =>
        FakeDeliveryHttp.PostAsync(Http, delivery.Url, delivery.Notification.Body, NoHeaders, cancellationToken);
}

/// <summary>One V1 notification on its way to one notice URL.</summary>
public sealed class FakeV1NotificationDelivery : FakeDelivery
{
    internal FakeV1NotificationDelivery(int index, FakeV1Notification notification, Uri url, DateTimeOffset firstAttemptAt)
        : base(index, url, firstAttemptAt)
    {
        Notification = notification;
    }

    /// <summary>The notification being delivered; <see cref="FakeDelivery.Index"/> is its position in <see cref="FakePortOne.V1Notifications"/>.</summary>
    public FakeV1Notification Notification { get; }
}
