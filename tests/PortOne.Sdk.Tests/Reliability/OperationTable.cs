using System.Reflection;
using PortOne.Sdk.Http;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using V1CancelPaymentRequest = PortOne.Sdk.V1.CancelPaymentRequest;
using V2CancelPaymentRequest = PortOne.Sdk.V2.CancelPaymentRequest;

namespace PortOne.Sdk.Tests.Reliability;

/// <summary>One call of one operation, with valid arguments, against a client of its API.</summary>
internal sealed record OperationCall(string Operation, Func<PortOneV1Client, Task>? V1 = null, Func<PortOneV2Client, Task>? V2 = null);

/// <summary>One operation that puts a caller's id in its path, and how to call it with a given id.</summary>
internal sealed record IdCall(string Operation, string Parameter, Func<PortOneV1Client, string, Task>? V1 = null, Func<PortOneV2Client, string, Task>? V2 = null);

/// <summary>
/// Calls of the operations of both clients, keyed by the operation descriptors' names. The descriptors themselves
/// (every static <see cref="PortOneOperation"/> of the library) are found by reflection, so an operation added
/// without an entry here fails the coverage tests instead of going untested.
/// </summary>
internal static class OperationTable
{
    private static readonly DateTimeOffset Later = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, PortOneOperation> Descriptors { get; } =
        typeof(PortOneOperation).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(PortOneOperation))
            .Select(f => (PortOneOperation)f.GetValue(null)!)
            .ToDictionary(o => o.Name);

    public static V1Card Card => new() { Number = "4111111111111111", Expiry = "2031-01" };

    /// <summary>Every operation that is not retried: the hand-kept calls below, and the generated V2 ones.</summary>
    public static OperationCall[] NotRetryable => [.. HandNotRetryable, .. GeneratedV2(c => !c.Retried).Select(c => new OperationCall(c.Descriptor, V2: client => c.Call!(client, "p")))];

    /// <summary>Every operation that puts a caller's id in its path: the hand-kept calls below, and the generated V2 ones.</summary>
    public static IdCall[] TakingIds => [.. HandTakingIds, .. GeneratedV2(c => c.IdParameter is not null).Select(c => new IdCall(c.Descriptor, c.IdParameter!, V2: c.Call))];

    private static IEnumerable<PortOne.Sdk.Tests.V2.Generated.V2OperationCase> GeneratedV2(Func<PortOne.Sdk.Tests.V2.Generated.V2OperationCase, bool> filter) =>
        PortOne.Sdk.Tests.V2.Generated.V2OperationCases.All.Where(c => c.Call is not null && filter(c));

    private static readonly OperationCall[] HandNotRetryable =
    [
        new("V1.Customers.Save", V1: c => c.Customers.SaveAsync("c", new SaveCustomerRequest { Card = Card })),
        new("V1.Payments.Cancel", V1: c => c.Payments.CancelAsync(new V1CancelPaymentRequest { ImpUid = "i", Amount = V1CancelAmount.Full })),
        new("V1.Subscriptions.Onetime", V1: c => c.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { MerchantUid = "m", Amount = 1m, Card = Card })),
        new("V1.Subscriptions.Again", V1: c => c.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m, Name = "n" })),
        new("V1.Subscriptions.Schedule", V1: c => c.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [new ScheduleItem { MerchantUid = "m", ScheduleAt = Later, Amount = 1m, Currency = "KRW", Name = "n" }] })),
        new("V1.Subscriptions.Retry", V1: c => c.Subscriptions.RetryScheduleAsync("m")),
        new("V2.BillingKeys.Issue", V2: c => c.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
        })),
        new("V2.Payments.PayWithBillingKey", V2: c => c.Payments.PayWithBillingKeyAsync("p", PayWithBillingKey())),
        new("V2.Payments.PayInstantly", V2: c => c.Payments.PayInstantlyAsync("p", PayInstantly())),
        new("V2.Payments.Cancel", V2: c => c.Payments.CancelAsync("p", new V2CancelPaymentRequest { Reason = "r" })),
        new("V2.Payments.RegisterStoreReceipt", V2: c => c.Payments.RegisterStoreReceiptAsync("p", StoreReceipt())),
    ];

    private static readonly IdCall[] HandTakingIds =
    [
        new("V1.Customers.Get", "customerUid", V1: (c, id) => c.Customers.GetAsync(id)),
        new("V1.Customers.Save", "customerUid", V1: (c, id) => c.Customers.SaveAsync(id, new SaveCustomerRequest { Card = Card })),
        new("V1.Customers.Delete", "customerUid", V1: (c, id) => c.Customers.DeleteAsync(id)),
        new("V1.Customers.ListPayments", "customerUid", V1: (c, id) => c.Customers.ListPaymentsPageAsync(id)),
        new("V1.Customers.ListSchedules", "customerUid", V1: (c, id) => c.Customers.ListSchedulesPageAsync(id, new V1CustomerScheduleQuery { From = Later, To = Later.AddDays(1) })),
        new("V1.Subscriptions.GetSchedule", "merchantUid", V1: (c, id) => c.Subscriptions.GetScheduleAsync(id)),
        new("V1.Subscriptions.UpdateSchedule", "merchantUid", V1: (c, id) => c.Subscriptions.UpdateScheduleAsync(id, Later)),
        new("V1.Subscriptions.Reschedule", "merchantUid", V1: (c, id) => c.Subscriptions.RescheduleAsync(id, Later)),
        new("V1.Subscriptions.Retry", "merchantUid", V1: (c, id) => c.Subscriptions.RetryScheduleAsync(id)),
        new("V1.Subscriptions.ListCustomerSchedules", "customerUid", V1: (c, id) => c.Subscriptions.ListCustomerSchedulesPageAsync(id, new V1CustomerScheduleQuery { From = Later, To = Later.AddDays(1) })),
        new("V1.Payments.Get", "impUid", V1: (c, id) => c.Payments.GetAsync(id)),
        new("V1.Payments.FindByMerchantUid", "merchantUid", V1: (c, id) => c.Payments.FindByMerchantUidAsync(id)),
        new("V2.BillingKeys.Get", "billingKey", V2: (c, id) => c.BillingKeys.GetAsync(id)),
        new("V2.BillingKeys.Delete", "billingKey", V2: (c, id) => c.BillingKeys.DeleteAsync(id)),
        new("V2.Payments.PayWithBillingKey", "paymentId", V2: (c, id) => c.Payments.PayWithBillingKeyAsync(id, PayWithBillingKey())),
        new("V2.Payments.PayInstantly", "paymentId", V2: (c, id) => c.Payments.PayInstantlyAsync(id, PayInstantly())),
        new("V2.Payments.Get", "paymentId", V2: (c, id) => c.Payments.GetAsync(id)),
        new("V2.Payments.Cancel", "paymentId", V2: (c, id) => c.Payments.CancelAsync(id, new V2CancelPaymentRequest { Reason = "r" })),
        new("V2.Payments.RegisterStoreReceipt", "paymentId", V2: (c, id) => c.Payments.RegisterStoreReceiptAsync(id, StoreReceipt())),
        new("V2.PaymentSchedules.Create", "paymentId", V2: (c, id) => c.PaymentSchedules.CreateAsync(id, new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw },
            TimeToPay = Later,
        })),
        new("V2.PaymentSchedules.Get", "paymentScheduleId", V2: (c, id) => c.PaymentSchedules.GetAsync(id)),
    ];

    /// <summary>The path of <paramref name="operation"/> with every <c>{placeholder}</c> replaced by <paramref name="escapedId"/>.</summary>
    public static string Route(PortOneOperation operation, string escapedId, string? status = null)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(operation.PathTemplate, @"\{payment_status\}", status ?? string.Empty).TrimEnd('/');
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{[A-Za-z_]+\}", escapedId);
    }

    private static BillingKeyPaymentRequest PayWithBillingKey() =>
        new() { BillingKey = "bk", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw };

    private static InstantPaymentRequest PayInstantly() => new()
    {
        Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
        OrderName = "o",
        Amount = new PaymentAmountInput { Total = 100 },
        Currency = Currency.Krw,
    };

    private static RegisterStoreReceiptRequest StoreReceipt() => new()
    {
        Items = [new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1", StoreName = "s", TotalAmount = 1, Currency = Currency.Krw }],
    };
}
