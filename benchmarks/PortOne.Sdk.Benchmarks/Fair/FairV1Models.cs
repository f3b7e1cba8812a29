using System.Text.Json.Serialization;

namespace PortOne.Sdk.Benchmarks.Fair;

// V1 (iamport) by hand: the {code, message, response} envelope, and the payment with every field the SDK's
// V1Payment reads (including its card details), snake_case by the source generator's naming policy, Unix-second
// timestamps turned into DateTimeOffset by a small converter, as a developer would.

public sealed class V1Envelope<T>
    where T : class
{
    public int Code { get; set; }

    public string? Message { get; set; }

    public T? Response { get; set; }
}

public sealed class V1Payment
{
    public string ImpUid { get; set; } = "";

    public string MerchantUid { get; set; } = "";

    public string Status { get; set; } = "";

    public decimal Amount { get; set; }

    public decimal CancelAmount { get; set; }

    public string? Currency { get; set; }

    public string? PayMethod { get; set; }

    public string? Channel { get; set; }

    public string? PgProvider { get; set; }

    public string? EmbPgProvider { get; set; }

    public string? PgTid { get; set; }

    public string? PgId { get; set; }

    public bool Sandbox { get; set; }

    public bool? Escrow { get; set; }

    public string? ApplyNum { get; set; }

    public string? BankCode { get; set; }

    public string? BankName { get; set; }

    public string? CardCode { get; set; }

    public string? CardName { get; set; }

    public string? CardIssuerCode { get; set; }

    public string? CardIssuerName { get; set; }

    public string? CardPublisherCode { get; set; }

    public string? CardPublisherName { get; set; }

    public int? CardQuota { get; set; }

    public string? CardNumber { get; set; }

    public int? CardType { get; set; }

    public string? VbankCode { get; set; }

    public string? VbankName { get; set; }

    public string? VbankNum { get; set; }

    public string? VbankHolder { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? VbankDate { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? VbankIssuedAt { get; set; }

    public string? Name { get; set; }

    public string? BuyerName { get; set; }

    public string? BuyerEmail { get; set; }

    public string? BuyerTel { get; set; }

    public string? BuyerAddr { get; set; }

    public string? BuyerPostcode { get; set; }

    public string? CustomData { get; set; }

    public string? UserAgent { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? PaidAt { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? FailedAt { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CancelledAt { get; set; }

    public string? FailReason { get; set; }

    public string? CancelReason { get; set; }

    public string? ReceiptUrl { get; set; }

    public List<V1PaymentCancellation>? CancelHistory { get; set; }

    public List<string>? CancelReceiptUrls { get; set; }

    public bool? CashReceiptIssued { get; set; }

    public string? CustomerUid { get; set; }

    public string? CustomerUidUsage { get; set; }
}

public sealed class V1PaymentCancellation
{
    public string? PgTid { get; set; }

    public decimal Amount { get; set; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CancelledAt { get; set; }

    public string? Reason { get; set; }

    public string? CancellationId { get; set; }

    public string? ReceiptUrl { get; set; }
}

/// <summary>V1 timestamps are Unix seconds, 0 meaning "not yet".</summary>
public sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        if (reader.TokenType == System.Text.Json.JsonTokenType.Null)
        {
            return null;
        }

        var seconds = reader.GetInt64();
        return seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset? value, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } instant)
        {
            writer.WriteNumberValue(instant.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
