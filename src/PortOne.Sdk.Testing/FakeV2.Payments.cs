using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using PortOne.Sdk.Http;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Testing;

/// <summary>Payments: charges by billing key or card, get, list and cancel.</summary>
internal sealed partial class FakeV2
{
    private HttpResponseMessage PayWithBillingKey(string paymentId, JsonNode? body)
    {
        var key = FakeJson.String(body, "billingKey");
        if (key is null || FakeJson.String(body, "orderName") is null || FakeJson.Long(FakeJson.Object(body, "amount"), "total") is null || FakeJson.String(body, "currency") is null)
        {
            return Invalid("billingKey, orderName, amount.total and currency are required.");
        }

        if (CheckBillingKey(key) is { } refused)
        {
            return refused;
        }

        if (KgInicisRefusesBillingKeyPayment(body) is { } pgRefused)
        {
            return pgRefused;
        }

        if (Payments.TryGetValue(paymentId, out var existing) && existing.Status is "PAID" or "PARTIAL_CANCELLED" or "CANCELLED")
        {
            return Error(HttpStatusCode.Conflict, "ALREADY_PAID", "A payment with this id was already paid.");
        }

        var (payment, error) = Charge(paymentId, body!, scheduleId: null);
        return error ?? Ok(new JsonObject
        {
            ["payment"] = new JsonObject { ["pgTxId"] = payment.PgTxId, ["paidAt"] = FakeJson.Time(payment.PaidAt!.Value) },
        });
    }

    private HttpResponseMessage PayInstantly(string paymentId, JsonNode? body)
    {
        var method = FakeJson.Object(body, "method");
        var virtualAccount = FakeJson.Object(method, "virtualAccount");
        var credential = FakeJson.Object(FakeJson.Object(method, "card"), "credential");
        if (credential is null && virtualAccount is null)
        {
            return Invalid("Give method.card.credential or method.virtualAccount.");
        }

        if (FakeJson.String(body, "orderName") is null || FakeJson.Long(FakeJson.Object(body, "amount"), "total") is null || FakeJson.String(body, "currency") is null)
        {
            return Invalid("orderName, amount.total and currency are required.");
        }

        if (Payments.TryGetValue(paymentId, out var existing) && existing.Status is "PAID" or "PARTIAL_CANCELLED" or "CANCELLED")
        {
            return Error(HttpStatusCode.Conflict, "ALREADY_PAID", "A payment with this id was already paid.");
        }

        if (KgInicisRefusesInstantPayment(body) is { } pgRefused)
        {
            return pgRefused;
        }

        if (virtualAccount is not null)
        {
            return existing?.Status == "VIRTUAL_ACCOUNT_ISSUED"
                ? Error(HttpStatusCode.Conflict, "ALREADY_PAID", "A virtual account was already issued for this payment id.")
                : IssueVirtualAccount(paymentId, body!, virtualAccount);
        }

        credential ??= new JsonObject();

        var (payment, error) = Charge(paymentId, body!, scheduleId: null, cardNumber: FakeJson.String(credential, "number") ?? string.Empty);
        return error ?? Ok(new JsonObject
        {
            ["payment"] = new JsonObject { ["pgTxId"] = payment.PgTxId, ["paidAt"] = FakeJson.Time(payment.PaidAt!.Value) },
        });
    }

    private HttpResponseMessage? CheckBillingKey(string key)
    {
        if (!BillingKeys.TryGetValue(key, out var billingKey))
        {
            return Error(HttpStatusCode.NotFound, "BILLING_KEY_NOT_FOUND", "No such billing key.");
        }

        return billingKey.DeletedAt is null ? null : Error(HttpStatusCode.Conflict, "BILLING_KEY_ALREADY_DELETED", "The billing key was deleted.");
    }

    /// <summary>Charges a billing key (or a card for instant payments), recording a PAID or FAILED payment and its webhook.</summary>
    private (FakePayment Payment, HttpResponseMessage? Error) Charge(string paymentId, JsonNode input, string? scheduleId, string? cardNumber = null, string? pgRefusal = null)
    {
        var key = FakeJson.String(input, "billingKey");
        FakeBillingKey? billingKey = null;
        if (key is not null)
        {
            BillingKeys.TryGetValue(key, out billingKey);
        }

        var number = cardNumber ?? billingKey?.CardNumber ?? string.Empty;
        var amount = FakeJson.Object(input, "amount");
        var payment = new FakePayment(paymentId, NextId("tx"), StoreIdOf(input), Now)
        {
            BillingKey = key,
            ScheduleId = scheduleId,
            OrderName = FakeJson.String(input, "orderName") ?? string.Empty,
            Total = FakeJson.Long(amount, "total") ?? 0,
            TaxFree = FakeJson.Long(amount, "taxFree") ?? 0,
            Currency = FakeJson.String(input, "currency") ?? "KRW",
            CardNumber = number,
            Customer = (FakeJson.Object(input, "customer") ?? billingKey?.Customer)?.DeepClone() as JsonObject,
            CustomData = FakeJson.String(input, "customData"),
        };
        Payments[paymentId] = payment;

        var billingKeyGone = key is not null && (billingKey is null || billingKey.DeletedAt is not null);
        if (billingKeyGone || pgRefusal is not null || number == FakePortOne.TestCards.DeclinedOnPayment || number == FakePortOne.TestCards.DeclinedOnIssue)
        {
            payment.FailedAt = Now;
            payment.FailureReason = billingKeyGone ? "The billing key no longer exists." : pgRefusal ?? "The card was declined.";
            payment.Status = "FAILED";
            _fake.RecordWebhook("Transaction.Failed", FakeV2Wire.TransactionData(payment));
            _fake.RecordCharge(new FakeCharge("V2", paymentId, "FAILED", null, payment.Total, payment.Currency, Now));
            return (payment, billingKeyGone
                ? Error(HttpStatusCode.Conflict, "BILLING_KEY_ALREADY_DELETED", payment.FailureReason)
                : PgError(payment.FailureReason));
        }

        payment.Status = "PAID";
        payment.PaidAt = Now;
        payment.PgTxId = NextId("pg-tx");
        _fake.RecordWebhook("Transaction.Paid", FakeV2Wire.TransactionData(payment));
        _fake.RecordCharge(new FakeCharge("V2", paymentId, "PAID", payment.PgTxId, payment.Total, payment.Currency, Now));
        return (payment, null);
    }

