using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2.Generated;

/// <summary>Calls of the operations whose client methods are hand-written (the generator writes the others' calls).</summary>
public static class V2HandCalls
{
    private static readonly Dictionary<string, Func<PortOneV2Client, string, Task>> Calls = new(StringComparer.Ordinal)
    {
        ["loginViaApiSecret"] = (c, _) => c.Auth.LoginViaApiSecretAsync(new LoginViaApiSecretBody { ApiSecret = "secret" }),
        ["refreshToken"] = (c, _) => c.Auth.RefreshTokenAsync(new RefreshTokenBody { RefreshToken = "refresh" }),
        ["issueBillingKey"] = (c, _) => c.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
        }),
        ["getBillingKeyInfo"] = (c, id) => c.BillingKeys.GetAsync(id),
        ["getBillingKeyInfos"] = (c, _) => c.BillingKeys.ListPageAsync(),
        ["deleteBillingKey"] = (c, id) => c.BillingKeys.DeleteAsync(id),
        ["payWithBillingKey"] = (c, id) => c.Payments.PayWithBillingKeyAsync(id, new BillingKeyPaymentRequest { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw }),
        ["payInstantly"] = (c, id) => c.Payments.PayInstantlyAsync(id, new InstantPaymentRequest
        {
            Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
            OrderName = "o",
            Amount = new PaymentAmountInput { Total = 100 },
            Currency = Currency.Krw,
        }),
        ["getPayment"] = (c, id) => c.Payments.GetAsync(id),
        ["getPayments"] = (c, _) => c.Payments.ListPageAsync(),
        ["cancelPayment"] = (c, id) => c.Payments.CancelAsync(id, new CancelPaymentRequest { Reason = "r" }),
        ["registerStoreReceipt"] = (c, id) => c.Payments.RegisterStoreReceiptAsync(id, new RegisterStoreReceiptRequest
        {
            Items = [new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1", StoreName = "s", TotalAmount = 1, Currency = Currency.Krw }],
        }),
        ["createPaymentSchedule"] = (c, id) => c.PaymentSchedules.CreateAsync(id, new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw },
            TimeToPay = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }),
        ["getPaymentSchedule"] = (c, id) => c.PaymentSchedules.GetAsync(id),
        ["getPaymentSchedules"] = (c, _) => c.PaymentSchedules.ListPageAsync(),
        ["revokePaymentSchedules"] = (c, _) => c.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { BillingKey = "bk" }),
    };

    public static IEnumerable<string> OperationIds => Calls.Keys;

    public static Func<PortOneV2Client, string, Task> For(string operationId) =>
        Calls.TryGetValue(operationId, out var call) ? call : throw new InvalidOperationException($"{operationId} has neither a generated nor a hand-written call");
}
