using PortOne.Sdk.V1;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// The SDK's clients and the fair hand-written ones over one handler, and the calls every benchmark and the load mode
/// make. The SDK's V2 client uses its default credential (the API secret in an <c>Authorization: PortOne …</c> header,
/// exactly what the hand-written client sets as a default header); the V1 clients use a bearer token the SDK
/// fetched once and caches, the hand-written one set once as a default header.
/// </summary>
internal sealed class BenchClients : IDisposable
{
    public const string PaymentId = "order-2025-01-000123";
    public const string MissingPaymentId = "missing-order-0001";
    public const string ImpUid = "imp_123456789012";
    public const string ApiSecret = "bench-api-secret";
    public static readonly Uri V2Base = new("https://v2.bench.test/");
    public static readonly Uri V1Base = new("https://v1.bench.test/");

    private BenchClients(HttpMessageHandler handler, Uri v2Base, Uri v1Base, PortOneV2AuthMode authMode)
    {
        SdkV2 = new PortOneV2Client(new PortOneV2Options { ApiSecret = ApiSecret, BaseAddress = v2Base, AuthMode = authMode }, null, handler);
        SdkV1 = new PortOneV1Client(new PortOneV1Options { ApiKey = "bench-key", ApiSecret = ApiSecret, BaseAddress = v1Base }, null, handler);
        FairV2 = new Fair.FairV2Client(handler, v2Base, ApiSecret);
        FairV1 = new Fair.FairV1Client(handler, v1Base, "token-1");
    }

    public PortOneV2Client SdkV2 { get; }

    public PortOneV1Client SdkV1 { get; }

    public Fair.FairV2Client FairV2 { get; }

    public Fair.FairV1Client FairV1 { get; }

    /// <summary>The same charge for both sides: billing key, order name, customer, amount, currency.</summary>
    public static BillingKeyPaymentRequest SdkPayRequest { get; } = new()
    {
        BillingKey = "billing-key-01941f7a-0b1c-7d2e",
        OrderName = "프리미엄 구독 1개월",
        Customer = new CustomerInput { Id = "customer-000042", Name = CustomerNameInput.Full("김포트"), Email = "port.kim@example.com", PhoneNumber = "01012345678" },
        Amount = new PaymentAmountInput { Total = 29900 },
        Currency = Currency.Krw,
    };

    public static Fair.BillingKeyPaymentRequest FairPayRequest { get; } = new()
    {
        BillingKey = "billing-key-01941f7a-0b1c-7d2e",
        OrderName = "프리미엄 구독 1개월",
        Customer = new Fair.CustomerInput { Id = "customer-000042", Name = new Fair.CustomerNameInput { Full = "김포트" }, Email = "port.kim@example.com", PhoneNumber = "01012345678" },
        Amount = new Fair.PaymentAmountInput { Total = 29900 },
        Currency = Fair.Currency.Krw,
    };

    public static GetPaymentSchedulesRequest SdkSchedulePage { get; } = new() { Page = new PageInput { Number = 0, Size = 100 } };

    public static Fair.GetPaymentSchedulesRequest FairSchedulePage { get; } = new() { Page = new Fair.PageInput { Number = 0, Size = 100 } };

    /// <summary>Creates the clients and makes one call of each kind, so the SDK's token is fetched and every path is warm.</summary>
    public static async Task<BenchClients> CreateAsync(HttpMessageHandler handler, Uri? v2Base = null, Uri? v1Base = null, PortOneV2AuthMode authMode = PortOneV2AuthMode.ApiSecret)
    {
        var clients = new BenchClients(handler, v2Base ?? V2Base, v1Base ?? V1Base, authMode);
        await clients.VerifyAsync().ConfigureAwait(false);
        foreach (var scenario in Scenarios.All)
        {
            await clients.RunAsync(scenario, sdk: false).ConfigureAwait(false);
            await clients.RunAsync(scenario, sdk: true).ConfigureAwait(false);
        }

        return clients;
    }

    public Task RunAsync(string scenario, bool sdk) => (scenario, sdk) switch
    {
        (Scenarios.V2Get, false) => FairV2.GetPaymentAsync(PaymentId),
        (Scenarios.V2Get, true) => SdkV2.Payments.GetAsync(PaymentId),
        (Scenarios.V2PayBillingKey, false) => FairV2.PayWithBillingKeyAsync(PaymentId, FairPayRequest),
        (Scenarios.V2PayBillingKey, true) => SdkV2.Payments.PayWithBillingKeyAsync(PaymentId, SdkPayRequest),
        (Scenarios.V2SchedulePage, false) => FairV2.GetPaymentSchedulesAsync(FairSchedulePage),
        (Scenarios.V2SchedulePage, true) => SdkV2.PaymentSchedules.ListPageAsync(SdkSchedulePage),
        (Scenarios.V1Get, false) => FairV1.GetPaymentAsync(ImpUid),
        (Scenarios.V1Get, true) => SdkV1.Payments.GetAsync(ImpUid),
        (Scenarios.V2NotFound, false) => FairNotFoundAsync(),
        (Scenarios.V2NotFound, true) => SdkNotFoundAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario; see Scenarios.All."),
    };

