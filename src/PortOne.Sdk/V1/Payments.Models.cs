using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>
/// A V1 payment. A call that returns a payment (<c>again</c>, <c>onetime</c>, <c>retry</c>) can succeed while the
/// card was declined: read <see cref="IsPaid"/> (or <see cref="Status"/>) before you ship anything.
/// </summary>
public sealed class V1Payment : V1CardDetails
{
    /// <summary>PortOne's id of the payment (<c>imp_uid</c>).</summary>
    public string ImpUid { get; set; } = string.Empty;

    /// <summary>The merchant's order id (<c>merchant_uid</c>).</summary>
    public string MerchantUid { get; set; } = string.Empty;

    /// <summary>Where the payment stands.</summary>
    public V1PaymentStatus Status { get; set; }

    /// <summary>True only when the money was actually taken (<see cref="Status"/> is <c>paid</c>).</summary>
    [JsonIgnore]
    public bool IsPaid => Status == V1PaymentStatus.Paid;

    /// <summary>True when the charge was refused; <see cref="FailReason"/> tells why.</summary>
    [JsonIgnore]
    public bool IsFailed => Status == V1PaymentStatus.Failed;

    /// <summary>The amount charged.</summary>
    public decimal Amount { get; set; }

    /// <summary>How much of it has been refunded so far.</summary>
    public decimal CancelAmount { get; set; }

    /// <summary>
    /// What can still be refunded (<see cref="Amount"/> minus <see cref="CancelAmount"/>): the value to pass as
    /// <see cref="CancelPaymentRequest.Checksum"/>.
    /// </summary>
    [JsonIgnore]
    public decimal RefundableAmount => Amount - CancelAmount;

    /// <summary>Currency code, e.g. <c>KRW</c>.</summary>
    public string? Currency { get; set; }

    /// <summary>How it was paid.</summary>
    public V1PayMethod? PayMethod { get; set; }

    /// <summary>Where it was paid from (<c>pc</c>, <c>mobile</c>, <c>api</c>).</summary>
    public string? Channel { get; set; }

    /// <summary>The PG behind an aggregator, where there is one.</summary>
    public string? EmbPgProvider { get; set; }

    /// <summary>The PG's own transaction id.</summary>
    public string? PgTid { get; set; }

    /// <summary>Whether it was made through a test channel.</summary>
    public bool Sandbox { get; set; }

    /// <summary>Whether it is an escrow payment.</summary>
    public bool? Escrow { get; set; }

    /// <summary>The card company's approval number.</summary>
    public string? ApplyNum { get; set; }

    /// <summary>Bank code (bank transfers).</summary>
    public string? BankCode { get; set; }

    /// <summary>Bank name (bank transfers).</summary>
    public string? BankName { get; set; }

    /// <summary>Instalment months; 0 is a single payment.</summary>
    public int? CardQuota { get; set; }

    /// <summary>Virtual account bank code.</summary>
    public string? VbankCode { get; set; }

    /// <summary>Virtual account bank name.</summary>
    public string? VbankName { get; set; }

    /// <summary>Virtual account number.</summary>
    public string? VbankNum { get; set; }

    /// <summary>Virtual account holder.</summary>
    public string? VbankHolder { get; set; }

    /// <summary>Deposit deadline of a virtual account.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? VbankDate { get; set; }

    /// <summary>When the virtual account was issued.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? VbankIssuedAt { get; set; }

    /// <summary>Order name.</summary>
    public string? Name { get; set; }

    /// <summary>Buyer's name.</summary>
    public string? BuyerName { get; set; }

    /// <summary>Buyer's e-mail.</summary>
    public string? BuyerEmail { get; set; }

    /// <summary>Buyer's phone.</summary>
    public string? BuyerTel { get; set; }

    /// <summary>Buyer's address.</summary>
    public string? BuyerAddr { get; set; }

    /// <summary>Buyer's postcode.</summary>
    public string? BuyerPostcode { get; set; }

    /// <summary>Whatever the merchant attached when paying.</summary>
    public string? CustomData { get; set; }

    /// <summary>The buyer's browser.</summary>
    public string? UserAgent { get; set; }

    /// <summary>When the payment was started.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it was paid; null if it has not been.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>When it failed; null if it has not.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>When it was last (partly) refunded; null if never.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Why the charge failed.</summary>
    public string? FailReason { get; set; }

    /// <summary>Why it was refunded.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Link to the sales slip.</summary>
    public string? ReceiptUrl { get; set; }

    /// <summary>Every refund made, full or partial.</summary>
    public IReadOnlyList<V1PaymentCancellation>? CancelHistory { get; set; }

    /// <summary>Links to the refund slips.</summary>
    public IReadOnlyList<string>? CancelReceiptUrls { get; set; }

