using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>Virtual accounts through the real V2 client: issue, deposit, expiry, close; in memory and over loopback.</summary>
public abstract class FakeVirtualAccountTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2024, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakePortOne _fake = new(Start);

    protected FakeVirtualAccountTests(bool loopback)
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

    private static InstantPaymentRequest Request(InstantPaymentMethodInputVirtualAccountExpiry expiry, long total = 10000) => new()
    {
        ChannelKey = "channel-key-test",
        OrderName = "Waffle trainers",
        Amount = new PaymentAmountInput { Total = total },
        Currency = Currency.Krw,
        Customer = new CustomerInput { Name = CustomerNameInput.Full("Hong Gildong"), Email = "test@test.com", PhoneNumber = "010-1234-0000" },
        Method = InstantPaymentMethodInput.VirtualAccount(new InstantPaymentMethodInputVirtualAccount
        {
            Bank = Bank.Shinhan,
            Expiry = expiry,
            Option = new InstantPaymentMethodInputVirtualAccountOption { Type = InstantPaymentMethodInputVirtualAccountOptionType.Normal },
            RemitteeName = "Test shop",
        }),
    };

    [Fact]
    public async Task An_issued_account_reads_back_waiting_and_a_deposit_makes_the_payment_paid_with_its_webhooks()
    {
        var portone = _fake.CreateV2Client();

        var issued = await portone.Payments.PayInstantlyAsync("va-1", Request(InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(24)));
        Assert.Equal(Start, issued.Payment.PaidAt); // for a virtual account PortOne reports the issue time here

        var waiting = Assert.IsType<VirtualAccountIssuedPayment>(await portone.Payments.GetAsync("va-1"));
        var account = Assert.IsType<PaymentMethodVirtualAccount>(waiting.Method);
        Assert.Equal(Bank.Shinhan, account.Bank);
        Assert.False(string.IsNullOrEmpty(account.AccountNumber));
        Assert.Equal(Start.AddHours(24), account.ExpiredAt);
        Assert.Equal("Test shop", account.RemitteeName);
        Assert.Equal(issued.Payment.PgTxId, waiting.PgTxId);
        Assert.Empty(_fake.Charges); // no money has moved yet

        _fake.Clock.Advance(TimeSpan.FromHours(3));
        _fake.DepositToVirtualAccount("va-1");

        var paid = Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("va-1"));
        Assert.Equal(Start.AddHours(3), paid.PaidAt);
        Assert.Equal(10000, paid.Amount.Paid);
        Assert.Equal(account.AccountNumber, Assert.IsType<PaymentMethodVirtualAccount>(paid.Method).AccountNumber);
        Assert.Equal(["Transaction.VirtualAccountIssued", "Transaction.Paid"], _fake.Webhooks.Select(w => w.Type));
        var charge = Assert.Single(_fake.Charges);
        Assert.Equal(("va-1", "PAID", 10000L), (charge.PaymentId, charge.Status, charge.Amount));
    }

    [Fact]
    public async Task Moving_the_clock_past_the_due_date_fails_the_payment_and_a_later_deposit_is_refused()
    {
        var portone = _fake.CreateV2Client();
        var due = Start.AddDays(2);
        await portone.Payments.PayInstantlyAsync("va-2", Request(InstantPaymentMethodInputVirtualAccountExpiry.DueDate(due)));

        _fake.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        Assert.IsType<VirtualAccountIssuedPayment>(await portone.Payments.GetAsync("va-2"));

        _fake.Clock.Advance(TimeSpan.FromSeconds(1));
        var failed = Assert.IsType<FailedPayment>(await portone.Payments.GetAsync("va-2"));
        Assert.Equal(due, failed.FailedAt);
        Assert.Equal("Transaction.Failed", _fake.Webhooks[^1].Type);

        var refused = Assert.Throws<InvalidOperationException>(() => _fake.DepositToVirtualAccount("va-2"));
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Charges);
    }

    [Fact]
    public async Task A_deposit_of_another_amount_or_twice_is_refused()
    {
        var portone = _fake.CreateV2Client();
        await portone.Payments.PayInstantlyAsync("va-3", Request(InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(1), total: 5000));

        Assert.Throws<InvalidOperationException>(() => _fake.DepositToVirtualAccount("va-3", 4999));
        Assert.IsType<VirtualAccountIssuedPayment>(await portone.Payments.GetAsync("va-3"));

        _fake.DepositToVirtualAccount("va-3", 5000);
        Assert.Throws<InvalidOperationException>(() => _fake.DepositToVirtualAccount("va-3"));
        Assert.Throws<InvalidOperationException>(() => _fake.DepositToVirtualAccount("no-such-payment"));
        Assert.Single(_fake.Charges);
    }

    [Fact]
    public async Task An_unpaid_account_cannot_be_cancelled_but_can_be_closed_once()
    {
        var portone = _fake.CreateV2Client();
        await portone.Payments.PayInstantlyAsync("va-4", Request(InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(24)));

        var notPaid = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.CancelAsync("va-4", new CancelPaymentRequest { Reason = "changed mind" }));
        Assert.IsType<PaymentNotPaidError>(notPaid.Error);
        Assert.Equal(HttpStatusCode.Conflict, notPaid.StatusCode);

        _fake.Clock.Advance(TimeSpan.FromMinutes(5));
        var webhooksBefore = _fake.Webhooks.Count;
        var closed = await portone.Payments.CloseVirtualAccountAsync("va-4");
        Assert.Equal(Start.AddMinutes(5), closed.ClosedAt);
        var cancelled = Assert.IsType<CancelledPayment>(await portone.Payments.GetAsync("va-4"));
        Assert.Empty(cancelled.Cancellations);
        Assert.Equal(0, cancelled.Amount.Paid);
        Assert.Null(cancelled.PaidAt);
        Assert.Equal(webhooksBefore, _fake.Webhooks.Count); // closing makes no cancellation, so no Transaction.Cancelled

        var again = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.CloseVirtualAccountAsync("va-4"));
        Assert.IsType<PaymentNotWaitingForDepositError>(again.Error);
        Assert.Throws<InvalidOperationException>(() => _fake.DepositToVirtualAccount("va-4"));
    }

    [Fact]
    public async Task A_paid_account_is_refunded_only_to_a_named_bank_account()
    {
        var portone = _fake.CreateV2Client();
        await portone.Payments.PayInstantlyAsync("va-5", Request(InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(24)));
        _fake.DepositToVirtualAccount("va-5");

        var missing = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.CancelAsync("va-5", new CancelPaymentRequest { Reason = "return" }));
        Assert.IsType<InvalidRequestError>(missing.Error);

        await portone.Payments.CancelAsync("va-5", new CancelPaymentRequest
        {
            Reason = "return",
            RefundAccount = new CancelPaymentRefundAccount { Bank = Bank.Kookmin, Number = "123456789012", HolderName = "Hong Gildong" },
        });
        Assert.IsType<CancelledPayment>(await portone.Payments.GetAsync("va-5"));
        Assert.Single(_fake.Refunds);
    }

    [Fact]
    public async Task A_due_date_in_the_past_is_refused_as_an_invalid_request()
    {
        var portone = _fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() =>
            portone.Payments.PayInstantlyAsync("va-6", Request(InstantPaymentMethodInputVirtualAccountExpiry.DueDate(Start.AddMinutes(-1)))));

        Assert.IsType<InvalidRequestError>(ex.Error);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Empty(_fake.Webhooks);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task Valid_hours_out_of_range_are_an_invalid_request_not_a_server_error(int hours)
    {
        var portone = _fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() =>
            portone.Payments.PayInstantlyAsync("va-7", Request(InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(hours))));

        Assert.IsType<InvalidRequestError>(ex.Error);
    }

    [Fact]
    public async Task The_KG_Inicis_guide_example_body_is_accepted_as_sent()
    {
        // The guide's instant virtual-account request as raw JSON: no "option", a cash receipt, a due date (its
        // offset typo corrected). The typed client always sends an option, so this goes over plain HTTP.
        const string body = """
            {
              "channelKey": "channel-key-test",
              "orderName": "Waffle trainers 2 SD",
              "amount": { "total": 10000 },
              "currency": "KRW",
              "customer": { "name": { "full": "Hong Gildong" }, "email": "test@test.com", "phoneNumber": "010-1234-0000" },
              "method": {
                "virtualAccount": {
                  "bank": "SHINHAN",
                  "expiry": { "dueDate": "2024-11-12T00:00:00+09:00" },
                  "cashReceipt": { "type": "PERSONAL", "customerIdentityNumber": "010-1234-0000" },
                  "remitteeName": "Test"
                }
              },
              "productCount": 1
            }
            """;
        using var http = _fake.V2LoopbackAddress is { } root
            ? new HttpClient { BaseAddress = root }
            : new HttpClient(_fake.CreateHandler()) { BaseAddress = FakePortOne.V2BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "payments/va-seed/instant") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("PortOne", _fake.V2ApiSecret);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payment = Assert.IsType<VirtualAccountIssuedPayment>(await _fake.CreateV2Client().Payments.GetAsync("va-seed"));
        var account = Assert.IsType<PaymentMethodVirtualAccount>(payment.Method);
        Assert.Equal(new DateTimeOffset(2024, 11, 11, 15, 0, 0, TimeSpan.Zero), account.ExpiredAt);
        Assert.Equal(PaymentMethodVirtualAccountType.Normal, account.AccountType);
    }
}

public sealed class FakeVirtualAccountTestsInMemory() : FakeVirtualAccountTests(loopback: false);

public sealed class FakeVirtualAccountTestsOverLoopback() : FakeVirtualAccountTests(loopback: true);
