using Microsoft.Extensions.DependencyInjection;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>Every test runs twice: against the fake in memory and over real HTTP on its loopback server.</summary>
public abstract class FakePortOneV2Tests : IAsyncDisposable
{
    private readonly FakePortOne _fake = new();

    protected FakePortOneV2Tests(bool loopback)
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

    private static IssueBillingKeyRequest Card(string number) => new()
    {
        Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
        {
            Credential = new CardCredential { Number = number, ExpiryYear = "30", ExpiryMonth = "12" },
        }),
        ChannelKey = "channel-key-test",
    };

    private static BillingKeyPaymentRequest Charge(string billingKey, long amount) => new()
    {
        BillingKey = billingKey,
        OrderName = "Monthly plan",
        Amount = new PaymentAmountInput { Total = amount },
        Currency = Currency.Krw,
    };

    private async Task<string> IssueAsync(PortOneV2Client portone, string number = FakePortOne.TestCards.Success) =>
        (await portone.BillingKeys.IssueAsync(Card(number))).BillingKeyInfo.BillingKey;

    [Fact]
    public async Task A_billing_key_is_issued_charged_and_the_payment_reads_back_as_paid()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone);

        var info = Assert.IsType<IssuedBillingKeyInfo>(await portone.BillingKeys.GetAsync(billingKey));
        Assert.Equal(_fake.StoreId, info.StoreId);

        var paid = await portone.Payments.PayWithBillingKeyAsync("order-1", Charge(billingKey, 9900));
        Assert.Equal(_fake.Clock.GetUtcNow(), paid.Payment.PaidAt);

        var payment = Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("order-1"));
        Assert.Equal(9900, payment.Amount.Total);
        Assert.Equal(billingKey, payment.BillingKey);
        Assert.Equal(Currency.Krw, payment.Currency);
    }

    [Fact]
    public async Task Paying_twice_with_one_payment_id_is_refused_as_already_paid()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone);
        await portone.Payments.PayWithBillingKeyAsync("order-2", Charge(billingKey, 1000));

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PayWithBillingKeyAsync("order-2", Charge(billingKey, 1000)));

        Assert.IsType<AlreadyPaidError>(ex.Error);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, ex.StatusCode);
    }

    [Fact]
    public async Task A_declined_card_gives_a_PG_error_and_leaves_a_failed_payment()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone, FakePortOne.TestCards.DeclinedOnPayment);

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PayWithBillingKeyAsync("order-3", Charge(billingKey, 1000)));

        var pg = Assert.IsType<PgProviderError>(ex.Error);
        Assert.False(string.IsNullOrEmpty(pg.PgCode));
        Assert.IsType<FailedPayment>(await portone.Payments.GetAsync("order-3"));
        Assert.Equal(3, _fake.Counters["Requests"]); // issue, pay, get: the declined charge was not retried
    }

    [Fact]
    public async Task A_card_refused_at_issue_gives_a_PG_error()
    {
        var portone = _fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => IssueAsync(portone, FakePortOne.TestCards.DeclinedOnIssue));

        Assert.IsType<PgProviderError>(ex.Error);
    }

    [Fact]
    public async Task Partial_then_full_cancellation_moves_the_payment_through_its_states()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone);
        await portone.Payments.PayWithBillingKeyAsync("order-4", Charge(billingKey, 10000));

        await portone.Payments.CancelAsync("order-4", new CancelPaymentRequest { Amount = 3000, Reason = "partial", CurrentCancellableAmount = 10000 });
        var partly = Assert.IsType<PartialCancelledPayment>(await portone.Payments.GetAsync("order-4"));
        Assert.Equal(3000, partly.Amount.Cancelled);

        var stale = await Assert.ThrowsAsync<PortOneApiException>(() =>
            portone.Payments.CancelAsync("order-4", new CancelPaymentRequest { Reason = "rest", CurrentCancellableAmount = 10000 }));
        Assert.IsType<CancellableAmountConsistencyBrokenError>(stale.Error);

        var rest = await portone.Payments.CancelAsync("order-4", new CancelPaymentRequest { Reason = "rest", CurrentCancellableAmount = 7000 });
        Assert.Equal(7000, Assert.IsType<SucceededPaymentCancellation>(rest.Cancellation).TotalAmount);
        var cancelled = Assert.IsType<CancelledPayment>(await portone.Payments.GetAsync("order-4"));
        Assert.Equal(2, cancelled.Cancellations.Count);
    }

    [Fact]
    public async Task A_schedule_runs_when_the_clock_reaches_it_and_can_be_listed_and_revoked()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone);
        var due = _fake.Clock.GetUtcNow().AddMonths(1);
        var first = await portone.PaymentSchedules.CreateAsync("order-5", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = billingKey, OrderName = "Monthly", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw },
            TimeToPay = due,
        });
        var second = await portone.PaymentSchedules.CreateAsync("order-6", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = billingKey, OrderName = "Monthly", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw },
            TimeToPay = due.AddMonths(1),
        });

        _fake.Clock.Advance(TimeSpan.FromDays(31));

        var ran = Assert.IsType<SucceededPaymentSchedule>(await portone.PaymentSchedules.GetAsync(first.Schedule.Id));
        Assert.Equal(due, ran.TimeToPay);
        var payment = Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("order-5"));
        Assert.Equal(first.Schedule.Id, payment.ScheduleId);

        var pending = new List<PaymentSchedule>();
        await foreach (var schedule in portone.PaymentSchedules.ListAsync(new PaymentScheduleFilterInput { Status = [PaymentScheduleStatus.Scheduled] }))
        {
            pending.Add(schedule);
        }

        Assert.Equal(second.Schedule.Id, Assert.IsType<ScheduledPaymentSchedule>(Assert.Single(pending)).Id);

        var revoked = await portone.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { BillingKey = billingKey });
        Assert.Equal([second.Schedule.Id], revoked.RevokedScheduleIds);
        Assert.IsType<RevokedPaymentSchedule>(await portone.PaymentSchedules.GetAsync(second.Schedule.Id));
    }

    [Fact]
    public async Task Paging_walks_every_payment_exactly_once()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone);
        for (var i = 0; i < 25; i++)
        {
            await portone.Payments.PayWithBillingKeyAsync($"order-page-{i}", Charge(billingKey, 100 + i));
        }

        var ids = new List<string>();
        await foreach (var payment in portone.Payments.ListAsync(new GetPaymentsRequest { Page = new PageInput { Size = 10 } }))
        {
            ids.Add(Assert.IsType<PaidPayment>(payment).Id);
        }

        Assert.Equal(25, ids.Distinct().Count());
    }

    [Fact]
    public async Task Bearer_mode_logs_in_once_and_renews_after_the_token_expires()
    {
        var portone = _fake.CreateV2Client(o => o.AuthMode = PortOneV2AuthMode.BearerToken);
        var billingKey = await IssueAsync(portone);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => portone.BillingKeys.GetAsync(billingKey)));
        Assert.Equal(1, _fake.Counters["V2.Login"]);

        _fake.Clock.Advance(TimeSpan.FromMinutes(45));
        Assert.IsType<IssuedBillingKeyInfo>(await portone.BillingKeys.GetAsync(billingKey));
        Assert.Equal(2, _fake.Counters["V2.Login"]); // renewed through /token/refresh, which the fake counts as a login
    }

    [Fact]
    public async Task Recorded_webhooks_are_signed_and_pass_the_SDKs_own_verifier()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone);
        await portone.Payments.PayWithBillingKeyAsync("order-7", Charge(billingKey, 1000));
        var verifier = new PortOneWebhookVerifier(_fake.WebhookSecret, _fake.Clock);

        var hooks = _fake.Webhooks.Select(w => verifier.Verify(w.Body, w.Headers)).ToList();

        Assert.Equal(billingKey, Assert.IsType<WebhookBillingKeyIssued>(hooks[0]).Data.BillingKey);
        Assert.Equal("order-7", Assert.IsType<WebhookTransactionPaid>(hooks[1]).Data.PaymentId);
    }
}

