using System.Text.Json.Nodes;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

/// <summary>
/// Inputs PortOne or the PG refuses (issue 14): each bad one is refused before the network, so the server sees
/// nothing, and the nearest good one reaches the server.
/// </summary>
public sealed class InputRulesTests : IDisposable
{
    private const string InstantAnswer = """{ "payment": { "pgTxId": "pg-1", "paidAt": "2024-05-01T01:00:05Z" } }""";
    private const string IssueAnswer = """{ "billingKeyInfo": { "billingKey": "billing-key-9", "issuedAt": "2024-05-01T00:00:00Z", "channels": [] } }""";

    private readonly V2TestServer _mock = new();

    public void Dispose() => _mock.Dispose();

    private static CardCredential Card(string year = "30", string month = "12", string? birth = null, string? pin = null, string number = "4242424242424242") =>
        new() { Number = number, ExpiryYear = year, ExpiryMonth = month, BirthOrBusinessRegistrationNumber = birth, PasswordTwoDigits = pin };

    private static InstantPaymentRequest Instant(CardCredential? card = null, PaymentAmountInput? amount = null) => new()
    {
        Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = card ?? Card() }),
        OrderName = "Order",
        Amount = amount ?? new PaymentAmountInput { Total = 1000 },
        Currency = Currency.Krw,
    };

    private static IssueBillingKeyRequest Issue(CardCredential card) => new()
    {
        Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = card }),
    };

    private void AssertNothingSent() => Assert.Empty(_mock.Server.LogEntries);

    private void AssertSent(string path) => Assert.Equal(path, _mock.Single().Path);

    // ---- card credentials -------------------------------------------------------------------------------------

    public static TheoryData<string, string, string?, string?, string, string> BadCards => new()
    {
        // year, month, birth, pin, number, field named
        { "2030", "12", null, null, "4242424242424242", "ExpiryYear" },
        { "3", "12", null, null, "4242424242424242", "ExpiryYear" },
        { "3a", "12", null, null, "4242424242424242", "ExpiryYear" },
        { "30", "13", null, null, "4242424242424242", "ExpiryMonth" },
        { "30", "00", null, null, "4242424242424242", "ExpiryMonth" },
        { "30", "7", null, null, "4242424242424242", "ExpiryMonth" },
        { "30", "7a", null, null, "4242424242424242", "ExpiryMonth" },
        { "30", "12", "9001", null, "4242424242424242", "BirthOrBusinessRegistrationNumber" },
        { "30", "12", "901345", null, "4242424242424242", "BirthOrBusinessRegistrationNumber" },
        { "30", "12", "90010x", null, "4242424242424242", "BirthOrBusinessRegistrationNumber" },
        { "30", "12", "123456789", null, "4242424242424242", "BirthOrBusinessRegistrationNumber" },
        { "30", "12", "123-45-67890", null, "4242424242424242", "BirthOrBusinessRegistrationNumber" },
        { "30", "12", null, "7", "4242424242424242", "PasswordTwoDigits" },
        { "30", "12", null, "789", "4242424242424242", "PasswordTwoDigits" },
        { "30", "12", null, "a9", "4242424242424242", "PasswordTwoDigits" },
        { "30", "12", null, null, "4242-4242-4242-4242", "Number" },
        { "30", "12", null, null, "424242", "Number" },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task PayInstantly_refuses_a_card_in_the_wrong_form_before_sending(string year, string month, string? birth, string? pin, string number, string field)
    {
        _mock.Stub("POST", "/payments/order-1/instant", 200, InstantAnswer);
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Payments.PayInstantlyAsync("order-1", Instant(Card(year, month, birth, pin, number))));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Method.Card.Credential." + field, ex.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { year, month, birth, pin, number }.Where(v => v is { Length: >= 2 }))
        {
            Assert.DoesNotContain(secret!, ex.Message, StringComparison.Ordinal);
        }

        AssertNothingSent();
    }

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task IssueBillingKey_refuses_a_card_in_the_wrong_form_before_sending(string year, string month, string? birth, string? pin, string number, string field)
    {
        _mock.Stub("POST", "/billing-keys", 200, IssueAnswer);
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.BillingKeys.IssueAsync(Issue(Card(year, month, birth, pin, number))));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Method.Card.Credential." + field, ex.Message, StringComparison.Ordinal);
        AssertNothingSent();
    }

    [Theory]
    [InlineData("00", "01", null, null)]
    [InlineData("99", "12", "900101", "00")]
    [InlineData("30", "09", "000229", "12")]
    [InlineData("30", "10", "1234567890", null)]
    public async Task Cards_in_the_right_form_reach_the_server(string year, string month, string? birth, string? pin)
    {
        _mock.Stub("POST", "/payments/order-1/instant", 200, InstantAnswer);
        _mock.Stub("POST", "/billing-keys", 200, IssueAnswer);
        using var client = _mock.CreateClient();

        await client.Payments.PayInstantlyAsync("order-1", Instant(Card(year, month, birth, pin)));
        await client.BillingKeys.IssueAsync(Issue(Card(year, month, birth, pin)));

        var paths = _mock.Server.LogEntries.Select(e => e.RequestMessage.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/billing-keys", "/payments/order-1/instant"], paths);
    }

    // ---- amounts: tax free plus VAT within the total ----------------------------------------------------------

    private static readonly PaymentAmountInput TooMuch = new() { Total = 1000, TaxFree = 600, Vat = 500 };
    private static readonly PaymentAmountInput Exact = new() { Total = 1000, TaxFree = 500, Vat = 500 };

    private static BillingKeyPaymentRequest ByKey(PaymentAmountInput amount) =>
        new() { BillingKey = "billing-key-1", OrderName = "Order", Amount = amount, Currency = Currency.Krw };

    [Fact]
    public async Task PayWithBillingKey_refuses_tax_free_plus_vat_above_the_total()
    {
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Payments.PayWithBillingKeyAsync("order-1", ByKey(TooMuch)));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Amount.TaxFree plus Amount.Vat must not exceed Amount.Total", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();
    }

    [Fact]
    public async Task PayWithBillingKey_sends_tax_free_plus_vat_equal_to_the_total()
    {
        _mock.Stub("POST", "/payments/order-1/billing-key", 200, InstantAnswer);
        using var client = _mock.CreateClient();

        await client.Payments.PayWithBillingKeyAsync("order-1", ByKey(Exact));

        AssertSent("/payments/order-1/billing-key");
    }

    [Fact]
    public async Task PayInstantly_refuses_tax_free_plus_vat_above_the_total_and_sends_an_exact_one()
    {
        _mock.Stub("POST", "/payments/order-1/instant", 200, InstantAnswer);
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Payments.PayInstantlyAsync("order-1", Instant(amount: TooMuch)));
        Assert.Contains("Amount.TaxFree plus Amount.Vat", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();

        await client.Payments.PayInstantlyAsync("order-1", Instant(amount: Exact));
        AssertSent("/payments/order-1/instant");
    }

    [Fact]
    public async Task CreateSchedule_refuses_tax_free_plus_vat_above_the_total_and_sends_an_exact_one()
    {
        _mock.Stub("POST", "/payments/order-1/schedule", 200, """{ "schedule": { "id": "schedule-1" } }""");
        using var client = _mock.CreateClient();
        CreatePaymentScheduleRequest Schedule(PaymentAmountInput amount) => new()
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = "billing-key-1", OrderName = "Order", Amount = amount, Currency = Currency.Krw },
            TimeToPay = new DateTimeOffset(2030, 6, 1, 9, 0, 0, TimeSpan.Zero),
        };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.PaymentSchedules.CreateAsync("order-1", Schedule(TooMuch)));
        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Payment.Amount.TaxFree plus Payment.Amount.Vat must not exceed Payment.Amount.Total", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();

        await client.PaymentSchedules.CreateAsync("order-1", Schedule(Exact));
        AssertSent("/payments/order-1/schedule");
    }

    [Fact]
    public async Task Cancel_refuses_parts_above_the_cancelled_amount_and_sends_parts_that_fit()
    {
        _mock.Stub("POST", "/payments/order-1/cancel", 200, """{ "cancellation": { "status": "REQUESTED", "id": "c-1", "totalAmount": 1000, "taxFreeAmount": 500, "vatAmount": 500, "reason": "r", "requestedAt": "2024-05-01T00:00:00Z" } }""");
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Payments.CancelAsync("order-1", new CancelPaymentRequest { Reason = "r", Amount = 1000, TaxFreeAmount = 600, VatAmount = 500 }));
        Assert.Equal("request", ex.ParamName);
        Assert.Contains("TaxFreeAmount plus VatAmount must not exceed Amount", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();

        await client.Payments.CancelAsync("order-1", new CancelPaymentRequest { Reason = "r", Amount = 1000, TaxFreeAmount = 500, VatAmount = 500 });
        AssertSent("/payments/order-1/cancel");
    }

    [Fact]
    public async Task RegisterStoreReceipt_refuses_an_item_whose_parts_exceed_its_total_and_sends_one_that_fits()
    {
        _mock.Stub("POST", "/payments/order-1/register-store-receipt", 200, """{ "receiptUrl": "https://receipt.example/1" }""");
        using var client = _mock.CreateClient();
        RegisterStoreReceiptRequest Receipt(long taxFree) => new()
        {
            Items =
            [
                new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1234567890", StoreName = "A", TotalAmount = 1000, TaxFreeAmount = 0, VatAmount = 91, SupplyAmount = 909, Currency = Currency.Krw },
                new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1234567890", StoreName = "B", TotalAmount = 1000, TaxFreeAmount = taxFree, VatAmount = 500, SupplyAmount = 500, Currency = Currency.Krw },
            ],
        };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Payments.RegisterStoreReceiptAsync("order-1", Receipt(taxFree: 600)));
        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Items[1].TaxFreeAmount plus Items[1].VatAmount must not exceed Items[1].TotalAmount", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();

        await client.Payments.RegisterStoreReceiptAsync("order-1", Receipt(taxFree: 500));
        AssertSent("/payments/order-1/register-store-receipt");
    }

    [Fact]
    public async Task Generated_operations_check_the_amount_too()
    {
        _mock.Stub("POST", "/cash-receipts", 200, """{ "cashReceipt": { "issueNumber": "n", "url": "u", "pgReceiptId": "p" } }""");
        using var client = _mock.CreateClient();
        IssueCashReceiptRequest Receipt(PaymentAmountInput amount) => new()
        {
            PaymentId = "order-1",
            ChannelKey = "channel-1",
            Type = new CashReceiptType("PERSONAL"),
            OrderName = "Order",
            Currency = Currency.Krw,
            Amount = amount,
            Customer = new IssueCashReceiptCustomerInput { IdentityNumber = "01000000000" },
        };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.CashReceipts.IssueAsync(Receipt(TooMuch)));
        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Amount.TaxFree plus Amount.Vat", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();

        await client.CashReceipts.IssueAsync(Receipt(Exact));
        AssertSent("/cash-receipts");
    }

    [Fact]
    public async Task A_negative_vat_is_refused_before_sending()
    {
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Payments.PayWithBillingKeyAsync("order-1", ByKey(new PaymentAmountInput { Total = 1000, Vat = -1 })));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Amount.Vat must not be negative", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();
    }

    // ---- a transfer filter takes one of its two date ranges ------------------------------------------------------

    [Fact]
    public async Task A_transfer_filter_with_both_settlement_ranges_is_refused_and_one_with_one_range_is_sent()
    {
        _mock.Stub("GET", "/platform/transfer-summaries", 200, """{ "transferSummaries": [], "page": { "number": 0, "size": 10, "totalCount": 0 } }""");
        using var client = _mock.CreateClient();
        var range = new DateRange { From = "2030-01-01", Until = "2030-01-31" };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Platform.Transfers.ListSummariesPageAsync(new Sdk.V2.Platform.GetPlatformTransferSummariesRequest
        {
            Filter = new Sdk.V2.Platform.PlatformTransferFilterInput { SettlementStartDateRange = range, SettlementDateRange = range },
        }));
        Assert.Equal("request", ex.ParamName);
        Assert.Contains("Filter.SettlementStartDateRange or Filter.SettlementDateRange, not both", ex.Message, StringComparison.Ordinal);
        AssertNothingSent();

        await client.Platform.Transfers.ListSummariesPageAsync(new Sdk.V2.Platform.GetPlatformTransferSummariesRequest
        {
            Filter = new Sdk.V2.Platform.PlatformTransferFilterInput { SettlementDateRange = range },
        });
        AssertSent("/platform/transfer-summaries");
    }

    // ---- customer name: exactly one form ----------------------------------------------------------------------

    [Fact]
    public void CustomerNameInput_can_only_be_built_with_one_form()
    {
        Assert.Empty(typeof(CustomerNameInput).GetConstructors());
        Assert.Throws<ArgumentNullException>(() => CustomerNameInput.Full(null!));
        Assert.Throws<ArgumentNullException>(() => CustomerNameInput.Separated(null!));
    }

    [Fact]
    public async Task A_customer_name_is_sent_in_exactly_one_form()
    {
        _mock.Stub("POST", "/payments/order-1/billing-key", 200, InstantAnswer);
        _mock.Stub("POST", "/payments/order-2/billing-key", 200, InstantAnswer);
        using var client = _mock.CreateClient();
        BillingKeyPaymentRequest Named(CustomerNameInput name) => new()
        {
            BillingKey = "billing-key-1",
            OrderName = "Order",
            Amount = new PaymentAmountInput { Total = 1000 },
            Currency = Currency.Krw,
            Customer = new CustomerInput { Name = name, PhoneNumber = "01012345678", Email = "buyer@example.com" },
        };

        await client.Payments.PayWithBillingKeyAsync("order-1", Named(CustomerNameInput.Full("Hong Gildong")));
        await client.Payments.PayWithBillingKeyAsync("order-2", Named(CustomerNameInput.Separated(new CustomerSeparatedName { First = "Gildong", Last = "Hong" })));

        Assert.Equal(2, _mock.Server.LogEntries.Count());
        JsonNode? NameSentTo(string path) => V2TestServer.Body(_mock.Server.LogEntries.Single(e => e.RequestMessage.Path == path).RequestMessage)["customer"]!["name"];
        V2TestServer.JsonEqual("""{ "full": "Hong Gildong" }""", NameSentTo("/payments/order-1/billing-key"));
        V2TestServer.JsonEqual("""{ "separated": { "first": "Gildong", "last": "Hong" } }""", NameSentTo("/payments/order-2/billing-key"));
    }
}
