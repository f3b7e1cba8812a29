using System.Text.Json.Serialization;

namespace PortOne.Sdk.Benchmarks.Fair;

// What a careful developer writes against PortOne's V2 spec without the SDK: POCOs as deep as the SDK's models
// (status-based payment cases, a polymorphic method, typed channel, customer and amount, string enums, DateTimeOffset
// timestamps), with System.Text.Json's own polymorphism. Mutable { get; set; } classes: the outside tester found
// init/required members cost 1.42x in STJ's source-generated deserialization, and a developer tuning for speed
// picks the fast shape. Only the STJ attributes decide how the JSON maps; nothing is read by hand.

/// <summary>A V2 payment; the concrete class is picked by <c>status</c>, wherever it is in the object (see <see cref="FairV2Json"/>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(PaidPayment), "PAID")]
[JsonDerivedType(typeof(FailedPayment), "FAILED")]
[JsonDerivedType(typeof(CancelledPayment), "CANCELLED")]
[JsonDerivedType(typeof(PartialCancelledPayment), "PARTIAL_CANCELLED")]
[JsonDerivedType(typeof(ReadyPayment), "READY")]
[JsonDerivedType(typeof(VirtualAccountIssuedPayment), "VIRTUAL_ACCOUNT_ISSUED")]
[JsonDerivedType(typeof(PayPendingPayment), "PAY_PENDING")]
public abstract class Payment
{
    public string Id { get; set; } = "";

    public string TransactionId { get; set; } = "";

    public string MerchantId { get; set; } = "";

    public string StoreId { get; set; } = "";

    public PaymentMethod? Method { get; set; }

    public ChannelGroupSummary? ChannelGroup { get; set; }

    public PortOneVersion Version { get; set; }

    public string? ScheduleId { get; set; }

    public string? BillingKey { get; set; }

    public List<PaymentWebhook>? Webhooks { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public string OrderName { get; set; } = "";

    public PaymentAmount Amount { get; set; } = new();

    public Currency Currency { get; set; }

    public Customer Customer { get; set; } = new();

    public PaymentOrigin? Origin { get; set; }

    public string? PromotionId { get; set; }

    public bool? IsCulturalExpense { get; set; }

    public List<PaymentProduct>? Products { get; set; }

    public int? ProductCount { get; set; }

    public string? CustomData { get; set; }

    public Country? Country { get; set; }
}

public sealed class PaidPayment : Payment
{
    public SelectedChannel Channel { get; set; } = new();

    public DateTimeOffset PaidAt { get; set; }

    public string? PgTxId { get; set; }

    public string? PgResponse { get; set; }

    public CashReceiptIssuanceStatus? CashReceiptIssuanceStatus { get; set; }

    public string? ReceiptUrl { get; set; }

    public List<Dispute> Disputes { get; set; } = [];

    public List<PaymentCancellation>? Cancellations { get; set; }
}

public sealed class FailedPayment : Payment
{
    public SelectedChannel? Channel { get; set; }

    public DateTimeOffset FailedAt { get; set; }

    public PaymentFailure Failure { get; set; } = new();
}

public sealed class CancelledPayment : Payment
{
    public SelectedChannel Channel { get; set; } = new();

    public DateTimeOffset? PaidAt { get; set; }

    public string? PgTxId { get; set; }

    public CashReceiptIssuanceStatus? CashReceiptIssuanceStatus { get; set; }

    public string? ReceiptUrl { get; set; }

    public List<PaymentCancellation> Cancellations { get; set; } = [];

    public DateTimeOffset CancelledAt { get; set; }
}

public sealed class PartialCancelledPayment : Payment
{
    public SelectedChannel Channel { get; set; } = new();

    public DateTimeOffset? PaidAt { get; set; }

    public string? PgTxId { get; set; }

    public CashReceiptIssuanceStatus? CashReceiptIssuanceStatus { get; set; }

    public string? ReceiptUrl { get; set; }

    public List<PaymentCancellation> Cancellations { get; set; } = [];

    public DateTimeOffset CancelledAt { get; set; }
}

public sealed class ReadyPayment : Payment
{
    public SelectedChannel? Channel { get; set; }
}

public sealed class VirtualAccountIssuedPayment : Payment
{
    public SelectedChannel Channel { get; set; } = new();

    public string? PgTxId { get; set; }
}

public sealed class PayPendingPayment : Payment
{
    public SelectedChannel Channel { get; set; } = new();

