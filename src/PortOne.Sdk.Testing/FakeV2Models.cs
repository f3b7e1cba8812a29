using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

internal sealed class FakeBillingKey
{
    public FakeBillingKey(string key, string storeId, string cardNumber, DateTimeOffset issuedAt, JsonObject? customer, string? customData)
    {
        Key = key;
        StoreId = storeId;
        CardNumber = cardNumber;
        IssuedAt = issuedAt;
        Customer = customer;
        CustomData = customData;
    }

    public string Key { get; }

    public string StoreId { get; }

    public string CardNumber { get; }

    public DateTimeOffset IssuedAt { get; }

    public JsonObject? Customer { get; }

    public string? CustomData { get; }

    /// <summary>The channel the key was issued on, when the request named one.</summary>
    public string? ChannelKey { get; init; }

    public DateTimeOffset? DeletedAt { get; set; }
}

internal sealed class FakePayment
{
    private string _status = "READY";

    public FakePayment(string id, string transactionId, string storeId, DateTimeOffset requestedAt)
    {
        Id = id;
        TransactionId = transactionId;
        StoreId = storeId;
        RequestedAt = requestedAt;
        StatusChangedAt = requestedAt;
    }

    public string Id { get; }

    public string TransactionId { get; }

    public string StoreId { get; }

    public DateTimeOffset RequestedAt { get; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public string Status
    {
        get => _status;
        set
        {
            _status = value;
            StatusChangedAt = PaidAt ?? FailedAt ?? CancelledAt ?? RequestedAt;
        }
    }

    public string? BillingKey { get; init; }

    public string? ScheduleId { get; init; }

    public string OrderName { get; init; } = string.Empty;

    public long Total { get; init; }

    public long TaxFree { get; init; }

    public string Currency { get; init; } = "KRW";

    public string CardNumber { get; init; } = string.Empty;

    /// <summary>The account issued for this payment when it is paid by virtual account; null for card payments.</summary>
    public FakeVirtualAccount? VirtualAccount { get; init; }

    public JsonObject? Customer { get; init; }

    public string? CustomData { get; init; }

    public DateTimeOffset? PaidAt { get; set; }

    public string? PgTxId { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? FailureReason { get; set; }

    public long Cancelled { get; set; }

    public long CancelledTaxFree { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public List<JsonObject> Cancellations { get; } = [];
}

internal sealed class FakeSchedule
{
    public FakeSchedule(string id, string paymentId, string billingKey, JsonObject input, DateTimeOffset timeToPay, DateTimeOffset createdAt)
    {
        Id = id;
        PaymentId = paymentId;
        BillingKey = billingKey;
        Input = input;
        TimeToPay = timeToPay;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public string PaymentId { get; }

    public string BillingKey { get; }

    public JsonObject Input { get; }

    public DateTimeOffset TimeToPay { get; }

    public DateTimeOffset CreatedAt { get; }

    public string StoreId { get; init; } = string.Empty;

    public string Status { get; set; } = "SCHEDULED";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A virtual account issued for one payment: where to deposit, and until when.</summary>
internal sealed class FakeVirtualAccount
{
    public FakeVirtualAccount(string bank, string accountNumber, string accountType, string remitteeName, DateTimeOffset issuedAt, DateTimeOffset expiredAt)
    {
        Bank = bank;
        AccountNumber = accountNumber;
        AccountType = accountType;
        RemitteeName = remitteeName;
        IssuedAt = issuedAt;
        ExpiredAt = expiredAt;
    }

    public string Bank { get; }

    public string AccountNumber { get; }

    public string AccountType { get; }

    public string RemitteeName { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiredAt { get; }

    public string? RemitterName { get; set; }
}