public sealed class FakePortOneV2TestsInMemory() : FakePortOneV2Tests(loopback: false);

public sealed class FakePortOneV2TestsOverLoopback() : FakePortOneV2Tests(loopback: true);

public sealed class FakePortOneLoopbackTests : IAsyncDisposable
{
    private readonly FakePortOne _fake = new();

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    [Fact]
    public async Task The_loopback_server_answers_real_HTTP_with_the_APIs_shapes()
    {
        _fake.StartLoopbackServer();
        using var http = new HttpClient { BaseAddress = _fake.V2LoopbackAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("PortOne", _fake.V2ApiSecret);

        using var missing = await http.GetAsync("payments/no-such-payment");

        Assert.StartsWith("http://127.0.0.1:", _fake.V2LoopbackAddress!.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"PAYMENT_NOT_FOUND\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DI_client_reaches_the_loopback_server_when_it_is_started_after_registration()
    {
        var services = new ServiceCollection();
        services.AddPortOneV2(o => o.ApiSecret = "app-secret").UseFakePortOne(_fake);
        _fake.StartLoopbackServer();
        await using var provider = services.BuildServiceProvider();
        var portone = provider.GetRequiredService<PortOneV2Client>();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.GetAsync("no-such-payment"));

        Assert.IsType<PaymentNotFoundError>(ex.Error);
        Assert.Equal(1, _fake.Counters["Requests"]);
    }
}
