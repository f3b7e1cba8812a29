using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

internal sealed class FakeV1Customer
{
    public FakeV1Customer(string customerUid, DateTimeOffset inserted)
    {
        CustomerUid = customerUid;
        Inserted = inserted;
        Updated = inserted;
    }

    public string CustomerUid { get; }

    public DateTimeOffset Inserted { get; }

    public DateTimeOffset Updated { get; set; }

    public string CardNumber { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string? Email { get; set; }

    public bool Deleted { get; set; }
}

internal sealed class FakeV1Payment
{
    public FakeV1Payment(string impUid, string merchantUid, decimal amount, DateTimeOffset startedAt)
    {
        ImpUid = impUid;
        MerchantUid = merchantUid;
        Amount = amount;
        StartedAt = startedAt;
    }

    public string ImpUid { get; }

    public string MerchantUid { get; }

    public decimal Amount { get; }

    public DateTimeOffset StartedAt { get; }

    public string? CustomerUid { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Currency { get; init; } = "KRW";

    public string CardNumber { get; init; } = string.Empty;

    public string Status { get; set; } = "ready";

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? FailReason { get; set; }

    public decimal CancelAmount { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public List<JsonObject> Cancellations { get; } = [];
}

internal sealed class FakeV1Schedule
{
    public FakeV1Schedule(string customerUid, string merchantUid, DateTimeOffset scheduleAt, decimal amount)
    {
        CustomerUid = customerUid;
        MerchantUid = merchantUid;
        ScheduleAt = scheduleAt;
        Amount = amount;
    }

    public string CustomerUid { get; }

    public string MerchantUid { get; }

    public DateTimeOffset ScheduleAt { get; }

    public decimal Amount { get; }

    public string Name { get; init; } = string.Empty;

    public string Currency { get; init; } = "KRW";

    public string Status { get; set; } = "scheduled";

    public DateTimeOffset? ExecutedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? ImpUid { get; set; }
}
