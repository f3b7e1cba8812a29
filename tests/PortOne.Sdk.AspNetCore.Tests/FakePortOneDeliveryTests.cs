using System.Net;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore.Tests;

/// <summary>Webhooks recorded by FakePortOne during a real payment flow, delivered to the endpoint.</summary>
public sealed class FakePortOneDeliveryTests
{
    [Fact]
    public async Task The_fakes_webhooks_of_a_payment_flow_are_verified_and_handled_once_each()
    {
        await using var fake = new FakePortOne();
        var portone = fake.CreateV2Client();
        var key = (await portone.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
        })).BillingKeyInfo.BillingKey;
        await portone.Payments.PayWithBillingKeyAsync("order-1", new BillingKeyPaymentRequest
        {
            BillingKey = key,
            OrderName = "Plan",
            Amount = new PaymentAmountInput { Total = 9900 },
            Currency = Currency.Krw,
        });
        await portone.Payments.CancelAsync("order-1", new CancelPaymentRequest { Reason = "changed mind" });

        var calls = new Calls();
        // The fake signs with its own clock, so the receiver checks timestamps against that clock.
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), fake.Clock, fake.WebhookSecret);
        foreach (var webhook in fake.Webhooks)
        {
            using var response = await host.PostAsync(webhook.Body, webhook.Headers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // PortOne delivers again when it is unsure of an answer: the same deliveries, all acknowledged, none handled twice.
        foreach (var webhook in fake.Webhooks)
        {
            using var response = await host.PostAsync(webhook.Body, webhook.Headers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Collection(
            calls.All,
            c => Assert.Equal(key, Assert.IsType<WebhookBillingKeyIssued>(c.Webhook).BillingKey),
            c => Assert.Equal("order-1", Assert.IsType<WebhookTransactionPaid>(c.Webhook).PaymentId),
            c => Assert.Equal("order-1", Assert.IsType<WebhookTransactionCancelled>(c.Webhook).PaymentId));
        Assert.Equal(fake.Webhooks.Select(w => w.Headers.Id), calls.All.Select(c => c.Context.WebhookId));
    }
}
