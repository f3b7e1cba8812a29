using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using V1Cancel = PortOne.Sdk.V1.CancelPaymentRequest;
using V2Cancel = PortOne.Sdk.V2.CancelPaymentRequest;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>One fault at a time on each money call other than the V2 charges, settled through the real clients.</summary>
public sealed class MoneyResolutionTests : IAsyncDisposable
{
    private readonly FakePortOne _fake = new();

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    [Theory]
    [InlineData(FakeFault.AnswerLost, true)]
    [InlineData(FakeFault.RequestLost, true)]
    [InlineData(FakeFault.AnswerCut, false)]
    [InlineData(FakeFault.ServerError, false)]
    public async Task A_V2_refund_whose_answer_was_lost_is_refunded_once_and_its_cancellation_returned(FakeFault fault, bool callerGivesBalance)
    {
        var portone = _fake.CreateV2Client(o => o.FillCancellableAmount = !callerGivesBalance);
        var paymentId = await PaidV2Async(portone, 10_000);
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/payments/pay-1/cancel").Then(fault));

        var answer = await portone.Payments.CancelAsync(paymentId, new V2Cancel { Reason = "r1", Amount = 3000, CurrentCancellableAmount = callerGivesBalance ? 10_000 : null });

        var refund = Assert.Single(_fake.Refunds);
        Assert.Equal((refund.CancellationId, 3000L), (answer.Cancellation.Id, answer.Cancellation.TotalAmount));
    }

    [Fact]
    public async Task A_V2_refund_without_a_balance_and_with_the_read_off_ends_unknown_on_a_lost_answer()
    {
        var portone = _fake.CreateV2Client();
        var paymentId = await PaidV2Async(portone, 10_000);
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/payments/pay-1/cancel").Then(FakeFault.AnswerLost));

        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => portone.Payments.CancelAsync(paymentId, new V2Cancel { Reason = "r1", Amount = 3000 }));

