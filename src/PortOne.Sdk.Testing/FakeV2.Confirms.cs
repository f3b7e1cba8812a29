using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>
/// Flows confirmed by the merchant's server: a payment pre-registered, authorized in the customer's browser (played
/// by the test through <see cref="FakePortOne.AuthorizeCheckout"/>), then confirmed with its payment token; and a
/// billing key authorized in the browser (<see cref="FakePortOne.AuthorizeBillingKeyIssue"/>), then confirmed,
/// alone or together with a first payment.
/// </summary>
internal sealed partial class FakeV2
{
    private readonly Dictionary<string, (long? Total, long? TaxFree, string? Currency)> _preRegistrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _paymentTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeBillingIssue> _billingIssueTokens = new(StringComparer.Ordinal);

    /// <summary>Plays a browser checkout left for the server to confirm: a READY payment and its token; null token and a reason when refused.</summary>
    public (string? Token, string? Problem) AuthorizeCheckout(string paymentId, long total, string currency, string cardNumber, string orderName)
    {
        if (Payments.TryGetValue(paymentId, out var existing) && existing.Status is not ("READY" or "FAILED"))
        {
            return (null, $"Payment {paymentId} is already {existing.Status}.");
        }

        if (_preRegistrations.TryGetValue(paymentId, out var registered)
            && ((registered.Total is { } t && t != total) || (registered.Currency is { } c && c != currency)))
        {
            return (null, $"Payment {paymentId} was pre-registered with other amounts; PortOne stops the checkout.");
        }

        var payment = new FakePayment(paymentId, NextId("tx"), _fake.StoreId, Now)
        {
            OrderName = orderName,
            Total = total,
            TaxFree = registered.TaxFree ?? 0,
            Currency = currency,
            CardNumber = cardNumber,
        };
        payment.Status = "READY";
        Payments[paymentId] = payment;
        _fake.RecordWebhook("Transaction.Ready", FakeV2Wire.TransactionData(payment));
        var token = NextId("payment-token");
        _paymentTokens[token] = paymentId;
        return (token, null);
    }

    /// <summary>Plays a browser billing-key authorization left for the server to confirm; the token to confirm it with.</summary>
    public string AuthorizeBillingKeyIssue(string cardNumber, string? paymentId, long? total, string? currency)
    {
        var token = NextId("billing-issue-token");
        _billingIssueTokens[token] = new FakeBillingIssue(cardNumber, paymentId, total, currency);
        return token;
    }

    private HttpResponseMessage PreRegister(string paymentId, JsonNode? body)
    {
        if (Payments.TryGetValue(paymentId, out var existing) && existing.Status is "PAID" or "PARTIAL_CANCELLED" or "CANCELLED")
        {
            return Error(HttpStatusCode.Conflict, "ALREADY_PAID", "A payment with this id was already paid.");
        }

        if (FakeJson.Long(body, "totalAmount") is < 0 || FakeJson.Long(body, "taxFreeAmount") is < 0)
        {
            return Invalid("totalAmount and taxFreeAmount cannot be negative.");
        }

        _preRegistrations[paymentId] = (FakeJson.Long(body, "totalAmount"), FakeJson.Long(body, "taxFreeAmount"), FakeJson.String(body, "currency"));
        return Ok(new JsonObject());
    }

