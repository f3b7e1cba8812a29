using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>
/// The JSON PortOne's V1 API answers with inside its envelope, one shape per resource (customer, payment, schedule),
/// written once and used by every operation that shows the resource.
/// </summary>
internal static class FakeV1Wire
{
    /// <summary>A time as V1 writes it: Unix seconds, 0 for never.</summary>
    public static long Unix(DateTimeOffset? value) => value?.ToUnixTimeSeconds() ?? 0;

    public static JsonObject Customer(FakeV1Customer customer) => new()
    {
        ["customer_uid"] = customer.CustomerUid,
        ["pg_provider"] = "html5_inicis",
        ["pg_id"] = "fake-pg",
        ["sandbox"] = true,
        ["card_name"] = "Fake Card",
        ["card_number"] = FakeJson.MaskCard(customer.CardNumber),
        ["customer_name"] = customer.Name,
        ["customer_email"] = customer.Email,
        ["inserted"] = Unix(customer.Inserted),
        ["updated"] = Unix(customer.Updated),
    };

    public static JsonObject Payment(FakeV1Payment payment) => new()
    {
        ["imp_uid"] = payment.ImpUid,
        ["merchant_uid"] = payment.MerchantUid,
        ["pay_method"] = "card",
        ["channel"] = "api",
        ["pg_provider"] = "html5_inicis",
        ["pg_tid"] = "pg_" + payment.ImpUid,
        ["sandbox"] = true,
        ["escrow"] = false,
        ["card_name"] = "Fake Card",
        ["card_number"] = FakeJson.MaskCard(payment.CardNumber),
        ["card_quota"] = 0,
        ["name"] = payment.Name,
        ["amount"] = payment.Amount,
        ["cancel_amount"] = payment.CancelAmount,
        ["currency"] = payment.Currency,
        ["status"] = payment.Status,
        ["started_at"] = Unix(payment.StartedAt),
        ["paid_at"] = Unix(payment.PaidAt),
        ["failed_at"] = Unix(payment.FailedAt),
        ["cancelled_at"] = Unix(payment.CancelledAt),
        ["fail_reason"] = payment.FailReason,
        ["cancel_reason"] = payment.CancelReason,
        ["cancel_history"] = new JsonArray(payment.Cancellations.Select(x => x.DeepClone()).ToArray()),
        ["cancel_receipt_urls"] = new JsonArray(),
        ["cash_receipt_issued"] = false,
        ["customer_uid"] = payment.CustomerUid,
        ["customer_uid_usage"] = payment.CustomerUid is null ? null : "payment",
    };

    public static JsonObject Schedule(FakeV1Schedule schedule, string? paymentStatus) => new()
    {
        ["customer_uid"] = schedule.CustomerUid,
        ["merchant_uid"] = schedule.MerchantUid,
        ["imp_uid"] = schedule.ImpUid,
        ["schedule_at"] = Unix(schedule.ScheduleAt),
        ["executed_at"] = Unix(schedule.ExecutedAt),
        ["revoked_at"] = Unix(schedule.RevokedAt),
        ["amount"] = schedule.Amount,
        ["currency"] = schedule.Currency,
        ["name"] = schedule.Name,
        ["schedule_status"] = schedule.Status,
        ["payment_status"] = paymentStatus,
    };
}
