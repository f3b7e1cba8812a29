using System.Net;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>Server-confirmed flows through the real V2 client: pre-register, confirm a payment, confirm a billing key.</summary>
public abstract class FakeConfirmTests : IAsyncDisposable
{
    private readonly FakePortOne _fake = new();

    protected FakeConfirmTests(bool loopback)
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

    [Fact]
    public async Task A_pre_registered_checkout_reads_back_ready_and_is_paid_once_confirmed_with_matching_amounts()
    {
        var portone = _fake.CreateV2Client();
        await portone.Payments.PreRegisterAsync("order-1", new PreRegisterPaymentRequest { TotalAmount = 5000, Currency = Currency.Krw });
        Assert.Throws<InvalidOperationException>(() => _fake.AuthorizeCheckout("order-1", 4000)); // PortOne stops a checkout that differs

        var token = _fake.AuthorizeCheckout("order-1", 5000);
        Assert.IsType<ReadyPayment>(await portone.Payments.GetAsync("order-1"));
        Assert.Empty(_fake.Charges);

        var mismatch = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.ConfirmAsync("order-1", new ConfirmPaymentRequest { PaymentToken = token, TotalAmount = 4000 }));
        Assert.IsType<InformationMismatchError>(mismatch.Error);
        Assert.Equal(HttpStatusCode.Conflict, mismatch.StatusCode);

        var wrongPayment = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.ConfirmAsync("order-2", new ConfirmPaymentRequest { PaymentToken = token }));
        Assert.IsType<InvalidPaymentTokenError>(wrongPayment.Error);

        _fake.Clock.Advance(TimeSpan.FromSeconds(30));
        var confirmed = await portone.Payments.ConfirmAsync("order-1", new ConfirmPaymentRequest { PaymentToken = token, TotalAmount = 5000, Currency = Currency.Krw });
        Assert.Equal(_fake.Clock.GetUtcNow(), confirmed.PaidAt);
        var paid = Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("order-1"));
        Assert.Equal(confirmed.PgTxId, paid.PgTxId);
        Assert.Equal(["Transaction.Ready", "Transaction.Paid"], _fake.Webhooks.Select(w => w.Type));
        Assert.Single(_fake.Charges);

        var again = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.ConfirmAsync("order-1", new ConfirmPaymentRequest { PaymentToken = token }));
        Assert.IsType<InvalidPaymentTokenError>(again.Error); // a token confirms once
        var preRegisterPaid = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PreRegisterAsync("order-1", new PreRegisterPaymentRequest { TotalAmount = 5000 }));
        Assert.IsType<AlreadyPaidError>(preRegisterPaid.Error);
    }

    [Fact]
    public async Task Confirming_a_checkout_on_a_declined_card_gives_a_PG_error_and_a_failed_payment()
    {
        var portone = _fake.CreateV2Client();
        var token = _fake.AuthorizeCheckout("order-3", 1000, cardNumber: FakePortOne.TestCards.DeclinedOnPayment);

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.ConfirmAsync("order-3", new ConfirmPaymentRequest { PaymentToken = token }));

        Assert.IsType<PgProviderError>(ex.Error);
        Assert.IsType<FailedPayment>(await portone.Payments.GetAsync("order-3"));
    }

    [Fact]
    public async Task A_billing_key_is_issued_when_confirmed_and_only_once()
    {
        var portone = _fake.CreateV2Client();
        var token = _fake.AuthorizeBillingKeyIssue();

        var confirmed = await portone.BillingKeys.ConfirmAsync(new ConfirmBillingKeyRequest { BillingIssueToken = token });
        Assert.IsType<IssuedBillingKeyInfo>(await portone.BillingKeys.GetAsync(confirmed.BillingKey));

        var again = await Assert.ThrowsAsync<PortOneApiException>(() => portone.BillingKeys.ConfirmAsync(new ConfirmBillingKeyRequest { BillingIssueToken = token }));
        Assert.IsType<BillingKeyAlreadyIssuedError>(again.Error);
        var unknown = await Assert.ThrowsAsync<PortOneApiException>(() => portone.BillingKeys.ConfirmAsync(new ConfirmBillingKeyRequest { BillingIssueToken = "no-such-token" }));
        Assert.IsType<InvalidRequestError>(unknown.Error);

        var refusedCard = _fake.AuthorizeBillingKeyIssue(FakePortOne.TestCards.DeclinedOnIssue);
        var refused = await Assert.ThrowsAsync<PortOneApiException>(() => portone.BillingKeys.ConfirmAsync(new ConfirmBillingKeyRequest { BillingIssueToken = refusedCard }));
        Assert.IsType<PgProviderError>(refused.Error);
    }

    [Fact]
    public async Task Issue_and_pay_makes_the_key_and_the_first_payment_together()
    {
        var portone = _fake.CreateV2Client();
        var token = _fake.AuthorizeBillingKeyIssueAndPay("order-4", 9900);

        var mismatch = await Assert.ThrowsAsync<PortOneApiException>(() =>
            portone.BillingKeys.ConfirmIssueAndPayAsync(new ConfirmBillingKeyIssueAndPayRequest { BillingIssueToken = token, PaymentId = "order-4", TotalAmount = 100 }));
        Assert.IsType<InformationMismatchError>(mismatch.Error);

        var confirmed = await portone.BillingKeys.ConfirmIssueAndPayAsync(new ConfirmBillingKeyIssueAndPayRequest
        {
            BillingIssueToken = token,
            PaymentId = "order-4",
            TotalAmount = 9900,
            Currency = Currency.Krw,
        });

        Assert.Equal("order-4", confirmed.PaymentId);
        var payment = Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("order-4"));
        Assert.Equal(confirmed.BillingKey, payment.BillingKey);
        Assert.Equal(9900, payment.Amount.Total);

        var keyOnly = _fake.AuthorizeBillingKeyIssue();
        var wrongKind = await Assert.ThrowsAsync<PortOneApiException>(() =>
            portone.BillingKeys.ConfirmIssueAndPayAsync(new ConfirmBillingKeyIssueAndPayRequest { BillingIssueToken = keyOnly }));
        Assert.IsType<InvalidRequestError>(wrongKind.Error);
    }
}

public sealed class FakeConfirmTestsInMemory() : FakeConfirmTests(loopback: false);

public sealed class FakeConfirmTestsOverLoopback() : FakeConfirmTests(loopback: true);
