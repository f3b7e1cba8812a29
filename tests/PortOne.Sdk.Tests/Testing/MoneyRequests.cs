using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>The V2 requests the fault and chaos tests send, with the fake's test card numbers.</summary>
internal static class MoneyRequests
{
    public static IssueBillingKeyRequest Card(string number) => new()
    {
        Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
        {
            Credential = new CardCredential { Number = number, ExpiryYear = "30", ExpiryMonth = "12" },
        }),
        ChannelKey = "channel-key-test",
    };

    public static BillingKeyPaymentRequest Charge(string billingKey, long amount) => new()
    {
        BillingKey = billingKey,
        OrderName = "Monthly plan",
        Amount = new PaymentAmountInput { Total = amount },
        Currency = Currency.Krw,
    };

    public static InstantPaymentRequest Instant(string number, long amount) => new()
    {
        ChannelKey = "channel-key-test",
        Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard
        {
            Credential = new CardCredential { Number = number, ExpiryYear = "30", ExpiryMonth = "12" },
        }),
        OrderName = "One-off",
        Amount = new PaymentAmountInput { Total = amount },
        Currency = Currency.Krw,
    };
}
