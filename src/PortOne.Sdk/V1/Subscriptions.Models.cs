using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>
/// What every V1 charge request has in common (<c>onetime</c>, <c>again</c> and each scheduled charge). Unset
/// optional fields are left out of the request, so PortOne's defaults apply (e.g. VAT computed as 10%).
/// </summary>
public abstract class V1ChargeFields
{
    /// <summary>Your order id (<c>merchant_uid</c>): unique per charge, at most 40 characters. Required.</summary>
    public required string MerchantUid { get; init; }

    /// <summary>The amount to charge. Required; greater than zero.</summary>
    public required decimal Amount { get; init; }

    /// <summary>Currency code; PortOne assumes <c>KRW</c> when left out (scheduled charges must say).</summary>
    public string? Currency { get; init; }

    /// <summary>Of <see cref="Amount"/>, the tax-free part. With <see cref="VatAmount"/> it must not exceed the amount (checked before sending).</summary>
    public decimal? TaxFree { get; init; }

    /// <summary>Of <see cref="Amount"/>, the VAT; left out, PortOne computes it. With <see cref="TaxFree"/> it must not exceed the amount (checked before sending).</summary>
    public decimal? VatAmount { get; init; }

    /// <summary>Order name shown to the buyer and the PG.</summary>
    public string? Name { get; init; }

    /// <summary>Buyer's name.</summary>
    public string? BuyerName { get; init; }

    /// <summary>Buyer's e-mail.</summary>
    public string? BuyerEmail { get; init; }

    /// <summary>Buyer's phone.</summary>
    public string? BuyerTel { get; init; }

    /// <summary>Buyer's address.</summary>
    public string? BuyerAddr { get; init; }

    /// <summary>Buyer's postcode.</summary>
    public string? BuyerPostcode { get; init; }

    /// <summary>Instalment months (0 or unset: a single payment).</summary>
    public int? CardQuota { get; init; }

    /// <summary>The merchant pays the instalment interest (needs a PG contract).</summary>
    public bool? InterestFreeByMerchant { get; init; }

    /// <summary>Use the card's points (needs a PG contract).</summary>
    public bool? UseCardPoint { get; init; }

    /// <summary>Anything to keep with the payment; it comes back on <see cref="V1Payment.CustomData"/>.</summary>
    public string? CustomData { get; init; }

    /// <summary>A webhook URL for this payment only.</summary>
    public string? NoticeUrl { get; init; }

    /// <summary>The buyer's IP address (some PGs need it).</summary>
    public string? BrowserIp { get; init; }

    /// <summary><c>real</c> or <c>digital</c> goods, for PGs that ask.</summary>
    public string? ProductType { get; init; }

    /// <summary>A promotion to apply (ids start with <c>promotion-id-</c>).</summary>
    public string? PromotionId { get; init; }

    /// <summary>PG-specific parameters as a JSON string, passed through untouched.</summary>
    public string? Bypass { get; init; }

    /// <summary>Checks the common fields.</summary>
    /// <param name="owner">The caller-side name of this object, for the messages.</param>
    internal void ValidateCharge(string owner)
    {
        V1Validation.Id(MerchantUid, $"{owner}.{nameof(MerchantUid)} (merchant_uid)");
        V1Validation.Positive(Amount, $"{owner}.{nameof(Amount)} (amount)");
        V1Validation.NotNegative(TaxFree, $"{owner}.{nameof(TaxFree)} (tax_free)");
        V1Validation.NotNegative(VatAmount, $"{owner}.{nameof(VatAmount)} (vat_amount)");
        V1Validation.PartsWithin(Amount, TaxFree, VatAmount, $"{owner}.{nameof(Amount)} (amount)", $"{owner}.{nameof(TaxFree)} (tax_free)", $"{owner}.{nameof(VatAmount)} (vat_amount)");
    }
}

/// <summary>
/// Body of <c>POST /subscribe/payments/onetime</c>: charge a card given in full, once (and, with
/// <see cref="CustomerUid"/>, keep it as a billing key). Check <see cref="V1Payment.IsPaid"/> on the answer.
/// </summary>
public sealed class OnetimePaymentRequest : V1ChargeFields
{
    /// <summary>
    /// The card. Required (checked when the request is sent; it cannot be a C# <c>required</c> member because it is
    /// written flat, not as a JSON property of its own). Never printed.
    /// </summary>
    [JsonIgnore]
    public V1Card? Card { get; init; }

    /// <summary>Also store the card as this customer's billing key.</summary>
    public string? CustomerUid { get; init; }

