using System.Net;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

public sealed class PaymentsClientTests : IDisposable
{
    private readonly V2TestServer _mock = new();

    public void Dispose() => _mock.Dispose();

    [Fact]
    public async Task PayWithBillingKey_posts_the_body_with_the_configured_store()
    {
        _mock.Stub("POST", "/payments/order-1001/billing-key", 200, """{ "payment": { "pgTxId": "pg-1", "paidAt": "2024-05-01T01:00:05Z" } }""");
        using var client = _mock.CreateClient();

        var result = await client.Payments.PayWithBillingKeyAsync("order-1001", new BillingKeyPaymentRequest
        {
            BillingKey = "billing-key-1",
            OrderName = "Monthly plan",
            Amount = new PaymentAmountInput { Total = 10000 },
            Currency = Currency.Krw,
            Customer = new CustomerInput { Id = "customer-1", BirthYear = "1990" },
            InstallmentMonth = 3,
        });

        Assert.Equal("pg-1", result.Payment.PgTxId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 1, 0, 5, TimeSpan.Zero), result.Payment.PaidAt);
        var request = _mock.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/payments/order-1001/billing-key", request.Path);
        Assert.Equal("PortOne " + V2TestServer.Secret, request.Headers!["Authorization"].Single());
        V2TestServer.JsonEqual(
            """
            {
              "storeId": "store-configured",
              "billingKey": "billing-key-1",
              "orderName": "Monthly plan",
              "customer": { "id": "customer-1", "birthYear": "1990" },
              "amount": { "total": 10000 },
              "currency": "KRW",
              "installmentMonth": 3
            }
            """,
            V2TestServer.Body(request));
    }

    [Fact]
    public async Task A_store_id_given_by_the_caller_wins_over_the_configured_one()
    {
        _mock.Stub("POST", "/payments/order-1/billing-key", 200, """{ "payment": { "pgTxId": "pg-1", "paidAt": "2024-05-01T01:00:05Z" } }""");
        using var client = _mock.CreateClient();

        await client.Payments.PayWithBillingKeyAsync("order-1", new BillingKeyPaymentRequest
        {
            StoreId = "store-own",
            BillingKey = "billing-key-1",
            OrderName = "Plan",
            Amount = new PaymentAmountInput { Total = 1 },
            Currency = Currency.Krw,
        });

        Assert.Equal("store-own", V2TestServer.Body(_mock.Single())["storeId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_configured_store_no_store_id_is_sent()
    {
        _mock.Stub("POST", "/payments/order-1/billing-key", 200, """{ "payment": { "pgTxId": "pg-1", "paidAt": "2024-05-01T01:00:05Z" } }""");
        using var client = _mock.CreateClient(storeId: null);

        await client.Payments.PayWithBillingKeyAsync("order-1", new BillingKeyPaymentRequest
        {
            BillingKey = "billing-key-1",
            OrderName = "Plan",
            Amount = new PaymentAmountInput { Total = 1 },
            Currency = Currency.Krw,
        });

        Assert.Null(V2TestServer.Body(_mock.Single())["storeId"]);
    }

    [Fact]
    public async Task PayInstantly_by_card_sends_only_the_card_alternative()
    {
        _mock.Stub("POST", "/payments/order-7/instant", 200, """{ "payment": { "pgTxId": "pg-7", "paidAt": "2024-05-01T01:00:05Z" } }""");
        using var client = _mock.CreateClient();

        var result = await client.Payments.PayInstantlyAsync("order-7", new InstantPaymentRequest
        {
            ChannelKey = "channel-key-1",
            Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = "4242424242424242", ExpiryYear = "29", ExpiryMonth = "12" },
                InstallmentMonth = 0,
            }),
            OrderName = "One-off",
            Amount = new PaymentAmountInput { Total = 5000, TaxFree = 1000 },
            Currency = Currency.Krw,
        });

        Assert.Equal("pg-7", result.Payment.PgTxId);
        var request = _mock.Single();
        Assert.Equal("/payments/order-7/instant", request.Path);
        V2TestServer.JsonEqual(
            """
            {
              "storeId": "store-configured",
              "channelKey": "channel-key-1",
              "method": { "card": { "credential": { "number": "4242424242424242", "expiryYear": "29", "expiryMonth": "12" }, "installmentMonth": 0 } },
              "orderName": "One-off",
              "amount": { "total": 5000, "taxFree": 1000 },
              "currency": "KRW"
            }
            """,
            V2TestServer.Body(request));
    }

    [Fact]
    public async Task PayInstantly_by_virtual_account_sends_only_the_virtual_account_alternative()
    {
        _mock.Stub("POST", "/payments/order-8/instant", 200, """{ "payment": { "pgTxId": "pg-8", "paidAt": "2024-05-01T01:00:05Z" } }""");
        using var client = _mock.CreateClient();

        await client.Payments.PayInstantlyAsync("order-8", new InstantPaymentRequest
        {
            Method = InstantPaymentMethodInput.VirtualAccount(new InstantPaymentMethodInputVirtualAccount
            {
                Bank = Bank.Kookmin,
                Expiry = InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(24),
                Option = new InstantPaymentMethodInputVirtualAccountOption { Type = InstantPaymentMethodInputVirtualAccountOptionType.Normal },
                RemitteeName = "Shop",
            }),
            OrderName = "Deposit",
            Amount = new PaymentAmountInput { Total = 20000 },
            Currency = Currency.Krw,
        });

        V2TestServer.JsonEqual(
            """{ "virtualAccount": { "bank": "KOOKMIN", "expiry": { "validHours": 24 }, "option": { "type": "NORMAL" }, "remitteeName": "Shop" } }""",
            V2TestServer.Body(_mock.Single())["method"]);
    }

    [Fact]
    public async Task Get_escapes_the_payment_id_and_passes_the_store_as_query()
    {
        _mock.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .AtPriority(100)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(V2Samples.PaidPayment));
        using var client = _mock.CreateClient();

        var payment = await client.Payments.GetAsync("order/1 a");

        var request = _mock.Single();
        Assert.Equal("GET", request.Method);
        // The slash inside the id is escaped, so it stays one path segment.
        Assert.Contains("/payments/order%2F1", request.AbsoluteUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("order/1", request.AbsoluteUrl, StringComparison.Ordinal);
        Assert.Equal("store-configured", V2TestServer.Query(request)["storeId"]);
        Assert.IsType<PaidPayment>(payment);
    }

    [Fact]
    public async Task Get_decodes_a_paid_payment_with_nested_unions()
    {
        _mock.Stub("GET", "/payments/order-1001", 200, V2Samples.PaidPayment);
        using var client = _mock.CreateClient();

        var payment = await client.Payments.GetAsync("order-1001");

        var paid = Assert.IsType<PaidPayment>(payment);
        Assert.Equal("PAID", paid.Status);
        Assert.Equal("order-1001", paid.Id);
        Assert.Equal(10000L, paid.Amount.Total);
        Assert.Equal(909L, paid.Amount.Vat);
        Assert.Equal(Currency.Krw, paid.Currency);
        Assert.Equal(PgProvider.Tosspayments, paid.Channel.PgProvider);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 1, 0, 0, TimeSpan.Zero), paid.RequestedAt);
        var card = Assert.IsType<PaymentMethodCard>(paid.Method);
        Assert.Equal(CardBrand.Visa, card.Card!.Brand);
        Assert.Equal(0, card.Installment!.Month);
        var address = Assert.IsType<OneLineAddress>(paid.Customer.Address);
        Assert.Equal("Seoul", address.OneLine);
        Assert.Empty(paid.Disputes);
    }

    [Fact]
    public async Task ListPage_sends_page_and_filter_as_the_requestBody_query()
    {
        _mock.Stub("GET", "/payments", 200, V2Samples.Page(V2Samples.PaidPayment, 2, 5, 11));
        using var client = _mock.CreateClient();

        var page = await client.Payments.ListPageAsync(new GetPaymentsRequest
        {
            Page = new PageInput { Number = 2, Size = 5 },
            Filter = new PaymentFilterInput
            {
                Status = [PaymentStatus.Paid, PaymentStatus.Cancelled],
                From = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            },
        });

        Assert.IsType<PaidPayment>(Assert.Single(page.Items));
        Assert.Equal(11, page.Page.TotalCount);
        var request = _mock.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/payments", request.Path);
        Assert.True(string.IsNullOrEmpty(request.Body));
        V2TestServer.JsonEqual(
            """
            {
              "page": { "number": 2, "size": 5 },
              "filter": { "storeId": "store-configured", "from": "2024-01-01T00:00:00+00:00", "status": ["PAID", "CANCELLED"] }
            }
            """,
            V2TestServer.RequestBodyQuery(request));
    }

    [Fact]
    public async Task ListAsync_walks_pages_until_a_short_one()
    {
        var item = V2Samples.PaidPayment;
        _mock.StubPage("/payments", 0, V2Samples.Page(item + "," + item, 0, 2, 3));
        _mock.StubPage("/payments", 1, V2Samples.Page(item, 1, 2, 3));
        using var client = _mock.CreateClient();

        var all = new List<Payment>();
        await foreach (var payment in client.Payments.ListAsync(new GetPaymentsRequest { Page = new PageInput { Size = 2 } }))
        {
            all.Add(payment);
        }

        Assert.Equal(3, all.Count);
        var requests = _mock.Server.LogEntries.Select(e => V2TestServer.RequestBodyQuery(e.RequestMessage)["page"]!.ToJsonString()).ToList();
        Assert.Equal(["{\"number\":0,\"size\":2}", "{\"number\":1,\"size\":2}"], requests);
    }

    [Fact]
    public async Task ListAsync_stops_when_cancelled()
    {
        _mock.Stub("GET", "/payments", 200, V2Samples.Page(V2Samples.PaidPayment, 0, 1, 100));
        using var client = _mock.CreateClient();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var payment in client.Payments.ListAsync(filter: null, cts.Token))
            {
                cts.Cancel();
            }
        });

        Assert.Single(_mock.Server.LogEntries);
    }

    [Fact]
    public async Task Cancel_partial_sends_amount_and_reason()
    {
        _mock.Stub("POST", "/payments/order-1001/cancel", 200, """
            { "cancellation": { "totalAmount": 3000, "taxFreeAmount": 0, "vatAmount": 273, "status": "SUCCEEDED", "id": "c-1", "reason": "size", "requestedAt": "2024-05-02T00:00:00Z", "cancelledAt": "2024-05-02T00:00:01Z" } }
            """);
        using var client = _mock.CreateClient();

        var result = await client.Payments.CancelAsync("order-1001", new CancelPaymentRequest { Reason = "size", Amount = 3000, CurrentCancellableAmount = 10000 });

        var succeeded = Assert.IsType<SucceededPaymentCancellation>(result.Cancellation);
        Assert.Equal(3000L, succeeded.TotalAmount);
        V2TestServer.JsonEqual(
            """{ "storeId": "store-configured", "amount": 3000, "reason": "size", "currentCancellableAmount": 10000 }""",
            V2TestServer.Body(_mock.Single()));
    }

    [Fact]
    public async Task Cancel_full_leaves_the_amount_out()
    {
        _mock.Stub("POST", "/payments/order-1001/cancel", 200, """
            { "cancellation": { "status": "REQUESTED", "id": "c-2", "totalAmount": 10000, "taxFreeAmount": 0, "vatAmount": 909, "reason": "refund", "requestedAt": "2024-05-02T00:00:00Z" } }
            """);
        using var client = _mock.CreateClient(storeId: null);

        var result = await client.Payments.CancelAsync("order-1001", new CancelPaymentRequest { Reason = "refund", Requester = CancelRequester.Customer });

        Assert.IsType<RequestedPaymentCancellation>(result.Cancellation);
        V2TestServer.JsonEqual("""{ "reason": "refund", "requester": "CUSTOMER" }""", V2TestServer.Body(_mock.Single()));
    }

    [Fact]
    public async Task Cancel_is_not_retried_after_a_server_error()
    {
        _mock.Stub("POST", "/payments/order-1001/cancel", 503, """{ "type": "SOMETHING_TEMPORARY" }""");
        using var client = _mock.CreateClient(configure: o => o.Retry = new PortOneRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.Zero });

        // Without CurrentCancellableAmount a lookup cannot tell whether the refund landed: outcome unknown, sent once.
        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => client.Payments.CancelAsync("order-1001", new CancelPaymentRequest { Reason = "x" }));

        Assert.IsType<PortOneApiException>(ex.InnerException);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Single(_mock.Server.LogEntries);
    }

    [Fact]
    public async Task Get_is_retried_after_a_server_error()
    {
        _mock.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/payments/p-1").UsingGet())
            .InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503).WithBody("""{ "type": "UNAVAILABLE" }"""));
        _mock.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/payments/p-1").UsingGet())
            .InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(V2Samples.PaidPayment));
        using var client = _mock.CreateClient(configure: o => o.Retry = new PortOneRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.Zero });

        var payment = await client.Payments.GetAsync("p-1");

        Assert.IsType<PaidPayment>(payment);
        Assert.Equal(2, _mock.Server.LogEntries.Count());
    }

    [Fact]
    public async Task RegisterStoreReceipt_posts_the_items()
    {
        _mock.Stub("POST", "/payments/order-1001/register-store-receipt", 200, """{ "receiptUrl": "https://receipt.example/2" }""");
        using var client = _mock.CreateClient();

        var result = await client.Payments.RegisterStoreReceiptAsync("order-1001", new RegisterStoreReceiptRequest
        {
            Items =
            [
                new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1234567890", StoreName = "Sub store", TotalAmount = 10000, Currency = Currency.Krw },
            ],
        });

        Assert.Equal("https://receipt.example/2", result.ReceiptUrl);
        V2TestServer.JsonEqual(
            """{ "storeId": "store-configured", "items": [ { "storeBusinessRegistrationNumber": "1234567890", "storeName": "Sub store", "totalAmount": 10000, "currency": "KRW" } ] }""",
            V2TestServer.Body(_mock.Single()));
    }

    [Fact]
    public async Task Invalid_input_is_refused_before_anything_is_sent()
    {
        using var client = _mock.CreateClient();
        var valid = new BillingKeyPaymentRequest { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 1 }, Currency = Currency.Krw };

        await Assert.ThrowsAsync<ArgumentException>("paymentId", () => client.Payments.PayWithBillingKeyAsync(" ", valid));
        await Assert.ThrowsAsync<ArgumentNullException>("request", () => client.Payments.PayWithBillingKeyAsync("p", null!));
        var noKey = await Assert.ThrowsAsync<ArgumentException>("request", () => client.Payments.PayWithBillingKeyAsync("p", new BillingKeyPaymentRequest { BillingKey = "", OrderName = "o", Amount = new PaymentAmountInput { Total = 1 }, Currency = Currency.Krw }));
        Assert.Contains("BillingKey", noKey.Message, StringComparison.Ordinal);
        var noCurrency = await Assert.ThrowsAsync<ArgumentException>("request", () => client.Payments.PayWithBillingKeyAsync("p", new BillingKeyPaymentRequest { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 1 }, Currency = default }));
        Assert.Contains("Currency", noCurrency.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("request", () => client.Payments.PayWithBillingKeyAsync("p", new BillingKeyPaymentRequest { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = -1 }, Currency = Currency.Krw }));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.Payments.PayInstantlyAsync("p", new InstantPaymentRequest { Method = null!, OrderName = "o", Amount = new PaymentAmountInput { Total = 1 }, Currency = Currency.Krw }));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.Payments.CancelAsync("p", new CancelPaymentRequest { Reason = " " }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("request", () => client.Payments.CancelAsync("p", new CancelPaymentRequest { Reason = "r", Amount = -5 }));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.Payments.RegisterStoreReceiptAsync("p", new RegisterStoreReceiptRequest { Items = [] }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("request", () => client.Payments.ListPageAsync(new GetPaymentsRequest { Page = new PageInput { Size = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>("request", () => client.Payments.ListAsync(new GetPaymentsRequest { Page = new PageInput { Number = -1 } }));

        Assert.Empty(_mock.Server.LogEntries);
    }

    [Fact]
    public async Task A_refused_argument_comes_back_in_the_returned_task_as_from_an_async_method()
    {
        using var client = _mock.CreateClient();

        // The operations hand back the send's task without awaiting it; a refusal before the send must still be
        // a faulted task, not a throw from the call itself, so code that starts several calls and awaits them
        // later sees every failure in the same place.
        Task[] calls =
        [
            client.Payments.GetAsync(" "),
            client.Payments.ListPageAsync(new GetPaymentsRequest { Page = new PageInput { Size = 0 } }),
            client.Payments.CaptureAsync("p", null!),
            client.Payments.CloseVirtualAccountAsync(".."),
            client.BillingKeys.GetAsync(""),
            client.PaymentSchedules.GetAsync(" "),
        ];

        foreach (var call in calls)
        {
            Assert.True(call.IsFaulted);
            await Assert.ThrowsAnyAsync<ArgumentException>(() => call);
        }

        Assert.Empty(_mock.Server.LogEntries);
    }

    [Fact]
    public async Task A_zero_amount_is_refused_before_anything_is_sent_but_an_omitted_cancel_amount_still_cancels_everything()
    {
        _mock.Stub("POST", "/payments/p/cancel", 200, """{ "cancellation": { "status": "REQUESTED", "id": "c-1", "totalAmount": 1000, "taxFreeAmount": 0, "vatAmount": 0, "reason": "r", "requestedAt": "2024-05-01T00:00:00Z" } }""");
        using var client = _mock.CreateClient();
        var card = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = new CardCredential { Number = "4242424242424242", ExpiryYear = "29", ExpiryMonth = "12" } });

        var pay = await Assert.ThrowsAsync<ArgumentOutOfRangeException>("request", () => client.Payments.PayWithBillingKeyAsync("p", new BillingKeyPaymentRequest { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 0 }, Currency = Currency.Krw }));
        var instant = await Assert.ThrowsAsync<ArgumentOutOfRangeException>("request", () => client.Payments.PayInstantlyAsync("p", new InstantPaymentRequest { Method = card, OrderName = "o", Amount = new PaymentAmountInput { Total = 0 }, Currency = Currency.Krw }));
        var cancel = await Assert.ThrowsAsync<ArgumentOutOfRangeException>("request", () => client.Payments.CancelAsync("p", new CancelPaymentRequest { Reason = "r", Amount = 0 }));

        Assert.Contains("Amount.Total", pay.Message, StringComparison.Ordinal);
        Assert.Contains("Amount.Total", instant.Message, StringComparison.Ordinal);
        Assert.Contains("Amount", cancel.Message, StringComparison.Ordinal);
        Assert.Empty(_mock.Server.LogEntries);

        await client.Payments.CancelAsync("p", new CancelPaymentRequest { Reason = "r" });

        Assert.Null(V2TestServer.Body(_mock.Single())["amount"]);
    }

    [Fact]
    public void One_of_inputs_cannot_be_built_with_nothing_set()
    {
        Assert.Throws<ArgumentNullException>("card", () => InstantPaymentMethodInput.Card(null!));
        Assert.Throws<ArgumentNullException>("virtualAccount", () => InstantPaymentMethodInput.VirtualAccount(null!));
        var due = InstantPaymentMethodInputVirtualAccountExpiry.DueDate(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Null(due.AsValidHours);
        Assert.NotNull(due.AsDueDate);
        Assert.Null(typeof(InstantPaymentMethodInput).GetConstructor(Type.EmptyTypes));
    }

    [Fact]
    public void Secret_card_data_never_shows_in_ToString()
    {
        var credential = new CardCredential { Number = "4242424242424242", ExpiryYear = "29", ExpiryMonth = "12", PasswordTwoDigits = "00", BirthOrBusinessRegistrationNumber = "900101" };
        var customer = new CustomerInput { BirthYear = "1990", BirthMonth = "01", BirthDay = "01" };

        var text = credential + " " + customer + " " + InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = credential });

        Assert.DoesNotContain("4242", text, StringComparison.Ordinal);
        Assert.DoesNotContain("900101", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1990", text, StringComparison.Ordinal);
        Assert.Contains("(hidden)", text, StringComparison.Ordinal);
    }
}
