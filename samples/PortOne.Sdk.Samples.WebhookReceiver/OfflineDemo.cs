using System.Net.Http.Headers;
using System.Text;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Samples.WebhookReceiver;

/// <summary>
/// Plays PortOne for the offline run: makes a few payments on the in-process <see cref="FakePortOne"/>, then posts
/// the webhooks it recorded to the receiver over real HTTP, one of them twice and one forged, and checks the answers.
/// </summary>
internal static class OfflineDemo
{
    public static async Task<int> RunAsync(FakePortOne fake, IServiceProvider services, Uri receiver)
    {
        var orders = services.GetRequiredService<OrderBook>();
        using var http = new HttpClient { BaseAddress = receiver };
        var failures = 0;

        Console.WriteLine($"Receiver listening on {receiver} (offline: PortOne is an in-process FakePortOne).");
        Console.WriteLine();
        Console.WriteLine("1. A customer registers a card, pays 9,900 KRW, then gets 1,900 KRW back.");
        await PayAndRefundAsync(services.GetRequiredService<IPortOneV2Client>());

        Console.WriteLine();
        Console.WriteLine($"2. PortOne delivers its {fake.Webhooks.Count} webhooks, signed with the webhook secret. The handler looks");
        Console.WriteLine("   each payment up, so it sees the payment as it is now (already partly refunded), not as the webhook says:");
        foreach (var webhook in fake.Webhooks)
        {
            failures += await DeliverAsync(http, orders, webhook.Type, webhook.Body, webhook.Headers, expected: 200, handled: true);
        }

        Console.WriteLine();
        Console.WriteLine("3. PortOne did not hear the answer to one of them and delivers it again (same webhook-id):");
        var paid = fake.Webhooks.First(w => w.Type == "Transaction.Paid");
        failures += await DeliverAsync(http, orders, paid.Type, paid.Body, paid.Headers, expected: 200, handled: false);

        Console.WriteLine();
        Console.WriteLine("4. Someone posts a copy with another payment id in it (the signature no longer matches):");
        failures += await DeliverAsync(http, orders, paid.Type, paid.Body.Replace("order-", "order-9", StringComparison.Ordinal), paid.Headers, expected: 400, handled: false);

        Console.WriteLine();
        Console.WriteLine("5. A V1 (iamport) payment, and its unsigned notification:");
        var v1 = await PayV1Async(services.GetRequiredService<IPortOneV1Client>());
        failures += await NotifyV1Async(http, orders, v1);

        Console.WriteLine();
        Console.WriteLine(failures == 0
            ? $"Done: every webhook was answered as expected; the handlers made {orders.Updates} changes."
            : $"Done, with {failures} unexpected answer(s).");
        return failures == 0 ? 0 : 1;
    }

    private static async Task PayAndRefundAsync(IPortOneV2Client portone)
    {
        var billingKey = (await portone.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
        })).BillingKeyInfo.BillingKey;
        await portone.Payments.PayWithBillingKeyAsync("order-1001", new BillingKeyPaymentRequest
        {
            BillingKey = billingKey,
            OrderName = "Monthly plan",
            Amount = new PaymentAmountInput { Total = 9900 },
            Currency = Currency.Krw,
        });
        await portone.Payments.CancelAsync("order-1001", new PortOne.Sdk.V2.CancelPaymentRequest { Amount = 1900, Reason = "Pro-rated refund" });
    }

    private static async Task<V1Payment> PayV1Async(IPortOneV1Client iamport)
    {
        await iamport.Customers.SaveAsync("customer-7", new SaveCustomerRequest
        {
            Card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
        });
        return await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest
        {
            CustomerUid = "customer-7",
            MerchantUid = "order-v1-2001",
            Amount = 4900m,
            Name = "Add-on",
        });
    }

    private static async Task<int> DeliverAsync(HttpClient http, OrderBook orders, string type, string body, PortOneWebhookHeaders headers, int expected, bool handled)
    {
        Console.WriteLine($"   -> {type} ({headers.Id})");
        var before = orders.Updates;
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/portone") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await http.SendAsync(request);
        var ranHandler = orders.Updates != before;
        var note = (int)response.StatusCode switch
        {
            200 when !ranHandler => " (already handled: acknowledged, handler not called)",
            400 => $" (refused: {await response.Content.ReadAsStringAsync()})",
            _ => string.Empty,
        };
        Console.WriteLine($"      answer: {(int)response.StatusCode} {response.ReasonPhrase}{note}");
        return (int)response.StatusCode == expected && ranHandler == handled ? 0 : 1;
    }

    private static async Task<int> NotifyV1Async(HttpClient http, OrderBook orders, V1Payment payment)
    {
        // The fake does not send V1 notifications; this is the body iamport posts, as a form.
        var body = $"imp_uid={Uri.EscapeDataString(payment.ImpUid)}&merchant_uid={Uri.EscapeDataString(payment.MerchantUid)}&status=paid";
        Console.WriteLine($"   -> V1 notification for {payment.ImpUid}");
        var before = orders.Updates;
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var response = await http.PostAsync("webhooks/iamport", content);
        Console.WriteLine($"      answer: {(int)response.StatusCode} {response.ReasonPhrase}");
        return response.IsSuccessStatusCode && orders.Updates == before + 1 ? 0 : 1;
    }
}
