using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Samples.Subscriptions;

internal static class V2Subscription
{
    public static async Task RunAsync(PortOneV2Client portone, FakePortOneClock clock)
    {
        // 1. Issue a billing key from card data (most integrations get it from the browser SDK instead).
        var issued = await portone.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
            ChannelKey = "channel-key-from-the-console",
        });
        var billingKey = issued.BillingKeyInfo.BillingKey;
        Console.WriteLine("Billing key issued.");

        // 2. Charge the first month. The payment id is ours; PortOne refuses a second payment with the same id,
        //    which is what makes a careful retry after a time-out safe.
        await portone.Payments.PayWithBillingKeyAsync("order-2025-01", Monthly(billingKey, "January"));
        Console.WriteLine($"January: {Describe(await portone.Payments.GetAsync("order-2025-01"))}");

        try
        {
            await portone.Payments.PayWithBillingKeyAsync("order-2025-01", Monthly(billingKey, "January"));
        }
        catch (PortOneApiException ex) when (ex.Error is AlreadyPaidError)
        {
            Console.WriteLine("Paying January again was refused: already paid (no double charge).");
        }

        // 3. Schedule February; PortOne runs it on the day.
        var due = clock.GetUtcNow().AddMonths(1);
        var created = await portone.PaymentSchedules.CreateAsync("order-2025-02", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput
            {
                BillingKey = billingKey,
                OrderName = "Monthly plan (February)",
                Amount = new PaymentAmountInput { Total = 9900 },
                Currency = Currency.Krw,
            },
            TimeToPay = due,
        });
        Console.WriteLine($"February scheduled for {due:yyyy-MM-dd}.");

        // 4. A month passes on the fake's clock: the schedule runs and PortOne would send webhooks.
        clock.Advance(TimeSpan.FromDays(31));
        var schedule = await portone.PaymentSchedules.GetAsync(created.Schedule.Id);
        var scheduleState = schedule switch
        {
            SucceededPaymentSchedule s => $"succeeded at {s.CompletedAt:yyyy-MM-dd}",
            FailedPaymentSchedule s => $"failed at {s.CompletedAt:yyyy-MM-dd}",
            UnknownPaymentSchedule u => $"in a state this SDK does not know yet: {u.Status}",
            _ => schedule.Status,
        };
        Console.WriteLine($"February schedule {scheduleState}; payment: {Describe(await portone.Payments.GetAsync("order-2025-02"))}");

        // 5. Refund part of January, telling PortOne how much we believe is still refundable.
        await portone.Payments.CancelAsync("order-2025-01", new CancelPaymentRequest
        {
            Amount = 1900,
            Reason = "Pro-rated refund",
            CurrentCancellableAmount = 9900,
        });
        Console.WriteLine($"January after refund: {Describe(await portone.Payments.GetAsync("order-2025-01"))}");
    }

    private static BillingKeyPaymentRequest Monthly(string billingKey, string month) => new()
    {
        BillingKey = billingKey,
        OrderName = $"Monthly plan ({month})",
        Amount = new PaymentAmountInput { Total = 9900 },
        Currency = Currency.Krw,
    };

    // Every payment state is its own type; the compiler-visible Unknown case keeps future states from breaking us.
    private static string Describe(Payment payment) => payment switch
    {
        PaidPayment p => $"paid {p.Amount.Total} {p.Currency} at {p.PaidAt:yyyy-MM-dd}",
        PartialCancelledPayment p => $"{p.Amount.Cancelled} of {p.Amount.Total} refunded",
        CancelledPayment p => $"fully refunded ({p.Amount.Total})",
        FailedPayment p => $"failed: {p.Failure.Reason}",
        UnknownPayment u => $"in a state this SDK does not know yet: {u.Status}",
        _ => payment.Status,
    };
}