    /// <summary>The PG to use, when the account has several.</summary>
    public string? Pg { get; init; }

    /// <summary>A smart-routing channel group to pick the PG from.</summary>
    [JsonPropertyName("channelGroupId")]
    public string? ChannelGroupId { get; init; }

    /// <summary>Payment id from a foreign PG's 3-D Secure step.</summary>
    [JsonPropertyName("secure_3d_charge_id")]
    public string? Secure3DChargeId { get; init; }

    /// <summary>Token from a foreign PG's 3-D Secure step.</summary>
    [JsonPropertyName("secure_3d_token")]
    public string? Secure3DToken { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal IDictionary<string, JsonElement>? CardFields => Card?.ToWireFields();

    /// <inheritdoc/>
    public override string ToString() => $"OnetimePaymentRequest {{ MerchantUid = {MerchantUid}, Amount = {Amount}, Card = (hidden) }}";
}

/// <summary>
/// Body of <c>POST /subscribe/payments/again</c>: charge a stored billing key now. Check
/// <see cref="V1Payment.IsPaid"/> on the answer; the call succeeds even when the card is declined.
/// </summary>
public sealed class AgainPaymentRequest : V1ChargeFields
{
    /// <summary>The billing-key customer to charge (<c>customer_uid</c>). Required.</summary>
    public required string CustomerUid { get; init; }

    /// <summary>How many items were bought, for PGs that ask.</summary>
    public int? ProductCount { get; init; }

    /// <summary>Cash receipt kind for PGs that issue one: <c>person</c>, <c>company</c> or <c>anonymous</c>.</summary>
    public string? CashReceiptType { get; init; }

    /// <summary>Extra PG-specific parameters.</summary>
    public V1ChargeExtra? Extra { get; init; }

    /// <summary>Which channel of a multi-channel billing key to charge through.</summary>
    public string? ChannelKey { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"AgainPaymentRequest {{ CustomerUid = {CustomerUid}, MerchantUid = {MerchantUid}, Amount = {Amount} }}";
}

/// <summary>Extra parameters some PGs take with a billing-key charge.</summary>
public sealed class V1ChargeExtra
{
    /// <summary>Naver Pay only: the date the service was used, <c>YYYYMMDD</c>.</summary>
    [JsonPropertyName("naverUseCfm")]
    public string? NaverUseCfm { get; init; }
}

/// <summary>One charge to schedule: when, how much, and the order's details.</summary>
public sealed class ScheduleItem : V1ChargeFields
{
    /// <summary>When to charge. Required; must be in the future (checked against the client's clock).</summary>
    [JsonConverter(typeof(RequiredUnixSecondsConverter))]
    public required DateTimeOffset ScheduleAt { get; init; }

    /// <summary>How many items will be bought, for PGs that ask.</summary>
    public int? ProductCount { get; init; }

    /// <summary>Cash receipt kind for PGs that issue one: <c>person</c>, <c>company</c> or <c>anonymous</c>.</summary>
    public string? CashReceiptType { get; init; }

    /// <summary>Extra PG-specific parameters.</summary>
    public V1ChargeExtra? Extra { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"ScheduleItem {{ MerchantUid = {MerchantUid}, ScheduleAt = {ScheduleAt:O}, Amount = {Amount} {Currency} }}";
}

/// <summary>
/// Body of <c>POST /subscribe/payments/schedule</c>: one or more future charges of one billing-key customer.
/// <see cref="Card"/> is only for a customer that has no billing key yet (it is issued on the way).
/// </summary>
public sealed class ScheduleRequest
{
    /// <summary>The billing-key customer (<c>customer_uid</c>). Required.</summary>
    public required string CustomerUid { get; init; }

    /// <summary>The charges to schedule; at least one. Required.</summary>
    public required IReadOnlyList<ScheduleItem> Schedules { get; init; }

    /// <summary>The customer id at PortOne (some PGs need it for billing keys).</summary>
    public string? CustomerId { get; init; }

    /// <summary>Amount of a test authorization (cancelled at once) to check the card; 0 or unset skips it.</summary>
    public decimal? CheckingAmount { get; init; }

    /// <summary>The channel to issue a new billing key with, or of a multi-channel billing key to use.</summary>
    public string? ChannelKey { get; init; }