    private HttpResponseMessage ConfirmPayment(string paymentId, JsonNode? body)
    {
        var token = FakeJson.String(body, "paymentToken");
        if (string.IsNullOrEmpty(token))
        {
            return Invalid("paymentToken is required.");
        }

        if (!_paymentTokens.TryGetValue(token, out var tokenPaymentId) || tokenPaymentId != paymentId)
        {
            return Error(HttpStatusCode.BadRequest, "INVALID_PAYMENT_TOKEN", "The payment token is not valid for this payment.");
        }

        if (!Payments.TryGetValue(paymentId, out var payment))
        {
            return Error(HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND", "No such payment.");
        }

        if (payment.Status != "READY")
        {
            return Error(HttpStatusCode.Conflict, "ALREADY_PAID", $"The payment is {payment.Status}, not waiting for confirmation.");
        }

        if ((FakeJson.Long(body, "totalAmount") is { } total && total != payment.Total)
            || (FakeJson.String(body, "currency") is { } currency && currency != payment.Currency)
            || (FakeJson.Long(body, "taxFreeAmount") is { } taxFree && taxFree != payment.TaxFree))
        {
            return Error(HttpStatusCode.Conflict, "INFORMATION_MISMATCH", "The amount or currency differs from what the customer authorized.");
        }

        _paymentTokens.Remove(token);
        if (payment.CardNumber == FakePortOne.TestCards.DeclinedOnPayment || payment.CardNumber == FakePortOne.TestCards.DeclinedOnIssue)
        {
            payment.FailedAt = Now;
            payment.FailureReason = "The card was declined.";
            payment.Status = "FAILED";
            _fake.RecordWebhook("Transaction.Failed", FakeV2Wire.TransactionData(payment));
            _fake.RecordCharge(new FakeCharge("V2", paymentId, "FAILED", null, payment.Total, payment.Currency, Now));
            return PgError(payment.FailureReason);
        }

        payment.PaidAt = Now;
        payment.PgTxId = NextId("pg-tx");
        payment.Status = "PAID";
        _fake.RecordWebhook("Transaction.Paid", FakeV2Wire.TransactionData(payment));
        _fake.RecordCharge(new FakeCharge("V2", paymentId, "PAID", payment.PgTxId, payment.Total, payment.Currency, Now));
        return Ok(new JsonObject { ["pgTxId"] = payment.PgTxId, ["paidAt"] = FakeJson.Time(payment.PaidAt.Value) });
    }

    private HttpResponseMessage ConfirmBillingKey(JsonNode? body, bool andPay)
    {
        var token = FakeJson.String(body, "billingIssueToken");
        if (string.IsNullOrEmpty(token))
        {
            return Invalid("billingIssueToken is required.");
        }

        if (!_billingIssueTokens.TryGetValue(token, out var issue))
        {
            return Invalid("The billing issue token is not valid.");
        }

        if (issue.BillingKey is not null)
        {
            return Error(HttpStatusCode.Conflict, "BILLING_KEY_ALREADY_ISSUED", "The billing key of this token was already issued.");
        }

        if (andPay)
        {
            if (issue.PaymentId is null)
            {
                return Invalid("This token authorized a billing key without a first payment; confirm it with confirmBillingKey.");
            }

            if ((FakeJson.String(body, "paymentId") is { } id && id != issue.PaymentId)
                || (FakeJson.Long(body, "totalAmount") is { } total && total != issue.Total)
                || (FakeJson.String(body, "currency") is { } currency && currency != issue.Currency))
            {
                return Error(HttpStatusCode.Conflict, "INFORMATION_MISMATCH", "The payment id, amount or currency differs from what the customer authorized.");
            }

            if (Payments.TryGetValue(issue.PaymentId, out var existing) && existing.Status is "PAID" or "PARTIAL_CANCELLED" or "CANCELLED")
            {
                return Error(HttpStatusCode.Conflict, "ALREADY_PAID", "A payment with this id was already paid.");
            }
        }

        if (issue.CardNumber == FakePortOne.TestCards.DeclinedOnIssue)
        {
            return PgError("The card issuer refused to issue a billing key.");
        }

        var key = NextId("billing-key");
        var billingKey = new FakeBillingKey(key, StoreIdOf(body), issue.CardNumber, Now, customer: null, customData: null);
        BillingKeys[key] = billingKey;
        issue.BillingKey = key;
        _fake.RecordWebhook("BillingKey.Issued", new JsonObject { ["billingKey"] = key, ["storeId"] = billingKey.StoreId });
        if (!andPay)
        {
            return Ok(new JsonObject { ["billingKey"] = key });
        }

        var input = new JsonObject
        {
            ["billingKey"] = key,
            ["orderName"] = "First payment",
            ["amount"] = new JsonObject { ["total"] = issue.Total },
            ["currency"] = issue.Currency,
            ["storeId"] = billingKey.StoreId,
        };
        var (_, error) = Charge(issue.PaymentId!, input, scheduleId: null);
        return error ?? Ok(new JsonObject { ["billingKey"] = key, ["paymentId"] = issue.PaymentId });
    }

    private sealed class FakeBillingIssue
    {
        public FakeBillingIssue(string cardNumber, string? paymentId, long? total, string? currency)
        {
            CardNumber = cardNumber;
            PaymentId = paymentId;
            Total = total;
            Currency = currency;
        }

        public string CardNumber { get; }

        public string? PaymentId { get; }

        public long? Total { get; }

        public string? Currency { get; }

        public string? BillingKey { get; set; }
    }
}
