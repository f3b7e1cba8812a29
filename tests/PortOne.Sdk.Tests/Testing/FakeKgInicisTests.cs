using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>A channel in KG Inicis mode: each rule passes when followed and is refused as a PG error when broken.</summary>
public abstract class FakeKgInicisTests : IAsyncDisposable
{
    private const string Inicis = "channel-key-inicis";
    private const string Other = "channel-key-other";
    private readonly FakePortOne _fake = new();

    protected FakeKgInicisTests(bool loopback)
    {
        if (loopback)
        {
            _fake.StartLoopbackServer();
        }

        _fake.UseKgInicisRules(Inicis);
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static CustomerInput FullCustomer => new() { Name = CustomerNameInput.Full("Hong Gildong"), PhoneNumber = "01012345678", Email = "buyer@example.com" };

    private static InstantPaymentRequest CardPayment(string channelKey, CustomerInput? customer) => new()
    {
        ChannelKey = channelKey,
        OrderName = "Trainers",
        Amount = new PaymentAmountInput { Total = 10000 },
        Currency = Currency.Krw,
        Customer = customer,
        Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard
        {
            Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
        }),
    };

    private static IssueBillingKeyRequest Issue(string channelKey, CustomerInput? customer) => new()
    {
        ChannelKey = channelKey,
        Customer = customer,
        Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
        {
            Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
        }),
    };

    private static PgProviderError AssertPgRefusal(PortOneApiException ex, string pgCode)
    {
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        var error = Assert.IsType<PgProviderError>(ex.Error);
        Assert.Equal(pgCode, error.PgCode);
        return error;
    }

    [Fact]
    public async Task An_instant_payment_needs_the_customers_name_phone_and_email_on_that_channel_only()
    {
        var portone = _fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PayInstantlyAsync("kg-1", CardPayment(Inicis, new CustomerInput { Name = CustomerNameInput.Full("Hong Gildong") })));
        var error = AssertPgRefusal(ex, "KG-CUSTOMER");
        Assert.Contains("customer.phoneNumber", error.PgMessage, StringComparison.Ordinal);
        Assert.Contains("customer.email", error.PgMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("customer.name", error.PgMessage, StringComparison.Ordinal);
        Assert.IsType<PaymentNotFoundError>((await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.GetAsync("kg-1"))).Error);
        Assert.Empty(_fake.Charges);

        await portone.Payments.PayInstantlyAsync("kg-1", CardPayment(Inicis, FullCustomer));
        Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("kg-1"));

        var separated = new CustomerInput
        {
            Name = CustomerNameInput.Separated(new CustomerSeparatedName { First = "Gildong", Last = "Hong" }),
            PhoneNumber = "01012345678",
            Email = "buyer@example.com",
        };
        await portone.Payments.PayInstantlyAsync("kg-2", CardPayment(Inicis, separated));

        // Another channel keeps the ordinary rules.
        await portone.Payments.PayInstantlyAsync("kg-3", CardPayment(Other, customer: null));
        Assert.Equal(3, _fake.Charges.Count);
    }

    [Fact]
    public async Task A_billing_key_and_its_payments_need_the_customer_the_payment_inheriting_the_keys_channel()
    {
        var portone = _fake.CreateV2Client();

        var refused = await Assert.ThrowsAsync<PortOneApiException>(() => portone.BillingKeys.IssueAsync(Issue(Inicis, customer: null)));
        Assert.Contains("customer.name", AssertPgRefusal(refused, "KG-CUSTOMER").PgMessage, StringComparison.Ordinal);
        Assert.Empty(_fake.Webhooks);

        var billingKey = (await portone.BillingKeys.IssueAsync(Issue(Inicis, FullCustomer))).BillingKeyInfo.BillingKey;
        var charge = new BillingKeyPaymentRequest { BillingKey = billingKey, OrderName = "Monthly", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw };

        var noCustomer = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PayWithBillingKeyAsync("kg-4", charge));
        AssertPgRefusal(noCustomer, "KG-CUSTOMER");

        await portone.Payments.PayWithBillingKeyAsync("kg-4", new BillingKeyPaymentRequest
        {
            BillingKey = billingKey,
            OrderName = "Monthly",
            Amount = new PaymentAmountInput { Total = 9900 },
            Currency = Currency.Krw,
            Customer = FullCustomer,
        });
        Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("kg-4"));

        var otherKey = (await portone.BillingKeys.IssueAsync(Issue(Other, customer: null))).BillingKeyInfo.BillingKey;
        await portone.Payments.PayWithBillingKeyAsync("kg-5", new BillingKeyPaymentRequest { BillingKey = otherKey, OrderName = "Monthly", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw });
    }

    [Fact]
    public async Task A_schedule_that_breaks_the_rule_is_accepted_and_fails_when_it_runs()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = (await portone.BillingKeys.IssueAsync(Issue(Inicis, FullCustomer))).BillingKeyInfo.BillingKey;
        BillingKeyPaymentScheduleInput Input(CustomerInput? customer) => new()
        {
            BillingKey = billingKey, OrderName = "Monthly", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw, Customer = customer,
        };
        var due = _fake.Clock.GetUtcNow().AddDays(1);
        var bad = await portone.PaymentSchedules.CreateAsync("kg-6", new CreatePaymentScheduleRequest { Payment = Input(null), TimeToPay = due });
        var good = await portone.PaymentSchedules.CreateAsync("kg-7", new CreatePaymentScheduleRequest { Payment = Input(FullCustomer), TimeToPay = due });

        _fake.Clock.Advance(TimeSpan.FromDays(1));

        Assert.IsType<FailedPaymentSchedule>(await portone.PaymentSchedules.GetAsync(bad.Schedule.Id));
        var failed = Assert.IsType<FailedPayment>(await portone.Payments.GetAsync("kg-6"));
        Assert.Contains("KG Inicis", failed.Failure.Reason, StringComparison.Ordinal);
        Assert.IsType<SucceededPaymentSchedule>(await portone.PaymentSchedules.GetAsync(good.Schedule.Id));
        Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("kg-7"));
    }

    [Fact]
    public async Task Virtual_accounts_are_issued_only_as_fixed_ones_with_an_account_number()
    {
        var portone = _fake.CreateV2Client();
        InstantPaymentRequest Account(InstantPaymentMethodInputVirtualAccountOption option) => new()
        {
            ChannelKey = Inicis,
            OrderName = "Trainers",
            Amount = new PaymentAmountInput { Total = 10000 },
            Currency = Currency.Krw,
            Customer = FullCustomer,
            Method = InstantPaymentMethodInput.VirtualAccount(new InstantPaymentMethodInputVirtualAccount
            {
                Bank = Bank.Shinhan,
                Expiry = InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(24),
                Option = option,
            }),
        };

        var normal = await Assert.ThrowsAsync<PortOneApiException>(() =>
            portone.Payments.PayInstantlyAsync("kg-8", Account(new InstantPaymentMethodInputVirtualAccountOption { Type = InstantPaymentMethodInputVirtualAccountOptionType.Normal })));
        AssertPgRefusal(normal, "KG-VACCT-FIXED");

        var byPgAccountId = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PayInstantlyAsync("kg-8", Account(new InstantPaymentMethodInputVirtualAccountOption
        {
            Type = InstantPaymentMethodInputVirtualAccountOptionType.Fixed,
            Fixed = new InstantPaymentMethodInputVirtualAccountOptionFixed { PgAccountId = "acct-1" },
        })));
        AssertPgRefusal(byPgAccountId, "KG-VACCT-FIXED");

        await portone.Payments.PayInstantlyAsync("kg-8", Account(new InstantPaymentMethodInputVirtualAccountOption
        {
            Type = InstantPaymentMethodInputVirtualAccountOptionType.Fixed,
            Fixed = new InstantPaymentMethodInputVirtualAccountOptionFixed { AccountNumber = "56211100000001" },
        }));
        var issued = Assert.IsType<VirtualAccountIssuedPayment>(await portone.Payments.GetAsync("kg-8"));
        var account = Assert.IsType<PaymentMethodVirtualAccount>(issued.Method);
        Assert.Equal("56211100000001", account.AccountNumber);
        Assert.Equal(PaymentMethodVirtualAccountType.Fixed, account.AccountType);
    }

    [Theory]
    [InlineData("30", "12", HttpStatusCode.OK)]
    [InlineData("30", "01", HttpStatusCode.OK)]
    [InlineData("2030", "12", HttpStatusCode.BadGateway)]
    [InlineData("30", "1", HttpStatusCode.BadGateway)]
    [InlineData("30", "13", HttpStatusCode.BadGateway)]
    [InlineData("30", "00", HttpStatusCode.BadGateway)]
    [InlineData("3O", "12", HttpStatusCode.BadGateway)]
    public async Task The_card_expiry_must_be_two_digit_YY_and_MM(string year, string month, HttpStatusCode expected)
    {
        // The typed client refuses a malformed expiry before sending it, so this speaks plain HTTP like a backend in
        // another language would.
        using var http = _fake.V2LoopbackAddress is { } root
            ? new HttpClient { BaseAddress = root }
            : new HttpClient(_fake.CreateHandler()) { BaseAddress = FakePortOne.V2BaseAddress };
        var body = new JsonObject
        {
            ["channelKey"] = Inicis,
            ["customer"] = new JsonObject { ["name"] = new JsonObject { ["full"] = "Hong Gildong" }, ["phoneNumber"] = "01012345678", ["email"] = "buyer@example.com" },
            ["method"] = new JsonObject { ["card"] = new JsonObject { ["credential"] = new JsonObject { ["number"] = FakePortOne.TestCards.Success, ["expiryYear"] = year, ["expiryMonth"] = month } } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "billing-keys") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("PortOne", _fake.V2ApiSecret);

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("PG_PROVIDER", (string?)error["type"]);
            Assert.Equal("KG-CARD-EXPIRY", (string?)error["pgCode"]);
        }
    }
}

public sealed class FakeKgInicisTestsInMemory() : FakeKgInicisTests(loopback: false);

public sealed class FakeKgInicisTestsOverLoopback() : FakeKgInicisTests(loopback: true);
