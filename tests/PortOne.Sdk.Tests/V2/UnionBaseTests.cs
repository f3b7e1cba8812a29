using System.Text.Json;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

/// <summary>Properties every known case of a union has live on its base: no pattern match needed to read them.</summary>
public sealed class UnionBaseTests
{
    [Fact]
    public void A_known_payment_answers_its_common_properties_through_the_base()
    {
        Payment payment = JsonSerializer.Deserialize(V2Samples.PaidPayment, PortOneV2ModelsJsonContext.Default.Payment)!;

        Assert.IsType<PaidPayment>(payment);
        Assert.Equal("order-1001", payment.Id);
        Assert.Equal("tx-0001", payment.TransactionId);
        Assert.Equal(10000L, payment.Amount.Total);
        Assert.Equal(Currency.Krw, payment.Currency);
        Assert.Equal("Monthly plan", payment.OrderName);
        Assert.Equal("store-configured", payment.StoreId);
    }

    [Fact]
    public void An_unknown_payment_serves_the_common_properties_from_its_raw_json_and_writes_it_back_unchanged()
    {
        var json = V2Samples.PaidPayment.Replace("\"PAID\"", "\"NEWLY_INVENTED\"", StringComparison.Ordinal);

        Payment payment = JsonSerializer.Deserialize(json, PortOneV2ModelsJsonContext.Default.Payment)!;

        var unknown = Assert.IsType<UnknownPayment>(payment);
        Assert.Equal("NEWLY_INVENTED", unknown.Status);
        Assert.Equal("order-1001", payment.Id);
        Assert.Equal(10000L, payment.Amount.Total);
        Assert.Equal(909L, payment.Amount.Vat);
        Assert.Equal(Currency.Krw, payment.Currency);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 1, 0, 0, TimeSpan.Zero), payment.RequestedAt);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(json).RootElement, JsonDocument.Parse(JsonSerializer.Serialize(payment, PortOneV2ModelsJsonContext.Default.Payment)).RootElement));
    }

    [Fact]
    public void An_unknown_case_leaves_a_common_property_empty_when_its_json_lacks_it_or_has_another_shape()
    {
        const string json = """{ "status": "NEWLY_INVENTED", "id": 42, "amount": "lots" }""";

        Payment payment = JsonSerializer.Deserialize(json, PortOneV2ModelsJsonContext.Default.Payment)!;

        Assert.IsType<UnknownPayment>(payment);
        Assert.Null(payment.Id);
        Assert.Null(payment.Amount);
        Assert.Null(payment.TransactionId);
        Assert.Equal(default, payment.Currency);
    }

    [Fact]
    public void Schedules_and_billing_keys_carry_their_ids_on_the_base()
    {
        PaymentSchedule schedule = JsonSerializer.Deserialize(V2Samples.ScheduledPaymentSchedule, PortOneV2ModelsJsonContext.Default.PaymentSchedule)!;
        BillingKeyInfo billingKey = JsonSerializer.Deserialize(V2Samples.IssuedBillingKeyInfo, PortOneV2ModelsJsonContext.Default.BillingKeyInfo)!;
        PaymentSchedule unknownSchedule = JsonSerializer.Deserialize(V2Samples.ScheduledPaymentSchedule.Replace("\"SCHEDULED\"", "\"PAUSED\"", StringComparison.Ordinal), PortOneV2ModelsJsonContext.Default.PaymentSchedule)!;

        Assert.Equal("schedule-1", schedule.Id);
        Assert.Equal("order-2001", schedule.PaymentId);
        Assert.Equal(10000L, schedule.TotalAmount);
        Assert.Equal("billing-key-1", billingKey.BillingKey);
        Assert.IsType<UnknownPaymentSchedule>(unknownSchedule);
        Assert.Equal("schedule-1", unknownSchedule.Id);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), unknownSchedule.TimeToPay);
    }
}
