using System.Net;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

/// <summary>Every error case each operation lists in the spec decodes to its own type, through the real operation.</summary>
public sealed class ErrorDecodingTests : IDisposable
{
    private static readonly Dictionary<string, (string Method, string Path, Func<PortOneV2Client, Task> Call)> Operations = new()
    {
        ["issueBillingKey"] = ("POST", "/billing-keys", c => c.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
        })),
        ["getBillingKeyInfo"] = ("GET", "/billing-keys/bk-1", c => c.BillingKeys.GetAsync("bk-1")),
        ["getBillingKeyInfos"] = ("GET", "/billing-keys", c => c.BillingKeys.ListPageAsync()),
        ["deleteBillingKey"] = ("DELETE", "/billing-keys/bk-1", c => c.BillingKeys.DeleteAsync("bk-1")),
        ["payWithBillingKey"] = ("POST", "/payments/p-1/billing-key", c => c.Payments.PayWithBillingKeyAsync("p-1", new BillingKeyPaymentRequest
        {
            BillingKey = "bk-1", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw,
        })),
        ["payInstantly"] = ("POST", "/payments/p-1/instant", c => c.Payments.PayInstantlyAsync("p-1", new InstantPaymentRequest
        {
            Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
            OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw,
        })),
        ["getPayment"] = ("GET", "/payments/p-1", c => c.Payments.GetAsync("p-1")),
        ["getPayments"] = ("GET", "/payments", c => c.Payments.ListPageAsync()),
        ["cancelPayment"] = ("POST", "/payments/p-1/cancel", c => c.Payments.CancelAsync("p-1", new CancelPaymentRequest { Reason = "r" })),
        ["registerStoreReceipt"] = ("POST", "/payments/p-1/register-store-receipt", c => c.Payments.RegisterStoreReceiptAsync("p-1", new RegisterStoreReceiptRequest
        {
            Items = [new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1", StoreName = "s", TotalAmount = 1, Currency = Currency.Krw }],
        })),
        ["createPaymentSchedule"] = ("POST", "/payments/p-1/schedule", c => c.PaymentSchedules.CreateAsync("p-1", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = "bk-1", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw },
            TimeToPay = DateTimeOffset.UnixEpoch.AddYears(60),
        })),
        ["getPaymentSchedule"] = ("GET", "/payment-schedules/s-1", c => c.PaymentSchedules.GetAsync("s-1")),
        ["getPaymentSchedules"] = ("GET", "/payment-schedules", c => c.PaymentSchedules.ListPageAsync()),
        ["revokePaymentSchedules"] = ("DELETE", "/payment-schedules", c => c.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { BillingKey = "bk-1" })),
    };

    private readonly V2TestServer _mock = new();

    public void Dispose() => _mock.Dispose();

    // Copied from the spec: each operation's x-portone-error union (error type, case schema, HTTP status).
    public static TheoryData<string, string, Type, int> SpecErrorCases => new()
    {
        { "issueBillingKey", "CHANNEL_NOT_FOUND", typeof(ChannelNotFoundError), 404 },
        { "issueBillingKey", "CHANNEL_SPECIFIC", typeof(ChannelSpecificError), 502 },
        { "issueBillingKey", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "issueBillingKey", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "issueBillingKey", "PG_PROVIDER", typeof(PgProviderError), 502 },
        { "issueBillingKey", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "getBillingKeyInfo", "BILLING_KEY_NOT_FOUND", typeof(BillingKeyNotFoundError), 404 },
        { "getBillingKeyInfo", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "getBillingKeyInfo", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "getBillingKeyInfo", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "getBillingKeyInfos", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "getBillingKeyInfos", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "getBillingKeyInfos", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "deleteBillingKey", "BILLING_KEY_ALREADY_DELETED", typeof(BillingKeyAlreadyDeletedError), 409 },
        { "deleteBillingKey", "BILLING_KEY_NOT_FOUND", typeof(BillingKeyNotFoundError), 404 },
        { "deleteBillingKey", "BILLING_KEY_NOT_ISSUED", typeof(BillingKeyNotIssuedError), 404 },
        { "deleteBillingKey", "CHANNEL_SPECIFIC", typeof(ChannelSpecificError), 502 },
        { "deleteBillingKey", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "deleteBillingKey", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "deleteBillingKey", "PAYMENT_SCHEDULE_ALREADY_EXISTS", typeof(PaymentScheduleAlreadyExistsError), 409 },
        { "deleteBillingKey", "PG_PROVIDER", typeof(PgProviderError), 502 },
        { "deleteBillingKey", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "payWithBillingKey", "ALREADY_PAID", typeof(AlreadyPaidError), 409 },
        { "payWithBillingKey", "BILLING_KEY_ALREADY_DELETED", typeof(BillingKeyAlreadyDeletedError), 409 },
        { "payWithBillingKey", "BILLING_KEY_NOT_FOUND", typeof(BillingKeyNotFoundError), 404 },
        { "payWithBillingKey", "CHANNEL_NOT_FOUND", typeof(ChannelNotFoundError), 404 },
        { "payWithBillingKey", "DISCOUNT_AMOUNT_EXCEEDS_TOTAL_AMOUNT", typeof(DiscountAmountExceedsTotalAmountError), 400 },
        { "payWithBillingKey", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "payWithBillingKey", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "payWithBillingKey", "MAX_TRANSACTION_COUNT_REACHED", typeof(MaxTransactionCountReachedError), 400 },
        { "payWithBillingKey", "PAYMENT_SCHEDULE_ALREADY_EXISTS", typeof(PaymentScheduleAlreadyExistsError), 409 },
        { "payWithBillingKey", "PG_PROVIDER", typeof(PgProviderError), 502 },
        { "payWithBillingKey", "PROMOTION_PAY_METHOD_DOES_NOT_MATCH", typeof(PromotionPayMethodDoesNotMatchError), 400 },
        { "payWithBillingKey", "SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT", typeof(SumOfPartsExceedsTotalAmountError), 409 },
        { "payWithBillingKey", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "payInstantly", "ALREADY_PAID", typeof(AlreadyPaidError), 409 },
        { "payInstantly", "CHANNEL_NOT_FOUND", typeof(ChannelNotFoundError), 404 },
        { "payInstantly", "DISCOUNT_AMOUNT_EXCEEDS_TOTAL_AMOUNT", typeof(DiscountAmountExceedsTotalAmountError), 400 },
        { "payInstantly", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "payInstantly", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "payInstantly", "MAX_TRANSACTION_COUNT_REACHED", typeof(MaxTransactionCountReachedError), 400 },
        { "payInstantly", "PAYMENT_SCHEDULE_ALREADY_EXISTS", typeof(PaymentScheduleAlreadyExistsError), 409 },
        { "payInstantly", "PG_PROVIDER", typeof(PgProviderError), 502 },
        { "payInstantly", "PROMOTION_PAY_METHOD_DOES_NOT_MATCH", typeof(PromotionPayMethodDoesNotMatchError), 400 },
        { "payInstantly", "SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT", typeof(SumOfPartsExceedsTotalAmountError), 409 },
        { "payInstantly", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "getPayment", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "getPayment", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "getPayment", "PAYMENT_NOT_FOUND", typeof(PaymentNotFoundError), 404 },
        { "getPayment", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "getPayments", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "getPayments", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "getPayments", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "cancelPayment", "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN", typeof(CancellableAmountConsistencyBrokenError), 409 },
        { "cancelPayment", "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT", typeof(CancelAmountExceedsCancellableAmountError), 409 },
        { "cancelPayment", "CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT", typeof(CancelTaxAmountExceedsCancellableTaxAmountError), 409 },
        { "cancelPayment", "CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT", typeof(CancelTaxFreeAmountExceedsCancellableTaxFreeAmountError), 409 },
        { "cancelPayment", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "cancelPayment", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "cancelPayment", "MAX_CANCEL_COUNT_REACHED", typeof(MaxCancelCountReachedError), 409 },
        { "cancelPayment", "NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT", typeof(NegativePromotionAdjustedCancelAmountError), 400 },
        { "cancelPayment", "PAYMENT_ALREADY_CANCELLED", typeof(PaymentAlreadyCancelledError), 409 },
        { "cancelPayment", "PAYMENT_NOT_FOUND", typeof(PaymentNotFoundError), 404 },
        { "cancelPayment", "PAYMENT_NOT_PAID", typeof(PaymentNotPaidError), 409 },
        { "cancelPayment", "PG_PROVIDER", typeof(PgProviderError), 502 },
        { "cancelPayment", "PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED", typeof(PromotionDiscountRetainOptionShouldNotBeChangedError), 400 },
        { "cancelPayment", "SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT", typeof(SumOfPartsExceedsCancelAmountError), 409 },
        { "cancelPayment", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "registerStoreReceipt", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "registerStoreReceipt", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "registerStoreReceipt", "PAYMENT_NOT_FOUND", typeof(PaymentNotFoundError), 404 },
        { "registerStoreReceipt", "PAYMENT_NOT_PAID", typeof(PaymentNotPaidError), 409 },
        { "registerStoreReceipt", "PG_PROVIDER", typeof(PgProviderError), 502 },
        { "registerStoreReceipt", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "createPaymentSchedule", "ALREADY_PAID_OR_WAITING", typeof(AlreadyPaidOrWaitingError), 409 },
        { "createPaymentSchedule", "BILLING_KEY_ALREADY_DELETED", typeof(BillingKeyAlreadyDeletedError), 409 },
        { "createPaymentSchedule", "BILLING_KEY_NOT_FOUND", typeof(BillingKeyNotFoundError), 404 },
        { "createPaymentSchedule", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "createPaymentSchedule", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "createPaymentSchedule", "PAYMENT_SCHEDULE_ALREADY_EXISTS", typeof(PaymentScheduleAlreadyExistsError), 409 },
        { "createPaymentSchedule", "SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT", typeof(SumOfPartsExceedsTotalAmountError), 409 },
        { "createPaymentSchedule", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "getPaymentSchedule", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "getPaymentSchedule", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "getPaymentSchedule", "PAYMENT_SCHEDULE_NOT_FOUND", typeof(PaymentScheduleNotFoundError), 404 },
        { "getPaymentSchedule", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "getPaymentSchedules", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "getPaymentSchedules", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "getPaymentSchedules", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
        { "revokePaymentSchedules", "BILLING_KEY_ALREADY_DELETED", typeof(BillingKeyAlreadyDeletedError), 409 },
        { "revokePaymentSchedules", "BILLING_KEY_NOT_FOUND", typeof(BillingKeyNotFoundError), 404 },
        { "revokePaymentSchedules", "FORBIDDEN", typeof(ForbiddenError), 403 },
        { "revokePaymentSchedules", "INVALID_REQUEST", typeof(InvalidRequestError), 400 },
        { "revokePaymentSchedules", "PAYMENT_SCHEDULE_ALREADY_PROCESSED", typeof(PaymentScheduleAlreadyProcessedError), 409 },
        { "revokePaymentSchedules", "PAYMENT_SCHEDULE_ALREADY_REVOKED", typeof(PaymentScheduleAlreadyRevokedError), 409 },
        { "revokePaymentSchedules", "PAYMENT_SCHEDULE_NOT_FOUND", typeof(PaymentScheduleNotFoundError), 404 },
        { "revokePaymentSchedules", "UNAUTHORIZED", typeof(UnauthorizedError), 401 },
    };

    public static TheoryData<string> OperationNames => new(Operations.Keys);

    [Theory]
    [MemberData(nameof(SpecErrorCases))]
    public async Task Each_listed_error_decodes_to_its_own_type(string operation, string type, Type expected, int status)
    {
        var (method, path, call) = Operations[operation];
        // The type field stands last here; the decoder must find it anyway.
        var extra = type switch
        {
            "PG_PROVIDER" => "\"pgCode\": \"E-42\", \"pgMessage\": \"card declined\",",
            "CHANNEL_SPECIFIC" => "\"failures\": [ { \"type\": \"INVALID_REQUEST\", \"channel\": { \"type\": \"LIVE\", \"pgProvider\": \"KCP_V2\", \"pgMerchantId\": \"m\" } } ], \"succeededChannels\": [],",
            _ => string.Empty,
        };
        _mock.Stub(method, path, status, $$"""{ "message": "server says no", {{extra}} "type": "{{type}}" }""");
        if (type == "PAYMENT_SCHEDULE_ALREADY_EXISTS")
        {
            // The SDK searches for the existing schedule (it returns it when it is this one); here there is none of this call's.
            _mock.Stub("GET", "/payment-schedules", 200, """{ "items": [], "page": { "number": 0, "size": 100, "totalCount": 0 } }""");
        }

        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => call(client));

        Assert.IsType(expected, ex.Error);
        Assert.Equal(type, ex.Error.Type);
        Assert.Equal("server says no", ex.Error.Message);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Contains(type, ex.Message, StringComparison.Ordinal);
        if (ex.Error is PgProviderError pg)
        {
            Assert.Equal("E-42", pg.PgCode);
            Assert.Equal("card declined", pg.PgMessage);
        }

        if (ex.Error is ChannelSpecificError channelSpecific)
        {
            Assert.IsType<ChannelSpecificFailureInvalidRequest>(Assert.Single(channelSpecific.Failures));
        }
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task An_error_type_the_spec_does_not_list_is_kept_as_unknown(string operation)
    {
        var (method, path, call) = Operations[operation];
        _mock.Stub(method, path, 409, """{ "type": "BRAND_NEW_ERROR", "message": "new", "detail": { "x": 1 } }""");
        using var client = _mock.CreateClient();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => call(client));

        var unknown = Assert.IsType<UnknownPortOneError>(ex.Error);
        Assert.Equal("BRAND_NEW_ERROR", unknown.Type);
        Assert.Equal("new", unknown.Message);
        Assert.Equal(1, unknown.RawJson.GetProperty("detail").GetProperty("x").GetInt32());
        Assert.Contains("BRAND_NEW_ERROR", ex.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_covers_every_error_class_of_the_models()
    {
        // The hand-kept table above covers the first operations; the generated one covers every operation.
        var listed = SpecErrorCases.Select(row => ((Type)row[2]).Name)
            .Concat(PortOne.Sdk.Tests.V2.Generated.V2OperationCases.All.SelectMany(o => o.Errors).Select(e => e.ClassName))
            .ToHashSet();
        var errorTypes = typeof(PortOneError).Assembly.GetTypes()
            .Where(t => t.IsSealed && t.BaseType == typeof(PortOneError) && t != typeof(UnknownPortOneError))
            .ToList();

        Assert.True(errorTypes.Count > 150, $"{errorTypes.Count} error classes");
        Assert.DoesNotContain(errorTypes, t => !listed.Contains(t.Name));
    }

    [Fact]
    public async Task An_error_body_that_is_not_json_is_an_invalid_response()
    {
        _mock.Stub("GET", "/payments/p-1", 500, "<html>oops</html>");
        using var client = _mock.CreateClient();

        await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.Payments.GetAsync("p-1"));
    }
}
