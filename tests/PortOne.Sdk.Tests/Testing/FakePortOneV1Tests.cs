using Microsoft.Extensions.DependencyInjection;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>Every test runs twice: against the fake in memory and over real HTTP on its loopback server.</summary>
public abstract class FakePortOneV1Tests : IAsyncDisposable
{
    private readonly FakePortOne _fake = new();

    protected FakePortOneV1Tests(bool loopback)
    {
        if (loopback)
        {
            _fake.StartLoopbackServer();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static SaveCustomerRequest Card(string number) => new()
    {
        Card = new V1Card { Number = number, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
        ChannelKey = "channel-key-test",
        CustomerName = "Kim",
    };

    [Fact]
    public async Task A_saved_card_is_charged_again_found_and_refunded_in_two_steps()
    {
        var iamport = _fake.CreateV1Client();
        var customer = await iamport.Customers.SaveAsync("user-1", Card(FakePortOne.TestCards.Success));
        Assert.Equal("user-1", customer.CustomerUid);

        var paid = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "user-1", MerchantUid = "order-1", Amount = 9900m, Name = "Monthly" });
        Assert.True(paid.IsPaid);
        Assert.Equal(_fake.Clock.GetUtcNow(), paid.PaidAt);

        var found = await iamport.Payments.FindByMerchantUidAsync("order-1");
        Assert.Equal(paid.ImpUid, found.ImpUid);

        var partly = await iamport.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = paid.ImpUid, Amount = V1CancelAmount.Partial(900m), Checksum = 9900m, Reason = "partial" });
        Assert.Equal(900m, partly.CancelAmount);
        Assert.Equal(V1PaymentStatus.Paid, partly.Status);

        var rest = await iamport.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = paid.ImpUid, Amount = V1CancelAmount.Full, Checksum = 9000m, Reason = "rest" });
        Assert.Equal(V1PaymentStatus.Cancelled, rest.Status);
        Assert.Equal(9900m, rest.CancelAmount);
    }

    [Fact]
    public async Task A_declined_charge_answers_code_0_with_a_failed_payment_which_the_SDK_makes_visible()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("user-2", Card(FakePortOne.TestCards.DeclinedOnPayment));

        var payment = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "user-2", MerchantUid = "order-2", Amount = 1000m, Name = "Monthly" });

        Assert.False(payment.IsPaid);
        Assert.True(payment.IsFailed);
        Assert.NotNull(payment.FailReason);
    }

    [Fact]
    public async Task Schedules_run_when_the_clock_reaches_them_and_not_before()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("user-3", Card(FakePortOne.TestCards.Success));
        var at = _fake.Clock.GetUtcNow().AddDays(30);
        await iamport.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = "user-3",
            Schedules = [new ScheduleItem { MerchantUid = "order-3", ScheduleAt = at, Amount = 9900m, Currency = "KRW", Name = "Monthly" }],
        });

        _fake.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(V1ScheduleStatus.Scheduled, (await iamport.Subscriptions.GetScheduleAsync("order-3")).ScheduleStatus);

        _fake.Clock.Advance(TimeSpan.FromDays(1));
        var schedule = await iamport.Subscriptions.GetScheduleAsync("order-3");
        Assert.Equal(V1ScheduleStatus.Executed, schedule.ScheduleStatus);
        var payment = await iamport.Payments.GetAsync(schedule.ImpUid!);
        Assert.True(payment.IsPaid);
        Assert.Equal(at, payment.PaidAt);
    }

    [Fact]
    public async Task One_token_serves_many_calls_and_a_new_one_is_fetched_once_it_has_expired()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("user-4", Card(FakePortOne.TestCards.Success));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => iamport.Customers.GetAsync("user-4")));
        Assert.Equal(1, _fake.Counters["V1.GetToken"]);

        _fake.Clock.Advance(TimeSpan.FromMinutes(31));
        await iamport.Customers.GetAsync("user-4");
        Assert.Equal(2, _fake.Counters["V1.GetToken"]);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_like_PortOne_would()
    {
        var iamport = _fake.CreateV1Client(o => o.ApiSecret = "not-the-secret");

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => iamport.Customers.GetAsync("user-5"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task A_DI_registered_client_talks_to_the_fake_with_the_applications_own_credentials()
    {
        var services = new ServiceCollection();
        services.AddPortOneV1(o => { o.ApiKey = "app-key"; o.ApiSecret = "app-secret"; }).UseFakePortOne(_fake);
        await using var provider = services.BuildServiceProvider();
        var iamport = provider.GetRequiredService<IPortOneV1Client>();

        await ((PortOneV1Client)iamport).Customers.SaveAsync("user-6", Card(FakePortOne.TestCards.Success));

        Assert.Equal("app-key", _fake.V1ApiKey);
        Assert.Equal(1, _fake.Counters["V1.GetToken"]);
    }

    [Fact]
    public async Task Every_paid_failed_cancelled_or_scheduled_payment_records_a_V1_notification_in_iamports_shape()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("user-7", Card(FakePortOne.TestCards.Success));
        await iamport.Customers.SaveAsync("user-8", Card(FakePortOne.TestCards.DeclinedOnPayment));
        Assert.Empty(_fake.V1Notifications); // saving a card moves no money

        var paid = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "user-7", MerchantUid = "order-7", Amount = 5000m, Name = "Monthly" });
        var declined = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "user-8", MerchantUid = "order-8", Amount = 5000m, Name = "Monthly" });
        await iamport.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = paid.ImpUid, Amount = V1CancelAmount.Partial(1000m), Checksum = 5000m, Reason = "partial" });
        await iamport.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = paid.ImpUid, Amount = V1CancelAmount.Full, Checksum = 4000m, Reason = "rest" });
        await iamport.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = "user-7",
            Schedules = [new ScheduleItem { MerchantUid = "order-9", ScheduleAt = _fake.Clock.GetUtcNow().AddDays(1), Amount = 5000m, Currency = "KRW", Name = "Monthly" }],
        });
        Assert.Equal(4, _fake.V1Notifications.Count);

        _fake.Clock.Advance(TimeSpan.FromDays(1));
        var scheduled = await iamport.Subscriptions.GetScheduleAsync("order-9");

        Assert.Equal(
            [(paid.ImpUid, "order-7", "paid"), (declined.ImpUid, "order-8", "failed"), (paid.ImpUid, "order-7", "paid"), (paid.ImpUid, "order-7", "cancelled"), (scheduled.ImpUid!, "order-9", "paid")],
            _fake.V1Notifications.Select(n => (n.ImpUid, n.MerchantUid, n.Status)));
        var last = _fake.V1Notifications[^1];
        Assert.Equal(_fake.Clock.GetUtcNow(), last.Timestamp);
        Assert.Equal("user-7", last.CustomerUid);

        // The body is what our own receiver reads.
        Assert.True(V1Notification.TryParse(last.Body, "application/json", out var parsed));
        Assert.Equal((scheduled.ImpUid, "order-9", "paid", "user-7"), (parsed.ImpUid, parsed.MerchantUid, parsed.Status, parsed.CustomerUid));
    }
}


public sealed class FakePortOneV1TestsInMemory() : FakePortOneV1Tests(loopback: false);

public sealed class FakePortOneV1TestsOverLoopback() : FakePortOneV1Tests(loopback: true);
