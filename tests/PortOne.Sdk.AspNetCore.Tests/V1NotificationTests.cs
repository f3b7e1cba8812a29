using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.AspNetCore.Tests;

/// <summary>V1 (iamport) notifications: unsigned, so the endpoint looks each payment up through the fake.</summary>
public sealed class V1NotificationTests : IAsyncLifetime, IDisposable
{
    private readonly FakePortOne _fake = new();
    private readonly List<(V1Notification Notification, V1Payment Payment)> _handled = [];
    private V1Payment _payment = null!;

    public async Task InitializeAsync()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("customer-1", new SaveCustomerRequest
        {
            Card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
        });
        _payment = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest
        {
            CustomerUid = "customer-1",
            MerchantUid = "order-v1",
            Amount = 9900m,
            Name = "Plan",
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task A_notification_reaches_the_handler_with_the_payment_as_the_API_reports_it()
    {
        await using var host = await StartAsync();

        // The body claims "failed"; the API says paid, and that is what the handler gets.
        using var response = await host.PostV1Async($$"""{"imp_uid":"{{_payment.ImpUid}}","merchant_uid":"order-v1","status":"failed"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (notification, payment) = Assert.Single(_handled);
        Assert.Equal("failed", notification.Status);
        Assert.True(payment.IsPaid);
        Assert.Equal(9900m, payment.Amount);
    }

    [Fact]
    public async Task The_notification_the_fake_recorded_for_the_payment_is_read_and_handled_as_sent()
    {
        await using var host = await StartAsync();
        var recorded = Assert.Single(_fake.V1Notifications);

        using var response = await host.PostV1Async(recorded.Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (notification, payment) = Assert.Single(_handled);
        Assert.Equal((_payment.ImpUid, "order-v1", "paid", "customer-1"), (notification.ImpUid, notification.MerchantUid, notification.Status, notification.CustomerUid));
        Assert.True(payment.IsPaid);
    }

    [Fact]
    public async Task A_form_encoded_notification_is_read_too()
    {
        await using var host = await StartAsync();

        using var response = await host.PostV1Async($"imp_uid={_payment.ImpUid}&merchant_uid=order-v1&status=paid", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_handled);
    }

    [Fact]
    public async Task An_unknown_imp_uid_is_acknowledged_without_calling_the_handler()
    {
        // iamport resends only what is not answered 200, and asking again cannot make a payment exist; the console's
        // "test webhook" button sends such a notification too.
        await using var host = await StartAsync();

        using var response = await host.PostV1Async("""{"imp_uid":"imp_1234567890","merchant_uid":"order_id_8237352","status":"paid"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_handled);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneV1NotificationUnknownPayment" && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_notification_naming_another_order_than_the_payments_is_refused()
    {
        await using var host = await StartAsync();

        using var response = await host.PostV1Async($$"""{"imp_uid":"{{_payment.ImpUid}}","merchant_uid":"someone-elses-order","status":"paid"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_body_that_is_not_a_notification_is_refused()
    {
        await using var host = await StartAsync();

        using var response = await host.PostV1Async("""{"hello":"world"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_failed_look_up_answers_503_so_the_notification_can_come_again()
    {
        await using var host = await StartAsync(v1: o => o.Retry.MaxRetries = 0);
        _fake.FailNextRequest(HttpStatusCode.ServiceUnavailable, pathPrefix: "/payments");

        using var response = await host.PostV1Async($$"""{"imp_uid":"{{_payment.ImpUid}}","merchant_uid":"order-v1","status":"paid"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_failing_handler_answers_500()
    {
        await using var host = await StartAsync(handler: (_, _, _, _) => throw new InvalidOperationException("boom"));

        using var response = await host.PostV1Async($$"""{"imp_uid":"{{_payment.ImpUid}}","merchant_uid":"order-v1","status":"paid"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_notification_is_refused_with_413()
    {
        await using var host = await StartAsync();

        using var response = await host.PostV1Async(new string('x', PortOneWebhookOptions.DefaultMaxBodyBytes + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Mapping_the_V1_endpoint_without_a_V1_client_says_what_is_missing()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReceiverHost.StartAsync(
            b => b.AddHandler((_, _, _) => Task.CompletedTask).AddV1Handler((_, _, _, _) => Task.CompletedTask),
            TimeProvider.System,
            PortOne.Sdk.V2.Webhooks.PortOneWebhookSigner.GenerateSecret(),
            mapV1: true));

        Assert.Contains("AddPortOneV1", error.Message, StringComparison.Ordinal);
    }

    private Task<ReceiverHost> StartAsync(
        Func<V1Notification, V1Payment, PortOneV1NotificationContext, CancellationToken, Task>? handler = null,
        Action<PortOneV1Options>? v1 = null) =>
        ReceiverHost.StartAsync(
            b => b
                .AddHandler((_, _, _) => Task.CompletedTask)
                .AddV1Handler(handler ?? ((notification, payment, _, _) =>
                {
                    lock (_handled)
                    {
                        _handled.Add((notification, payment));
                    }

                    return Task.CompletedTask;
                })),
            _fake.Clock,
            _fake.WebhookSecret,
            services: s => s.AddPortOneV1(o =>
            {
                o.ApiKey = "key";
                o.ApiSecret = "secret";
                v1?.Invoke(o);
            }).UseFakePortOne(_fake),
            mapV1: true);
}