    public string? PgTxId { get; set; }
}

/// <summary>How the customer paid; the concrete class is picked by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PaymentMethodCard), "PaymentMethodCard")]
[JsonDerivedType(typeof(PaymentMethodVirtualAccount), "PaymentMethodVirtualAccount")]
[JsonDerivedType(typeof(PaymentMethodEasyPay), "PaymentMethodEasyPay")]
[JsonDerivedType(typeof(PaymentMethodTransfer), "PaymentMethodTransfer")]
[JsonDerivedType(typeof(PaymentMethodMobile), "PaymentMethodMobile")]
[JsonDerivedType(typeof(PaymentMethodGiftCertificate), "PaymentMethodGiftCertificate")]
[JsonDerivedType(typeof(PaymentMethodConvenienceStore), "PaymentMethodConvenienceStore")]
[JsonDerivedType(typeof(PaymentMethodCrypto), "PaymentMethodCrypto")]
public abstract class PaymentMethod
{
}

public sealed class PaymentMethodCard : PaymentMethod
{
    public Card? Card { get; set; }

    public string? ApprovalNumber { get; set; }

    public PaymentInstallment? Installment { get; set; }

    public bool? PointUsed { get; set; }
}

public sealed class PaymentMethodVirtualAccount : PaymentMethod
{
    public Bank? Bank { get; set; }

    public string AccountNumber { get; set; } = "";

    public VirtualAccountType? AccountType { get; set; }

    public string? RemitteeName { get; set; }

    public string? RemitterName { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public VirtualAccountRefundStatus? RefundStatus { get; set; }
}

public sealed class PaymentMethodEasyPay : PaymentMethod
{
    public EasyPayProvider? Provider { get; set; }

    public EasyPayMethod? EasyPayMethod { get; set; }
}

public sealed class PaymentMethodTransfer : PaymentMethod
{
    public Bank? Bank { get; set; }

    public string? AccountNumber { get; set; }
}

public sealed class PaymentMethodMobile : PaymentMethod
{
    public string? PhoneNumber { get; set; }
}

public sealed class PaymentMethodGiftCertificate : PaymentMethod
{
    public GiftCertificateType? GiftCertificateType { get; set; }

    public string ApprovalNumber { get; set; } = "";
}

public sealed class PaymentMethodConvenienceStore : PaymentMethod
{
    public ConvenienceStoreBrand? ConvenienceStoreBrand { get; set; }

    public string? ConfirmationNumber { get; set; }

    public string? ReceiptNumber { get; set; }

    public DateTimeOffset? PaymentDeadline { get; set; }
}

public sealed class PaymentMethodCrypto : PaymentMethod
{
}

/// <summary>The method an easy-pay provider charged; picked by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EasyPayMethodCard), "PaymentMethodCard")]
[JsonDerivedType(typeof(EasyPayMethodTransfer), "PaymentMethodTransfer")]
[JsonDerivedType(typeof(EasyPayMethodCharge), "PaymentMethodEasyPayMethodCharge")]
public abstract class EasyPayMethod
{
}

public sealed class EasyPayMethodCard : EasyPayMethod
{
    public Card? Card { get; set; }

    public string? ApprovalNumber { get; set; }

    public PaymentInstallment? Installment { get; set; }

    public bool? PointUsed { get; set; }
}

public sealed class EasyPayMethodTransfer : EasyPayMethod
{
    public Bank? Bank { get; set; }

    public string? AccountNumber { get; set; }
}

public sealed class EasyPayMethodCharge : EasyPayMethod
{
    public Bank? Bank { get; set; }
}

public sealed class Card
{
    public string? Publisher { get; set; }

    public string? Issuer { get; set; }

    public CardBrand? Brand { get; set; }

    public CardType? Type { get; set; }

    public CardOwnerType? OwnerType { get; set; }

    public string? Bin { get; set; }

    public string? Name { get; set; }

    public string? Number { get; set; }
}

public sealed class PaymentInstallment
{
    public int Month { get; set; }

    public bool IsInterestFree { get; set; }

    public bool? IsInterestFreeFromMerchant { get; set; }
}

public sealed class SelectedChannel
{
    public SelectedChannelType Type { get; set; }

    public string? Id { get; set; }

    public string? Key { get; set; }

    public string? Name { get; set; }

    public PgProvider PgProvider { get; set; }

    public string PgMerchantId { get; set; } = "";
}

public sealed class ChannelGroupSummary
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public bool IsForTest { get; set; }
}

public sealed class PaymentAmount
{
    public long Total { get; set; }

    public long TaxFree { get; set; }

    public long? Vat { get; set; }

    public long? Supply { get; set; }

    public long Discount { get; set; }

    public long Paid { get; set; }

    public long Cancelled { get; set; }