    /// <summary>Both sides must read the same facts from the same bytes, or the comparison means nothing.</summary>
    public async Task VerifyAsync()
    {
        var fair = await FairV2.GetPaymentAsync(PaymentId).ConfigureAwait(false);
        var sdk = await SdkV2.Payments.GetAsync(PaymentId).ConfigureAwait(false);
        Check(fair is Fair.PaidPayment { Method: Fair.PaymentMethodCard { Card.Brand: Fair.CardBrand.Local }, Channel.PgProvider: Fair.PgProvider.InicisV2, Currency: Fair.Currency.Krw, Amount.Total: 29900 } fp
            && sdk is PaidPayment { Method: PaymentMethodCard { Card.Number: { } number }, Amount.Total: 29900 } sp
            && fp.PaidAt == sp.PaidAt && fp.Customer.Email == sp.Customer.Email && fp.Method is Fair.PaymentMethodCard { Card.Number: { } fairNumber } && fairNumber == number
            && fp.Webhooks![0].Trigger == Fair.PaymentWebhookTrigger.AsyncPayApproved && fp.Products![0].Amount == 29900,
            "V2 payment");

        var fairPage = await FairV2.GetPaymentSchedulesAsync(FairSchedulePage).ConfigureAwait(false);
        var sdkPage = await SdkV2.PaymentSchedules.ListPageAsync(SdkSchedulePage).ConfigureAwait(false);
        Check(fairPage.Items.Count == 100 && sdkPage.Items.Count == 100 && fairPage.Page.TotalCount == sdkPage.Page.TotalCount
            && fairPage.Items.Select(i => i.GetType().Name).SequenceEqual(sdkPage.Items.Select(i => i.GetType().Name))
            && fairPage.Items.OfType<Fair.RevokedPaymentSchedule>().Count() == 10,
            "V2 schedule page");

        var fairPay = await FairV2.PayWithBillingKeyAsync(PaymentId, FairPayRequest).ConfigureAwait(false);
        var sdkPay = await SdkV2.Payments.PayWithBillingKeyAsync(PaymentId, SdkPayRequest).ConfigureAwait(false);
        Check(fairPay.Payment.PgTxId == sdkPay.Payment.PgTxId && fairPay.Payment.PaidAt == sdkPay.Payment.PaidAt, "V2 pay with billing key");

        var fairV1 = await FairV1.GetPaymentAsync(ImpUid).ConfigureAwait(false);
        var sdkV1 = await SdkV1.Payments.GetAsync(ImpUid).ConfigureAwait(false);
        Check(fairV1.ImpUid == sdkV1.ImpUid && fairV1.PaidAt == sdkV1.PaidAt && fairV1.Amount == sdkV1.Amount && fairV1.CardNumber == sdkV1.CardNumber && fairV1.FailedAt is null, "V1 payment");

        Check(Fair.FairErrors.Decode("{\"message\":\"later\",\"type\":\"SOMETHING_NEW\"}"u8).GetType() == typeof(Fair.PortOneError)
            && Fair.FairErrors.Decode(Payloads.V2PaymentNotFound) is Fair.PaymentNotFoundError, "error bodies");

        static void Check(bool same, string what)
        {
            if (!same)
            {
                throw new InvalidOperationException($"The fair client and the SDK did not read the same {what}.");
            }
        }
    }

    public async Task<Fair.PortOneError> FairNotFoundAsync()
    {
        try
        {
            await FairV2.GetPaymentAsync(MissingPaymentId).ConfigureAwait(false);
        }
        catch (Fair.PortOneApiException e) when (e.Error is Fair.PaymentNotFoundError)
        {
            return e.Error;
        }

        throw new InvalidOperationException("The canned 404 did not come back as PaymentNotFoundError.");
    }

    public async Task<PortOneError> SdkNotFoundAsync()
    {
        try
        {
            await SdkV2.Payments.GetAsync(MissingPaymentId).ConfigureAwait(false);
        }
        catch (PortOneApiException e) when (e.Error is PaymentNotFoundError)
        {
            return e.Error;
        }

        throw new InvalidOperationException("The canned 404 did not come back as PaymentNotFoundError.");
    }

    public void Dispose()
    {
        SdkV2.Dispose();
        SdkV1.Dispose();
        FairV2.Dispose();
        FairV1.Dispose();
    }
}

/// <summary>The scenario names the load mode takes (<c>--scenario</c>).</summary>
internal static class Scenarios
{
    public const string V2Get = "v2-get";
    public const string V2PayBillingKey = "v2-pay-billing-key";
    public const string V2SchedulePage = "v2-schedule-page";
    public const string V1Get = "v1-get";
    public const string V2NotFound = "v2-404";

    public static readonly string[] All = [V2Get, V2PayBillingKey, V2SchedulePage, V1Get, V2NotFound];
}