    /// <summary>Whether a cash receipt was issued.</summary>
    public bool? CashReceiptIssued { get; set; }

    /// <summary>The billing-key customer it was charged to, if any.</summary>
    public string? CustomerUid { get; set; }

    /// <summary>How the billing key was used (<c>issue</c>, <c>payment</c>, <c>payment.scheduled</c>).</summary>
    public string? CustomerUidUsage { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"V1Payment {{ ImpUid = {ImpUid}, MerchantUid = {MerchantUid}, Status = {Status}, Amount = {Amount} {Currency} }}";
}

/// <summary>One refund of a payment.</summary>
public sealed class V1PaymentCancellation
{
    /// <summary>The PG's transaction id of the refund.</summary>
    public string? PgTid { get; set; }

    /// <summary>How much was refunded.</summary>
    public decimal Amount { get; set; }

    /// <summary>When.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Why.</summary>
    public string? Reason { get; set; }

    /// <summary>PortOne's id of this refund.</summary>
    public string? CancellationId { get; set; }

    /// <summary>Link to the refund slip.</summary>
    public string? ReceiptUrl { get; set; }
}

/// <summary>
/// How much to refund: <see cref="Full"/> or <see cref="Partial"/>. The API refunds everything when the amount is
/// left out (or is 0), so this type makes the choice explicit instead of letting a forgotten field decide it.
/// </summary>
public readonly struct V1CancelAmount : IEquatable<V1CancelAmount>
{
    private V1CancelAmount(decimal? amount)
    {
        PartialAmount = amount;
        IsChosen = true;
    }

    /// <summary>Refund what remains of the payment.</summary>
    public static V1CancelAmount Full { get; } = new(null);

    /// <summary>The amount of a partial refund; null for a full refund.</summary>
    public decimal? PartialAmount { get; }

    /// <summary>Whether this is a full refund.</summary>
    public bool IsFull => IsChosen && PartialAmount is null;

    /// <summary>False only for <c>default(V1CancelAmount)</c>, which the client refuses.</summary>
    internal bool IsChosen { get; }

    /// <summary>Refund part of the payment.</summary>
    /// <param name="amount">Greater than zero (0 would be read by the API as a full refund).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is 0 or less.</exception>
    public static V1CancelAmount Partial(decimal amount)
    {
        V1Validation.Positive(amount, nameof(amount));
        return new V1CancelAmount(amount);
    }

    /// <summary>Compares two amounts.</summary>
    /// <param name="left">One amount.</param>
    /// <param name="right">The other.</param>
    public static bool operator ==(V1CancelAmount left, V1CancelAmount right) => left.Equals(right);

    /// <summary>The negation of <c>==</c>.</summary>
    /// <param name="left">One amount.</param>
    /// <param name="right">The other.</param>
    public static bool operator !=(V1CancelAmount left, V1CancelAmount right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(V1CancelAmount other) => IsChosen == other.IsChosen && PartialAmount == other.PartialAmount;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is V1CancelAmount other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IsChosen ? PartialAmount.GetHashCode() + 1 : 0;

    /// <inheritdoc/>
    public override string ToString() => !IsChosen ? "(not chosen)" : IsFull ? "Full" : $"Partial({PartialAmount})";
}

/// <summary>
/// Body of <c>POST /payments/cancel</c>. Name the payment by exactly one of <see cref="ImpUid"/> and
/// <see cref="MerchantUid"/>, and say how much with <see cref="Amount"/>:
/// <c>new CancelPaymentRequest { ImpUid = id, Amount = V1CancelAmount.Partial(1000m), Checksum = 5000m }</c>.
/// The refund account fields are not printed by <see cref="ToString"/>.
/// </summary>
public sealed class CancelPaymentRequest
{
    /// <summary>PortOne's id of the payment. Set this or <see cref="MerchantUid"/>, not both.</summary>
    public string? ImpUid { get; init; }

    /// <summary>The merchant's order id of the payment. Set this or <see cref="ImpUid"/>, not both.</summary>
    public string? MerchantUid { get; init; }

    /// <summary>Full or partial refund. Required: there is no default, on purpose.</summary>
    [JsonIgnore]
    public required V1CancelAmount Amount { get; init; }

    /// <summary>
    /// The refundable balance as you have it on record. When set, PortOne refuses the refund if its own balance
    /// differs, which stops a repeated partial refund from paying out twice. Recommended for partial refunds.
    /// </summary>
    public decimal? Checksum { get; init; }

    /// <summary>Of the refunded amount, the tax-free part. For a partial refund, with <see cref="VatAmount"/> it must not exceed the amount (checked before sending).</summary>
    public decimal? TaxFree { get; init; }

    /// <summary>Of the refunded amount, the VAT part (needed when the payment set its VAT explicitly). For a partial refund, with <see cref="TaxFree"/> it must not exceed the amount (checked before sending).</summary>
    public decimal? VatAmount { get; init; }

    /// <summary>Why the payment is refunded (some PGs require it).</summary>
    public string? Reason { get; init; }

    /// <summary>Refund account holder (virtual account or some mobile payments).</summary>
    public string? RefundHolder { get; init; }

    /// <summary>Refund account bank code.</summary>
    public string? RefundBank { get; init; }

    /// <summary>Refund account number.</summary>
    public string? RefundAccount { get; init; }

    /// <summary>Refund account holder's phone.</summary>
    public string? RefundTel { get; init; }

    /// <summary>Keep a promotion applied even if the remaining amount no longer qualifies.</summary>
    public bool? RetainPromotion { get; init; }

    /// <summary>Ask PortOne to send the cancellation webhook (it does not by default for API refunds).</summary>
    public bool? EnableWebhook { get; init; }

    /// <summary>Who asked for the refund, for PGs that want to know (Naver Pay): <c>customer</c> or <c>admin</c>.</summary>
    [JsonIgnore]
    public string? Requester { get; init; }

    [JsonInclude]
    [JsonPropertyName("amount")]
    internal decimal? WireAmount => Amount.PartialAmount;

    [JsonInclude]
    [JsonPropertyName("extra")]
    internal V1CancelExtra? WireExtra => Requester is null ? null : new V1CancelExtra { Requester = Requester };

    /// <inheritdoc/>
    public override string ToString() =>
        $"CancelPaymentRequest {{ ImpUid = {ImpUid}, MerchantUid = {MerchantUid}, Amount = {Amount}, Checksum = {Checksum}, Refund account = (hidden) }}";

    internal void Validate()
    {
        const string Owner = nameof(CancelPaymentRequest);
        if (ImpUid is null == MerchantUid is null)
        {
            throw new ArgumentException($"Set exactly one of {Owner}.{nameof(ImpUid)} (imp_uid) and {Owner}.{nameof(MerchantUid)} (merchant_uid).", nameof(ImpUid));
        }

        V1Validation.Id(ImpUid ?? MerchantUid, ImpUid is null ? $"{Owner}.{nameof(MerchantUid)}" : $"{Owner}.{nameof(ImpUid)}");
        if (!Amount.IsChosen)
        {
            throw new ArgumentException($"{Owner}.{nameof(Amount)} must be V1CancelAmount.Full or V1CancelAmount.Partial(amount).", nameof(Amount));
        }

        V1Validation.NotNegative(Checksum, $"{Owner}.{nameof(Checksum)}");
        V1Validation.NotNegative(TaxFree, $"{Owner}.{nameof(TaxFree)}");
        V1Validation.NotNegative(VatAmount, $"{Owner}.{nameof(VatAmount)}");
        if (Amount.PartialAmount is { } partial)
        {
            V1Validation.PartsWithin(partial, TaxFree, VatAmount, $"{Owner}.{nameof(Amount)}", $"{Owner}.{nameof(TaxFree)}", $"{Owner}.{nameof(VatAmount)}");
        }
    }
}

/// <summary>The <c>extra</c> object of a cancel request.</summary>
internal sealed class V1CancelExtra
{
    public string? Requester { get; init; }
}

/// <summary>
/// The answer of a lookup by several ids: what was found, and which requested ids were not. The API only says
/// that some were missing (HTTP 207) or that none were found (HTTP 404); the SDK works out which by comparing the
/// answer with the request. Neither case is an exception.
/// </summary>
/// <typeparam name="T">What was looked up.</typeparam>
public sealed class V1LookupResult<T>
{
    /// <summary>Creates a result; the SDK builds these, and tests that mock a client can too.</summary>
    /// <param name="found">The items found.</param>
    /// <param name="missing">The requested ids not found.</param>
    /// <exception cref="ArgumentNullException">Either list is null.</exception>
    public V1LookupResult(IReadOnlyList<T> found, IReadOnlyList<string> missing)
    {
        Found = found ?? throw new ArgumentNullException(nameof(found));
        Missing = missing ?? throw new ArgumentNullException(nameof(missing));
    }

    /// <summary>The items found, in the order the server sent them.</summary>
    public IReadOnlyList<T> Found { get; }

    /// <summary>The requested ids that were not returned (unknown, or not visible to this account), in request order.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Whether every requested id was found.</summary>
    public bool IsComplete => Missing.Count == 0;

    /// <inheritdoc/>
    public override string ToString() => $"V1LookupResult {{ Found = {Found.Count}, Missing = {Missing.Count} }}";
}
