using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.Samples.Subscriptions;

internal static class V1Subscription
{
    public static async Task RunAsync(PortOneV1Client iamport, FakePortOneClock clock)
    {
        const string customerUid = "customer-42";

        // 1. Register the card once; PortOne keeps it under our customer_uid (the billing key).
        await iamport.Customers.SaveAsync(customerUid, new SaveCustomerRequest
        {
            Card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
            ChannelKey = "channel-key-from-the-console",
            CustomerName = "Kim Portone",
        });
        Console.WriteLine($"Billing key saved for {customerUid}.");

        // 2. Charge the first month. code == 0 is not enough: the payment's status says whether money moved.
        var first = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest
        {
            CustomerUid = customerUid,
            MerchantUid = "order-2025-01",
            Amount = 9900m,
            Name = "Monthly plan (January)",
        });
        Console.WriteLine(first.IsPaid ? $"January paid: {first.Amount} {first.Currency} ({first.ImpUid})." : $"January declined: {first.FailReason}");

        // 3. Schedule February; PortOne charges it on the day, no cron job on our side.
        var due = clock.GetUtcNow().AddMonths(1);
        await iamport.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = customerUid,
            Schedules = [new ScheduleItem { MerchantUid = "order-2025-02", ScheduleAt = due, Amount = 9900m, Currency = "KRW", Name = "Monthly plan (February)" }],
        });
        Console.WriteLine($"February scheduled for {due:yyyy-MM-dd}.");

        // 4. A month passes (on the fake's clock); the schedule runs.
        clock.Advance(TimeSpan.FromDays(31));
        var schedule = await iamport.Subscriptions.GetScheduleAsync("order-2025-02");
        var february = await iamport.Payments.GetAsync(schedule.ImpUid!);
        Console.WriteLine($"February schedule {schedule.ScheduleStatus}; payment {february.Status} at {february.PaidAt:yyyy-MM-dd}.");

        // 5. Refund part of January. The checksum makes PortOne refuse if the refundable amount is not what we think.
        var refunded = await iamport.Payments.CancelAsync(new CancelPaymentRequest
        {
            ImpUid = first.ImpUid,
            Amount = V1CancelAmount.Partial(1900m),
            Checksum = first.RefundableAmount,
            Reason = "Pro-rated refund",
        });
        Console.WriteLine($"Refunded {refunded.CancelAmount} of {refunded.Amount}; {refunded.RefundableAmount} left refundable.");
    }
}
