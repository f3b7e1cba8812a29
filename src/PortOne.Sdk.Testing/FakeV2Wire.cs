using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>
/// The JSON PortOne's V2 API answers with, one shape per resource (payment, billing key, schedule, webhook data),
/// written once and used by every operation and webhook that shows the resource.
/// </summary>
internal static class FakeV2Wire
{
    public static JsonObject BillingKey(FakeBillingKey key, string merchantId)
    {
        var json = new JsonObject
        {
            ["status"] = key.DeletedAt is null ? "ISSUED" : "DELETED",
            ["billingKey"] = key.Key,
            ["merchantId"] = merchantId,
            ["storeId"] = key.StoreId,
            ["methods"] = new JsonArray(new JsonObject { ["type"] = "BillingKeyPaymentMethodCard", ["card"] = Card(key.CardNumber) }),
            ["channels"] = new JsonArray(Channel()),
            ["customer"] = Customer(key.Customer),
            ["issuedAt"] = FakeJson.Time(key.IssuedAt),
            ["requestedAt"] = FakeJson.Time(key.IssuedAt),
        };
        if (key.CustomData is not null)
        {
            json["customData"] = key.CustomData;
        }

        if (key.DeletedAt is { } deletedAt)
        {
            json["deletedAt"] = FakeJson.Time(deletedAt);
        }

        return json;
    }

    public static JsonObject Payment(FakePayment payment, string merchantId)
    {
        var json = new JsonObject
        {
            ["status"] = payment.Status,
            ["id"] = payment.Id,
            ["transactionId"] = payment.TransactionId,
            ["merchantId"] = merchantId,
            ["storeId"] = payment.StoreId,
            ["method"] = Method(payment),
            ["channel"] = Channel(),
            ["version"] = "V2",
            ["requestedAt"] = FakeJson.Time(payment.RequestedAt),
            ["updatedAt"] = FakeJson.Time(payment.StatusChangedAt),
            ["statusChangedAt"] = FakeJson.Time(payment.StatusChangedAt),
            ["orderName"] = payment.OrderName,
            ["amount"] = new JsonObject
            {
                ["total"] = payment.Total,
                ["taxFree"] = payment.TaxFree,
                ["vat"] = (payment.Total - payment.TaxFree) / 11,
                ["supply"] = payment.Total - payment.TaxFree - ((payment.Total - payment.TaxFree) / 11),
                ["discount"] = 0,
                ["paid"] = payment.PaidAt is null ? 0 : payment.Total, // a closed, never-paid virtual account is CANCELLED with nothing paid
                ["cancelled"] = payment.Cancelled,
                ["cancelledTaxFree"] = payment.CancelledTaxFree,
            },
            ["currency"] = payment.Currency,
            ["customer"] = Customer(payment.Customer),
            ["origin"] = new JsonObject { ["platformType"] = "API", ["ipAddress"] = "127.0.0.1" },
        };
        if (payment.BillingKey is not null)
        {
            json["billingKey"] = payment.BillingKey;
        }

        if (payment.ScheduleId is not null)
        {
            json["scheduleId"] = payment.ScheduleId;
        }

        if (payment.CustomData is not null)
        {
            json["customData"] = payment.CustomData;
        }

        if (payment.PaidAt is { } paidAt)
        {
            json["paidAt"] = FakeJson.Time(paidAt);
            json["pgTxId"] = payment.PgTxId;
        }
        else if (payment.Status == "VIRTUAL_ACCOUNT_ISSUED")
        {
            json["pgTxId"] = payment.PgTxId;
        }

        switch (payment.Status)
        {
            case "PAID":
                json["disputes"] = new JsonArray();
                json["cancellations"] = new JsonArray();
                break;
            case "FAILED":
                json["failedAt"] = FakeJson.Time(payment.FailedAt!.Value);
                json["failure"] = new JsonObject { ["reason"] = payment.FailureReason, ["pgCode"] = "F001", ["pgMessage"] = payment.FailureReason };
                break;
            case "CANCELLED" or "PARTIAL_CANCELLED":
                json["cancellations"] = new JsonArray(payment.Cancellations.Select(x => x.DeepClone()).ToArray());
                json["cancelledAt"] = FakeJson.Time(payment.CancelledAt!.Value);
                break;
        }

        return json;
    }