        Assert.Equal(("pay-1", "paymentId"), (ex.PaymentId, ex.IdField));
        Assert.Single(_fake.Refunds);
    }

    [Fact]
    public async Task A_stale_balance_on_the_first_V2_refund_is_reported_as_PortOne_refused_it()
    {
        var portone = _fake.CreateV2Client();
        var paymentId = await PaidV2Async(portone, 10_000);

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.CancelAsync(paymentId, new V2Cancel { Reason = "r1", Amount = 3000, CurrentCancellableAmount = 9_000 }));

        Assert.IsType<CancellableAmountConsistencyBrokenError>(ex.Error);
        Assert.Empty(_fake.Refunds);
    }

    [Theory]
    [InlineData(FakeFault.AnswerLost)]
    [InlineData(FakeFault.Silence)]
    [InlineData(FakeFault.AnswerCut)]
    public async Task A_V2_schedule_whose_answer_was_lost_returns_the_one_schedule_booked(FakeFault fault)
    {
        var portone = _fake.CreateV2Client(o => o.AttemptTimeout = TimeSpan.FromSeconds(10));
        var key = await IssueV2Async(portone);
        var plan = FakeFaultPlan.ForPathPrefix("/payments/later-1/schedule").Then(fault);
        plan.SilenceFor = TimeSpan.FromSeconds(10);
        _fake.AddFaultPlan(plan);
        var at = _fake.Clock.GetUtcNow().AddDays(30);

        var created = await portone.PaymentSchedules.CreateAsync("later-1", Schedule(key, 4900, at));

        var schedule = await portone.PaymentSchedules.GetAsync(created.Schedule.Id);
        Assert.Equal(("later-1", 4900L), (schedule.PaymentId, schedule.TotalAmount));
    }

    [Fact]
    public async Task A_V2_schedule_of_another_charge_under_the_payment_id_is_reported_as_already_existing()
    {
        var portone = _fake.CreateV2Client();
        var key = await IssueV2Async(portone);
        var at = _fake.Clock.GetUtcNow().AddDays(30);
        await portone.PaymentSchedules.CreateAsync("later-1", Schedule(key, 4900, at));

        var again = await portone.PaymentSchedules.CreateAsync("later-1", Schedule(key, 4900, at));
        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.PaymentSchedules.CreateAsync("later-1", Schedule(key, 5900, at)));

        Assert.IsType<PaymentScheduleAlreadyExistsError>(ex.Error);
        Assert.NotNull(again.Schedule.Id);
    }

    [Fact]
    public async Task Issuing_a_V2_billing_key_whose_answer_was_lost_is_unknown_and_says_where_to_look()
    {
        var portone = _fake.CreateV2Client();
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/billing-keys", HttpMethod.Post).Then(FakeFault.AnswerLost));
        var request = new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" } }),
            Customer = new CustomerInput { Id = "cust-9" },
        };

        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => portone.BillingKeys.IssueAsync(request));

        Assert.Equal(("cust-9", "customer.id"), (ex.PaymentId, ex.IdField));
        Assert.Contains("CustomerId", ex.LookUp, StringComparison.Ordinal);
        Assert.Contains("the outcome is unknown", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _fake.Counters["Requests"]);
    }

    [Theory]
    [InlineData(FakeFault.AnswerLost)]
    [InlineData(FakeFault.RequestLost)]
    [InlineData(FakeFault.ServerError)]
    [InlineData(FakeFault.AnswerCut)]
    public async Task A_V1_charge_whose_answer_was_lost_is_charged_once_and_returned(FakeFault fault)
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("cust-1", V1Customer());
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/subscribe/payments/again").Then(fault));

        var paid = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "cust-1", MerchantUid = "m-1", Amount = 9900m, Name = "Monthly" });

        var charge = Assert.Single(_fake.Charges);
        Assert.Equal(("m-1", "PAID", charge.PgTxId), (charge.PaymentId, charge.Status, paid.PgTid));
    }

    [Fact]
    public async Task A_V1_merchant_uid_paid_before_is_refused_on_the_first_send_as_it_is()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("cust-1", V1Customer());
        await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "cust-1", MerchantUid = "m-1", Amount = 9900m, Name = "Monthly" });

        await Assert.ThrowsAsync<PortOneV1ApiException>(() => iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "cust-1", MerchantUid = "m-1", Amount = 9900m, Name = "Monthly" }));

        Assert.Single(_fake.Charges);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_V1_refund_whose_answer_was_lost_is_refunded_once(bool callerGivesChecksum)
    {
        var iamport = _fake.CreateV1Client(o => o.FillCancellableAmount = !callerGivesChecksum);
        await iamport.Customers.SaveAsync("cust-1", V1Customer());
        var paid = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "cust-1", MerchantUid = "m-1", Amount = 9900m, Name = "Monthly" });
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/payments/cancel").Then(FakeFault.AnswerLost));

        var after = await iamport.Payments.CancelAsync(new V1Cancel { ImpUid = paid.ImpUid, Amount = V1CancelAmount.Partial(900m), Checksum = callerGivesChecksum ? 9900m : null, Reason = "r1" });

        Assert.Equal(900m, after.CancelAmount);
        Assert.Equal(900L, Assert.Single(_fake.Refunds).Amount);
    }

    [Fact]
    public async Task A_V1_schedule_and_its_retry_whose_answers_were_lost_are_settled_by_merchant_uid()
    {
        var iamport = _fake.CreateV1Client();
        await iamport.Customers.SaveAsync("cust-1", new SaveCustomerRequest { Card = new V1Card { Number = FakePortOne.TestCards.DeclinedOnPayment, Expiry = "2030-12" } });
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/subscribe/payments/schedule").Then(FakeFault.AnswerCut));
        var at = _fake.Clock.GetUtcNow().AddHours(1);

        var stored = await iamport.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = "cust-1",
            Schedules = [new ScheduleItem { MerchantUid = "s-1", ScheduleAt = at, Amount = 5000m, Currency = "KRW", Name = "Later" }],
        });
        _fake.Clock.Advance(TimeSpan.FromHours(2));
        await iamport.Customers.SaveAsync("cust-1", V1Customer());
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/subscribe/payments/schedule/s-1/retry").Then(FakeFault.AnswerLost));
        var retried = await iamport.Subscriptions.RetryScheduleAsync("s-1");

        Assert.Equal("s-1", Assert.Single(stored).MerchantUid);
        Assert.True(retried.IsPaid);
        Assert.Single(_fake.Charges, c => c.Status == "PAID");
    }

    [Fact]
    public async Task Saving_a_V1_customer_whose_answer_was_lost_is_unknown_and_names_the_customer()
    {
        var iamport = _fake.CreateV1Client();
        _fake.AddFaultPlan(FakeFaultPlan.ForPathPrefix("/subscribe/customers/cust-1").Then(FakeFault.AnswerLost));

        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => iamport.Customers.SaveAsync("cust-1", V1Customer()));

        Assert.Equal(("cust-1", "customer_uid"), (ex.PaymentId, ex.IdField));
        Assert.Contains("look this card up later", ex.Message, StringComparison.Ordinal);
    }

    private static SaveCustomerRequest V1Customer() => new() { Card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12" } };

    private static CreatePaymentScheduleRequest Schedule(string key, long amount, DateTimeOffset at) => new()
    {
        Payment = new BillingKeyPaymentScheduleInput { BillingKey = key, OrderName = "Later", Amount = new PaymentAmountInput { Total = amount }, Currency = Currency.Krw },
        TimeToPay = at,
    };

    private static async Task<string> IssueV2Async(PortOneV2Client portone) =>
        (await portone.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" } }),
        })).BillingKeyInfo.BillingKey;

    private static async Task<string> PaidV2Async(PortOneV2Client portone, long amount)
    {
        var key = await IssueV2Async(portone);
        await portone.Payments.PayWithBillingKeyAsync("pay-1", new BillingKeyPaymentRequest { BillingKey = key, OrderName = "x", Amount = new PaymentAmountInput { Total = amount }, Currency = Currency.Krw });
        return "pay-1";
    }
}
