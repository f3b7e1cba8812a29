using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.FakeServer.Tests;

/// <summary>
/// V1 notifications posted to a notice URL and virtual-account deposits made from the page, over HTTP against a
/// Kestrel receiver on loopback. Retries fall due only when the test moves the fake clock.
/// </summary>
public sealed class FakeServerNotificationTests
{
    private const string V2Secret = "test-v2-secret";

    [Fact]
    public async Task V1_notifications_are_posted_unsigned_to_the_notice_url_and_retried_on_the_fake_clock()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var host = await StartAsync(s => s.V1NotificationUrls.Add(receiver.Url));
        using var iamport = V1Client(host);
        using var http = new HttpClient { BaseAddress = host.Address };
        var start = host.Fake.Clock.GetUtcNow();

        await iamport.Customers.SaveAsync("customer-1", new SaveCustomerRequest
        {
            Card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
        });
        var paid = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "customer-1", MerchantUid = "order-1", Amount = 9900m, Name = "Monthly" });
        await host.V1Deliveries.RunDueAsync();

        var delivery = Assert.Single(host.V1Deliveries.All);
        var first = Assert.Single(receiver.Received);
        Assert.Equal(500, first.Answered);
        Assert.Equal("retrying", delivery.State);
        Assert.Equal(start.AddMinutes(1), delivery.NextAttemptAt);
        Assert.DoesNotContain(first.Headers.Keys, k => k.StartsWith("webhook-", StringComparison.Ordinal));
        Assert.True(V1Notification.TryParse(first.Body, first.Headers["content-type"], out var notification));
        Assert.Equal((paid.ImpUid, "order-1", "paid", "customer-1"), (notification.ImpUid, notification.MerchantUid, notification.Status, notification.CustomerUid));

        using (await http.PostAsync("/_fake/clock/advance?seconds=59", null))
        {
        }

        Assert.Single(receiver.Received);

        using (await http.PostAsync("/_fake/clock/advance?seconds=1", null))
        {
        }

        Assert.Equal(2, receiver.Received.Count);
        Assert.True(delivery.Delivered);
        Assert.Equal(first.Body, receiver.Received.Last().Body);

        // A cancellation notifies too; it goes out once the request that caused it has been answered.
        await iamport.Payments.CancelAsync(new PortOne.Sdk.V1.CancelPaymentRequest { ImpUid = paid.ImpUid, Amount = V1CancelAmount.Full, Checksum = 9900m, Reason = "refund" });
        await host.V1Deliveries.RunDueAsync();
        Assert.Equal(3, receiver.Received.Count);
        Assert.Contains("\"status\":\"cancelled\"", receiver.Received.Last().Body, StringComparison.Ordinal);

        var listed = JsonNode.Parse(await http.GetStringAsync("/_fake/v1/notifications"))!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.Equal(2, listed[0]!["attempts"]!.AsArray().Count);

        var page = await http.GetStringAsync("/");
        Assert.Contains("V1 notifications", page, StringComparison.Ordinal);
        Assert.Contains("#1 2025-01-01 00:00:00Z → 500", page, StringComparison.Ordinal);
        Assert.Contains("#2 2025-01-01 00:01:00Z → 200", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_virtual_account_gets_a_deposit_button_which_pays_it_and_sends_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(s => s.WebhookUrls.Add(receiver.Url));
        using var http = new HttpClient { BaseAddress = host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);

        using var content = new StringContent(
            """{"orderName":"Trainers","amount":{"total":10000},"currency":"KRW","method":{"virtualAccount":{"bank":"SHINHAN","expiry":{"validHours":24},"option":{"type":"NORMAL"}}}}""",
            Encoding.UTF8,
            "application/json");
        using var issued = await http.PostAsync("/payments/va-1/instant", content);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);

        var page = await http.GetStringAsync("/");
        Assert.Contains("action=\"/_fake/v2/payments/va-1/deposit\"", page, StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent([]);
        using var deposited = await http.PostAsync("/_fake/v2/payments/va-1/deposit", form);
        Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);
        Assert.Equal("/", deposited.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("/_fake/v2/payments/va-1/deposit", await deposited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var payment = JsonNode.Parse(await http.GetStringAsync("/payments/va-1"))!;
        Assert.Equal("PAID", (string?)payment["status"]);
        Assert.Equal(["Transaction.VirtualAccountIssued", "Transaction.Paid"], receiver.Received.Select(r => (string?)JsonNode.Parse(r.Body)!["type"]));

        using var again = await http.PostAsync("/_fake/v2/payments/va-1/deposit", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("DEPOSIT_REFUSED", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["type"]);
    }

    [Fact]
    public void The_notice_url_comes_from_the_option_or_the_environment_and_is_printed()
    {
        var environment = new Hashtable { ["PORTONE_FAKE_V1_NOTIFICATION_URLS"] = "http://localhost:3000/a; http://localhost:3000/b" };

        var fromEnvironment = FakeServerSettings.Parse([], environment);
        var fromOption = FakeServerSettings.Parse(["--v1-notification-url", "http://localhost:4000/iamport"], environment);

        Assert.Equal([new Uri("http://localhost:3000/a"), new Uri("http://localhost:3000/b")], fromEnvironment.V1NotificationUrls);
        Assert.Equal([new Uri("http://localhost:4000/iamport")], fromOption.V1NotificationUrls);
        Assert.Contains("v1 notice urls  http://localhost:4000/iamport", fromOption.Describe(), StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => FakeServerSettings.Parse(["--v1-notification-url", "ftp://x"], new Hashtable()));
    }

    [Fact]
    public async Task A_kg_inicis_channel_named_at_start_up_refuses_a_payment_without_the_customer()
    {
        var environment = new Hashtable { ["PORTONE_FAKE_KG_INICIS_CHANNELS"] = "channel-a, channel-b" };
        var settings = FakeServerSettings.Parse(["--port", "0", "--v2-api-secret", V2Secret], environment);
        Assert.Equal(["channel-a", "channel-b"], settings.KgInicisChannels);
        Assert.Contains("kg inicis       channel-a, channel-b", settings.Describe(), StringComparison.Ordinal);

        await using var host = await FakePortOneHost.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);
        const string card = "\"method\":{\"card\":{\"credential\":{\"number\":\"4242424242424242\",\"expiryYear\":\"30\",\"expiryMonth\":\"12\"}}}";

        using var inicis = new StringContent("{\"channelKey\":\"channel-b\"," + card + "}", Encoding.UTF8, "application/json");
        using var refused = await http.PostAsync("/billing-keys", inicis);
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal("PG_PROVIDER", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["type"]);

        using var other = new StringContent("{\"channelKey\":\"channel-c\"," + card + "}", Encoding.UTF8, "application/json");
        using var issued = await http.PostAsync("/billing-keys", other);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
    }

    private static Task<FakePortOneHost> StartAsync(Action<FakeServerSettings>? configure = null)
    {
        var settings = new FakeServerSettings { Port = 0, V2ApiSecret = V2Secret, WebhookSecret = PortOneWebhookSigner.GenerateSecret() };
        configure?.Invoke(settings);
        return FakePortOneHost.StartAsync(settings);
    }

    private static PortOneV1Client V1Client(FakePortOneHost host)
    {
        var options = new PortOneV1Options { ApiKey = host.Settings.V1ApiKey, ApiSecret = host.Settings.V1ApiSecret };
        host.Fake.ApplyTo(options);
        options.BaseAddress = host.V1Address;
        return new PortOneV1Client(options);
    }
}
