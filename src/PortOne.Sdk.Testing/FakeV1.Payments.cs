using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;

namespace PortOne.Sdk.Testing;


/// <summary>Payments: charges by customer_uid or card, get, find and cancel.</summary>
internal sealed partial class FakeV1
{
    private HttpResponseMessage Again(JsonNode? body)
    {
        var customerUid = FakeJson.String(body, "customer_uid");
        var merchantUid = FakeJson.String(body, "merchant_uid");
        var amount = FakeJson.Decimal(body, "amount");
        if (customerUid is null || merchantUid is null || amount is null || FakeJson.String(body, "name") is null)
        {
            return Bad("customer_uid, merchant_uid, amount and name are required.");
        }

        if (!_customers.TryGetValue(customerUid, out var customer) || customer.Deleted)
        {
            return Envelope(HttpStatusCode.OK, 1, "No billing key is registered for this customer_uid.", null);
        }

        if (WasPaid(merchantUid))
        {
            return Envelope(HttpStatusCode.OK, 1, "This merchant_uid was already paid.", null);
        }

        return Ok(FakeV1Wire.Payment(Charge(customerUid, merchantUid, amount.Value, FakeJson.String(body, "name")!, FakeJson.String(body, "currency") ?? "KRW")));
    }

    private HttpResponseMessage Onetime(JsonNode? body)
    {
        var merchantUid = FakeJson.String(body, "merchant_uid");
        var amount = FakeJson.Decimal(body, "amount");
        var number = FakeJson.String(body, "card_number")?.Replace("-", string.Empty, StringComparison.Ordinal);
        if (merchantUid is null || amount is null || number is null || FakeJson.String(body, "expiry") is null)
        {
            return Bad("merchant_uid, amount, card_number and expiry are required.");
        }

        if (WasPaid(merchantUid))
        {
            return Envelope(HttpStatusCode.OK, 1, "This merchant_uid was already paid.", null);
        }

        if (FakeJson.String(body, "customer_uid") is { } customerUid)
        {
            var customer = _customers.TryGetValue(customerUid, out var existing) ? existing : new FakeV1Customer(customerUid, Now);
            customer.CardNumber = number;
            customer.Deleted = false;
            _customers[customerUid] = customer;
        }

        var payment = ChargeCard(number, FakeJson.String(body, "customer_uid"), merchantUid, amount.Value, FakeJson.String(body, "name") ?? string.Empty, FakeJson.String(body, "currency") ?? "KRW");
        return Ok(FakeV1Wire.Payment(payment));
    }

    private FakeV1Payment Charge(string customerUid, string merchantUid, decimal amount, string name, string currency)
    {
        var number = _customers.TryGetValue(customerUid, out var customer) && !customer.Deleted ? customer.CardNumber : FakePortOne.TestCards.DeclinedOnPayment;
        return ChargeCard(number, customerUid, merchantUid, amount, name, currency);
    }

    private FakeV1Payment ChargeCard(string cardNumber, string? customerUid, string merchantUid, decimal amount, string name, string currency)
    {
        var payment = new FakeV1Payment(NextId("imp"), merchantUid, amount, Now)
        {
            CustomerUid = customerUid,
            Name = name,
            Currency = currency,
            CardNumber = cardNumber,
        };
        if (cardNumber == FakePortOne.TestCards.DeclinedOnPayment || cardNumber == FakePortOne.TestCards.DeclinedOnIssue)
        {
            payment.Status = "failed";
            payment.FailedAt = Now;
            payment.FailReason = "The card was declined.";
        }
        else
        {
            payment.Status = "paid";
            payment.PaidAt = Now;
        }

        _payments[payment.ImpUid] = payment;
        _fake.RecordV1Notification(payment.ImpUid, payment.MerchantUid, payment.Status, customerUid);
        _fake.RecordCharge(new FakeCharge("V1", merchantUid, payment.Status == "paid" ? "PAID" : "FAILED", payment.Status == "paid" ? "pg_" + payment.ImpUid : null, (long)amount, currency, Now));
        return payment;
    }

    // PortOne does not pay one merchant_uid twice: a paid payment (refunded since or not) blocks another.
    private bool WasPaid(string merchantUid) => _payments.Values.Any(x => x.MerchantUid == merchantUid && x.PaidAt is not null);

    private HttpResponseMessage GetPayment(string impUid) =>
        _payments.TryGetValue(impUid, out var payment) ? Ok(FakeV1Wire.Payment(payment)) : NotFound("No such payment.");

    private HttpResponseMessage FindPayment(string merchantUid, string? status)
    {
        var payment = _payments.Values
            .Where(x => x.MerchantUid == merchantUid && (status is null || status == "all" || x.Status == status))
            .OrderByDescending(x => x.StartedAt)
            .FirstOrDefault();
        return payment is null ? NotFound("No such payment.") : Ok(FakeV1Wire.Payment(payment));
    }

    private HttpResponseMessage Cancel(JsonNode? body)
    {
        var impUid = FakeJson.String(body, "imp_uid");
        var merchantUid = FakeJson.String(body, "merchant_uid");
        var payment = impUid is not null
            ? _payments.GetValueOrDefault(impUid)
            : _payments.Values.Where(x => x.MerchantUid == merchantUid).OrderByDescending(x => x.StartedAt).FirstOrDefault();
        if (payment is null)
        {
            return NotFound("No such payment.");
        }

        if (payment.Status != "paid")
        {
            return Envelope(HttpStatusCode.OK, 1, "The payment is not in a cancellable state.", null);
        }

        var cancellable = payment.Amount - payment.CancelAmount;
        if (FakeJson.Decimal(body, "checksum") is { } checksum && checksum != cancellable)
        {
            return Envelope(HttpStatusCode.OK, 1, "The checksum does not match the cancellable amount.", null);
        }

        var amount = FakeJson.Decimal(body, "amount") ?? cancellable;
        if (amount <= 0 || amount > cancellable)
        {
            return Envelope(HttpStatusCode.OK, 1, "The amount exceeds what can still be cancelled.", null);
        }

        payment.CancelAmount += amount;
        payment.CancelReason = FakeJson.String(body, "reason");
        payment.CancelledAt = Now;
        var cancellationId = NextId("cancel");
        payment.Cancellations.Add(new JsonObject
        {
            ["pg_tid"] = "pg_" + payment.ImpUid,
            ["amount"] = amount,
            ["cancelled_at"] = Now.ToUnixTimeSeconds(),
            ["reason"] = payment.CancelReason ?? string.Empty,
            ["cancellation_id"] = cancellationId,
        });
        _fake.RecordRefund(new FakeRefund("V1", payment.MerchantUid, cancellationId, (long)amount, payment.CancelReason, Now));
        if (payment.CancelAmount == payment.Amount)
        {
            payment.Status = "cancelled";
        }

        // iamport notifies on a cancellation too; a partial one leaves the payment (and the status sent) paid.
        _fake.RecordV1Notification(payment.ImpUid, payment.MerchantUid, payment.Status, payment.CustomerUid);
        return Ok(FakeV1Wire.Payment(payment));
    }
}