    public long CancelledTaxFree { get; set; }
}

public sealed class Customer
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? BirthYear { get; set; }

    public string? BirthMonth { get; set; }

    public string? BirthDay { get; set; }

    public Gender? Gender { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public Address? Address { get; set; }

    public string? Zipcode { get; set; }
}

/// <summary>An address, one line or split; the spec tells them apart by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OneLineAddress), "ONE_LINE")]
[JsonDerivedType(typeof(SeparatedAddress), "SEPARATED")]
public abstract class Address
{
    public string OneLine { get; set; } = "";
}

public sealed class OneLineAddress : Address
{
}

public sealed class SeparatedAddress : Address
{
    public string AddressLine1 { get; set; } = "";

    public string AddressLine2 { get; set; } = "";

    public string? City { get; set; }

    public string? Province { get; set; }

    public Country? Country { get; set; }
}

public sealed class PaymentOrigin
{
    public PaymentOriginPlatformType PlatformType { get; set; }

    public string? UserAgent { get; set; }

    public string? Url { get; set; }

    public string IpAddress { get; set; } = "";
}

public sealed class PaymentProduct
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Tag { get; set; }

    public string? Code { get; set; }

    public long Amount { get; set; }

    public int Quantity { get; set; }

    public string? Link { get; set; }
}

public sealed class PaymentWebhook
{
    public PaymentWebhookPaymentStatus? PaymentStatus { get; set; }

    public string Id { get; set; } = "";

    public PaymentWebhookStatus? Status { get; set; }

    public string Url { get; set; } = "";

    public bool? IsAsync { get; set; }

    public int? CurrentExecutionCount { get; set; }

    public int? MaxExecutionCount { get; set; }

    public PaymentWebhookTrigger? Trigger { get; set; }

    public DateTimeOffset? TriggeredAt { get; set; }
}

public sealed class Dispute
{
    public DisputeStatus Status { get; set; }