    private static HttpResponseMessage PgError(string message) =>
        Error(HttpStatusCode.BadGateway, "PG_PROVIDER", message, new JsonObject { ["pgCode"] = "F001", ["pgMessage"] = message });

    private HttpResponseMessage GetPayment(string paymentId) =>
        Payments.TryGetValue(paymentId, out var payment)
            ? Ok(FakeV2Wire.Payment(payment, _fake.MerchantId))
            : Error(HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND", "No such payment.");

    private HttpResponseMessage ListPayments(FakeRequest request)
    {
        var body = RequestBody(request);
        var statuses = Strings(FakeJson.Object(body, "filter"), "status");
        var items = Payments.Values
            .Where(x => statuses.Count == 0 || statuses.Contains(x.Status))
            .OrderByDescending(x => x.RequestedAt).ThenByDescending(x => x.Id, StringComparer.Ordinal)
            .Select(x => (JsonNode)FakeV2Wire.Payment(x, _fake.MerchantId));
        return Page(body, items);
    }

    private HttpResponseMessage Cancel(string paymentId, JsonNode? body)
    {
        var reason = FakeJson.String(body, "reason");
        if (string.IsNullOrEmpty(reason))
        {
            return Invalid("reason is required.");
        }

        if (!Payments.TryGetValue(paymentId, out var payment))
        {
            return Error(HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND", "No such payment.");
        }

        if (payment.Status == "CANCELLED")
        {
            return Error(HttpStatusCode.Conflict, "PAYMENT_ALREADY_CANCELLED", "The payment was already cancelled in full.");
        }

        if (payment.Status is not ("PAID" or "PARTIAL_CANCELLED"))
        {
            return Error(HttpStatusCode.Conflict, "PAYMENT_NOT_PAID", "Only a paid payment can be cancelled.");
        }

        // Money deposited to a virtual account goes back by bank transfer: PortOne needs the account to send it to.
        if (payment.VirtualAccount is not null && !HasRefundAccount(FakeJson.Object(body, "refundAccount")))
        {
            return Invalid("refundAccount (bank, number and holderName) is required to cancel a virtual-account payment.");
        }

        var cancellable = payment.Total - payment.Cancelled;
        if (FakeJson.Long(body, "currentCancellableAmount") is { } expected && expected != cancellable)
        {
            return Error(HttpStatusCode.Conflict, "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN", "The cancellable amount is not what the caller expected.");
        }

        var amount = FakeJson.Long(body, "amount") ?? cancellable;
        if (amount <= 0 || amount > cancellable)
        {
            return Error(HttpStatusCode.BadRequest, "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT", "The amount exceeds what can still be cancelled.");
        }

        var taxFree = FakeJson.Long(body, "taxFreeAmount") ?? 0;
        var cancellation = new JsonObject
        {
            ["status"] = "SUCCEEDED",
            ["id"] = NextId("cancellation"),
            ["pgCancellationId"] = NextId("pg-cancel"),
            ["totalAmount"] = amount,
            ["taxFreeAmount"] = taxFree,
            ["vatAmount"] = (amount - taxFree) / 11,
            ["reason"] = reason,
            ["cancelledAt"] = FakeJson.Time(Now),
            ["requestedAt"] = FakeJson.Time(Now),
        };
        payment.Cancelled += amount;
        payment.CancelledTaxFree += taxFree;
        payment.Cancellations.Add(cancellation);
        payment.CancelledAt = Now;
        payment.Status = payment.Cancelled == payment.Total ? "CANCELLED" : "PARTIAL_CANCELLED";
        _fake.RecordRefund(new FakeRefund("V2", paymentId, cancellation["id"]!.GetValue<string>(), amount, reason, Now));
        var data = FakeV2Wire.TransactionData(payment);
        data["cancellationId"] = cancellation["id"]!.GetValue<string>();
        _fake.RecordWebhook(payment.Status == "CANCELLED" ? "Transaction.Cancelled" : "Transaction.PartialCancelled", data);
        return Ok(new JsonObject { ["cancellation"] = cancellation.DeepClone() });
    }
}