    public static JsonObject TransactionData(FakePayment payment) => new()
    {
        ["paymentId"] = payment.Id,
        ["storeId"] = payment.StoreId,
        ["transactionId"] = payment.TransactionId,
    };

    public static JsonObject Schedule(FakeSchedule schedule, string merchantId)
    {
        var input = schedule.Input;
        var amount = FakeJson.Object(input, "amount");
        var json = new JsonObject
        {
            ["status"] = schedule.Status,
            ["id"] = schedule.Id,
            ["merchantId"] = merchantId,
            ["storeId"] = schedule.StoreId,
            ["paymentId"] = schedule.PaymentId,
            ["billingKey"] = schedule.BillingKey,
            ["orderName"] = FakeJson.String(input, "orderName"),
            ["isCulturalExpense"] = false,
            ["isEscrow"] = false,
            ["customer"] = Customer(FakeJson.Object(input, "customer")),
            ["customData"] = FakeJson.String(input, "customData") ?? string.Empty,
            ["totalAmount"] = FakeJson.Long(amount, "total"),
            ["currency"] = FakeJson.String(input, "currency"),
            ["createdAt"] = FakeJson.Time(schedule.CreatedAt),
            ["timeToPay"] = FakeJson.Time(schedule.TimeToPay),
        };
        if (FakeJson.Long(amount, "taxFree") is { } taxFree)
        {
            json["taxFreeAmount"] = taxFree;
        }

        if (schedule.StartedAt is { } startedAt)
        {
            json["startedAt"] = FakeJson.Time(startedAt);
        }

        if (schedule.CompletedAt is { } completedAt)
        {
            json["completedAt"] = FakeJson.Time(completedAt);
        }

        if (schedule.RevokedAt is { } revokedAt)
        {
            json["revokedAt"] = FakeJson.Time(revokedAt);
        }

        return json;
    }

    /// <summary>How the payment was paid: the card, or the virtual account issued for it.</summary>
    public static JsonObject Method(FakePayment payment)
    {
        if (payment.VirtualAccount is not { } account)
        {
            return new JsonObject { ["type"] = "PaymentMethodCard", ["card"] = Card(payment.CardNumber) };
        }

        var json = new JsonObject
        {
            ["type"] = "PaymentMethodVirtualAccount",
            ["bank"] = account.Bank,
            ["accountNumber"] = account.AccountNumber,
            ["accountType"] = account.AccountType,
            ["remitteeName"] = account.RemitteeName,
            ["expiredAt"] = FakeJson.Time(account.ExpiredAt),
            ["issuedAt"] = FakeJson.Time(account.IssuedAt),
        };
        if (account.RemitterName is not null)
        {
            json["remitterName"] = account.RemitterName;
        }

        return json;
    }

    public static JsonObject Channel() => new()
    {
        ["type"] = "TEST",
        ["id"] = "channel-fake",
        ["key"] = "channel-key-fake",
        ["name"] = "Fake PG",
        ["pgProvider"] = "INICIS_V2",
        ["pgMerchantId"] = "fake-pg-merchant",
    };

    public static JsonObject Card(string number) => new()
    {
        ["bin"] = number.Length >= 6 ? number[..6] : number,
        ["number"] = FakeJson.MaskCard(number),
        ["brand"] = number.StartsWith('4') ? "VISA" : "LOCAL",
        ["type"] = "CREDIT",
        ["ownerType"] = "PERSONAL",
    };

    public static JsonObject Customer(JsonObject? input)
    {
        var customer = new JsonObject();
        if (input is null)
        {
            return customer;
        }

        foreach (var field in new[] { "id", "email", "phoneNumber" })
        {
            if (FakeJson.String(input, field) is { } value)
            {
                customer[field] = value;
            }
        }

        if (FakeJson.Object(input, "name") is { } name && FakeJson.String(name, "full") is { } full)
        {
            customer["name"] = full;
        }

        return customer;
    }
}