    public string? PgDisputeId { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

public sealed class PaymentFailure
{
    public string? Reason { get; set; }

    public string? PgCode { get; set; }

    public string? PgMessage { get; set; }
}

/// <summary>One cancellation of a payment; picked by <c>status</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(SucceededPaymentCancellation), "SUCCEEDED")]
[JsonDerivedType(typeof(FailedPaymentCancellation), "FAILED")]
[JsonDerivedType(typeof(RequestedPaymentCancellation), "REQUESTED")]
public abstract class PaymentCancellation
{
    public string Id { get; set; } = "";

    public string? PgCancellationId { get; set; }

    public long TotalAmount { get; set; }

    public long TaxFreeAmount { get; set; }

    public long VatAmount { get; set; }

    public long? EasyPayDiscountAmount { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public CancellationTrigger? Trigger { get; set; }
}

public sealed class SucceededPaymentCancellation : PaymentCancellation
{
    public string? ReceiptUrl { get; set; }
}

public sealed class FailedPaymentCancellation : PaymentCancellation
{
}

public sealed class RequestedPaymentCancellation : PaymentCancellation
{
}

/// <summary>A scheduled billing-key payment; picked by <c>status</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(ScheduledPaymentSchedule), "SCHEDULED")]
[JsonDerivedType(typeof(StartedPaymentSchedule), "STARTED")]
[JsonDerivedType(typeof(SucceededPaymentSchedule), "SUCCEEDED")]
[JsonDerivedType(typeof(FailedPaymentSchedule), "FAILED")]
[JsonDerivedType(typeof(RevokedPaymentSchedule), "REVOKED")]
[JsonDerivedType(typeof(PendingPaymentSchedule), "PENDING")]
public abstract class PaymentSchedule
{
    public string Id { get; set; } = "";

    public string MerchantId { get; set; } = "";

    public string StoreId { get; set; } = "";

    public string PaymentId { get; set; } = "";

    public string BillingKey { get; set; } = "";

    public string OrderName { get; set; } = "";

    public bool IsCulturalExpense { get; set; }

    public bool IsEscrow { get; set; }

    public Customer Customer { get; set; } = new();

    public string CustomData { get; set; } = "";

    public long TotalAmount { get; set; }

    public long? TaxFreeAmount { get; set; }

    public long? VatAmount { get; set; }

    public Currency Currency { get; set; }

    public int? InstallmentMonth { get; set; }

    public List<string>? NoticeUrls { get; set; }

    public List<PaymentProduct>? Products { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset TimeToPay { get; set; }
}

public sealed class ScheduledPaymentSchedule : PaymentSchedule
{
}

public sealed class StartedPaymentSchedule : PaymentSchedule
{
    public DateTimeOffset StartedAt { get; set; }
}

public sealed class SucceededPaymentSchedule : PaymentSchedule
{
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}

public sealed class FailedPaymentSchedule : PaymentSchedule
{
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}

public sealed class PendingPaymentSchedule : PaymentSchedule
{
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}

public sealed class RevokedPaymentSchedule : PaymentSchedule
{
    public DateTimeOffset RevokedAt { get; set; }
}

/// <summary>The request of <c>GET /payment-schedules</c>: which page, and optionally a filter (left out here).</summary>
public sealed class GetPaymentSchedulesRequest
{
    public PageInput? Page { get; set; }
}

public sealed class PageInput
{
    public int? Number { get; set; }

    public int? Size { get; set; }
}

public sealed class GetPaymentSchedulesResponse
{
    public List<PaymentSchedule> Items { get; set; } = [];

    public PageInfo Page { get; set; } = new();
}

public sealed class PageInfo
{
    public int Number { get; set; }

    public int Size { get; set; }

    public int TotalCount { get; set; }
}

/// <summary>The body of <c>POST /payments/{paymentId}/billing-key</c>.</summary>
public sealed class BillingKeyPaymentRequest
{
    public string? StoreId { get; set; }

    public string BillingKey { get; set; } = "";

    public string? ChannelKey { get; set; }

    public string OrderName { get; set; } = "";

    public CustomerInput? Customer { get; set; }

    public string? CustomData { get; set; }

    public PaymentAmountInput Amount { get; set; } = new();

    public Currency Currency { get; set; }

    public int? InstallmentMonth { get; set; }

    public List<string>? NoticeUrls { get; set; }

    public List<PaymentProduct>? Products { get; set; }
}

public sealed class CustomerInput
{
    public string? Id { get; set; }

    public CustomerNameInput? Name { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }
}

public sealed class CustomerNameInput
{
    public string? Full { get; set; }
}

public sealed class PaymentAmountInput
{
    public long Total { get; set; }

    public long? TaxFree { get; set; }

    public long? Vat { get; set; }
}

public sealed class PayWithBillingKeyResponse
{
    public BillingKeyPaymentSummary Payment { get; set; } = new();
}

public sealed class BillingKeyPaymentSummary
{
    public string PgTxId { get; set; } = "";

    public DateTimeOffset PaidAt { get; set; }
}

/// <summary>
/// The error body of <c>GET /payments/{paymentId}</c> (the spec's <c>GetPaymentError</c>), picked by <c>type</c>. STJ
/// throws <see cref="System.Text.Json.JsonException"/> on a <c>type</c> it does not know (its
/// <c>UnknownDerivedTypeHandling</c> applies to writing only), so <see cref="FairErrors.Decode"/> catches that and
/// falls back to the base class.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PaymentNotFoundError), "PAYMENT_NOT_FOUND")]
[JsonDerivedType(typeof(UnauthorizedError), "UNAUTHORIZED")]
[JsonDerivedType(typeof(ForbiddenError), "FORBIDDEN")]
[JsonDerivedType(typeof(InvalidRequestError), "INVALID_REQUEST")]
public class PortOneError
{
    public string? Message { get; set; }
}

public static class FairErrors
{
    /// <summary>Decodes an error body; a <c>type</c> this code does not know becomes a plain <see cref="PortOneError"/>.</summary>
    public static PortOneError Decode(ReadOnlySpan<byte> body)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(body, FairV2Json.Default.PortOneError) ?? new PortOneError();
        }
        catch (System.Text.Json.JsonException)
        {
            return new PortOneError { Message = "PortOne answered an error this code does not know." };
        }
    }
}

public sealed class PaymentNotFoundError : PortOneError
{
}

public sealed class UnauthorizedError : PortOneError
{
}

public sealed class ForbiddenError : PortOneError
{
}

public sealed class InvalidRequestError : PortOneError
{
}

/// <summary>What the hand-written client throws for a documented error answer: the decoded error and the HTTP status.</summary>
public sealed class PortOneApiException : Exception
{
    public PortOneApiException()
    {
        Error = new PortOneError();
    }

    public PortOneApiException(string message)
        : base(message)
    {
        Error = new PortOneError { Message = message };
    }

    public PortOneApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new PortOneError { Message = message };
    }

    public PortOneApiException(PortOneError error, System.Net.HttpStatusCode statusCode)
        : base(error.Message)
    {
        Error = error;
        StatusCode = statusCode;
    }

    public PortOneError Error { get; }

    public System.Net.HttpStatusCode StatusCode { get; }
}