    /// <summary>A card to issue the billing key from, when the customer has none yet. Never printed.</summary>
    [JsonIgnore]
    public V1Card? Card { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal IDictionary<string, JsonElement>? CardFields => Card?.ToWireFields();

    /// <inheritdoc/>
    public override string ToString() => $"ScheduleRequest {{ CustomerUid = {CustomerUid}, Schedules = {Schedules?.Count ?? 0}, Card = (hidden) }}";
}

/// <summary>The wire body of <c>POST /subscribe/payments/unschedule</c>; built by the client's two explicit methods.</summary>
internal sealed class UnscheduleWire
{
    public string? CustomerUid { get; init; }

    public IReadOnlyList<string>? MerchantUid { get; init; }
}

/// <summary>The body of <c>PUT</c> and <c>POST …/reschedule</c> on one schedule.</summary>
internal sealed class ScheduleTimeWire
{
    [JsonConverter(typeof(RequiredUnixSecondsConverter))]
    public DateTimeOffset ScheduleAt { get; init; }
}

/// <summary>A V1 payment schedule: one future charge of a billing key, and what became of it.</summary>
public sealed class V1Schedule
{
    /// <summary>The billing-key customer.</summary>
    public string CustomerUid { get; set; } = string.Empty;

    /// <summary>The order id the charge will use.</summary>
    public string MerchantUid { get; set; } = string.Empty;

    /// <summary>PortOne's id of the resulting payment, once it ran.</summary>
    public string? ImpUid { get; set; }

    /// <summary>The PG's code.</summary>
    public string? PgProvider { get; set; }

    /// <summary>The merchant id at the PG.</summary>
    public string? PgId { get; set; }

    /// <summary>The customer id at PortOne.</summary>
    public string? CustomerId { get; set; }

    /// <summary>When it is (or was) due.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? ScheduleAt { get; set; }

    /// <summary>When it ran; null if it has not.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? ExecutedAt { get; set; }

    /// <summary>When it was revoked; null if it was not.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The amount to charge.</summary>
    public decimal Amount { get; set; }

    /// <summary>Currency code.</summary>
    public string? Currency { get; set; }

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

    /// <summary>What the merchant attached.</summary>
    public string? CustomData { get; set; }

    /// <summary>Where the schedule stands.</summary>
    public V1ScheduleStatus? ScheduleStatus { get; set; }

    /// <summary>Once it ran, whether the charge was paid (<see cref="V1PaymentStatus.Paid"/>) or failed.</summary>
    public V1PaymentStatus? PaymentStatus { get; set; }

    /// <summary>Why the charge failed.</summary>
    public string? FailReason { get; set; }

    /// <summary>The promotion applied.</summary>
    public string? PromotionId { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"V1Schedule {{ CustomerUid = {CustomerUid}, MerchantUid = {MerchantUid}, ScheduleAt = {ScheduleAt:O}, Status = {ScheduleStatus} }}";
}

/// <summary>A window of due times and an optional status: what every V1 schedule search filters on.</summary>
public abstract class V1ScheduleWindow
{
    /// <summary>Schedules due at or after this time. Required.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Schedules due before this time. Required; after <see cref="From"/>. PortOne allows windows of up to about three months.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Only schedules in this state; all when null.</summary>
    public V1ScheduleStatus? Status { get; init; }

    /// <summary>Checks the window; overrides add their own fields.</summary>
    internal virtual void Validate()
    {
        var owner = GetType().Name;
        V1Validation.Range(From, To, $"{owner}.{nameof(From)}", $"{owner}.{nameof(To)}");
    }
}

/// <summary>Which of one customer's schedules to list (sent as <c>from</c>, <c>to</c> and <c>schedule-status</c>).</summary>
public sealed class V1CustomerScheduleQuery : V1ScheduleWindow
{
}

/// <summary>
/// A search over all schedules of the account by due time (<c>GET /subscribe/payments/schedule</c>; sent as
/// <c>schedule_from</c>, <c>schedule_to</c> and <c>schedule_status</c>).
/// </summary>
public sealed class V1ScheduleSearch : V1ScheduleWindow
{
    /// <summary>The largest <see cref="Limit"/> PortOne accepts.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Items per page, 1 to <see cref="MaxLimit"/>; PortOne's default (20) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>Sort order as PortOne names it (e.g. <c>-schedule_at</c>); PortOne's default when null.</summary>
    public string? Sorting { get; init; }

    internal override void Validate()
    {
        base.Validate();
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException($"{nameof(V1ScheduleSearch)}.{nameof(Limit)}", Limit, $"{nameof(V1ScheduleSearch)}.{nameof(Limit)} must be between 1 and {MaxLimit}.");
        }
    }
}
