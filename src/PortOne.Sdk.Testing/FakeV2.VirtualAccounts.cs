using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>
/// Virtual accounts: issued by an instant payment, paid by a deposit the test makes, expired by moving the clock
/// past their due time, closed by the merchant.
/// </summary>
internal sealed partial class FakeV2
{
    /// <summary>How long an account stays open when the request's expiry names neither a due date nor hours.</summary>
    internal static readonly TimeSpan DefaultVirtualAccountValidity = TimeSpan.FromHours(72);

    private const long MaxVirtualAccountHours = 24 * 365 * 10;

    private int _accountSequence;

    /// <summary>
    /// Makes a deposit into the account issued for <paramref name="paymentId"/>. Null when it went through (the
    /// payment is then PAID), else why it was refused.
    /// </summary>
    public string? Deposit(string paymentId, long? amount)
    {
        ExpireVirtualAccounts();
        if (!Payments.TryGetValue(paymentId, out var payment) || payment.VirtualAccount is not { } account)
        {
            return $"No virtual account was issued for payment {paymentId}.";
        }

        if (payment.Status != "VIRTUAL_ACCOUNT_ISSUED")
        {
            return payment.Status == "FAILED" && payment.FailedAt == account.ExpiredAt
                ? $"The virtual account of payment {paymentId} expired at {FakeJson.Time(account.ExpiredAt)}; the bank refuses the deposit."
                : $"Payment {paymentId} is {payment.Status}, not waiting for a deposit.";
        }

        if (amount is { } deposited && deposited != payment.Total)
        {
            return $"The deposit must be the payment's full amount ({payment.Total}), not {deposited}.";
        }

        payment.PaidAt = Now;
        payment.Status = "PAID";
        account.RemitterName = FakeJson.String(FakeJson.Object(payment.Customer, "name"), "full");
        _fake.RecordWebhook("Transaction.Paid", FakeV2Wire.TransactionData(payment));
        _fake.RecordCharge(new FakeCharge("V2", paymentId, "PAID", payment.PgTxId, payment.Total, payment.Currency, Now));
        return null;
    }

    /// <summary>Fails every issued account whose due time the clock has reached: no deposit can arrive any more.</summary>
    public void ExpireVirtualAccounts()
    {
        var expired = Payments.Values
            .Where(x => x.Status == "VIRTUAL_ACCOUNT_ISSUED" && x.VirtualAccount!.ExpiredAt <= Now)
            .OrderBy(x => x.VirtualAccount!.ExpiredAt).ThenBy(x => x.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var payment in expired)
        {
            payment.FailedAt = payment.VirtualAccount!.ExpiredAt;
            payment.FailureReason = "The virtual account expired before any deposit.";
            payment.Status = "FAILED";
            _fake.RecordWebhook("Transaction.Failed", FakeV2Wire.TransactionData(payment));
        }
    }

    private HttpResponseMessage IssueVirtualAccount(string paymentId, JsonNode body, JsonObject input)
    {
        var bank = FakeJson.String(input, "bank");
        if (string.IsNullOrEmpty(bank))
        {
            return Invalid("method.virtualAccount.bank is required.");
        }

        var expiry = FakeJson.Object(input, "expiry");
        if (expiry is null)
        {
            return Invalid("method.virtualAccount.expiry is required (dueDate or validHours).");
        }

        DateTimeOffset expiredAt;
        if (expiry.ContainsKey("dueDate"))
        {
            if (FakeJson.Time(expiry, "dueDate") is not { } dueDate)
            {
                return Invalid("method.virtualAccount.expiry.dueDate is not an ISO 8601 date and time.");
            }

            expiredAt = dueDate;
        }
        else if (expiry.ContainsKey("validHours"))
        {
            // The cap keeps the arithmetic below in range; no real account stays open for ten years.
            if (FakeJson.Long(expiry, "validHours") is not { } hours || hours <= 0 || hours > MaxVirtualAccountHours)
            {
                return Invalid($"method.virtualAccount.expiry.validHours must be a whole number of hours from 1 to {MaxVirtualAccountHours}.");
            }

            expiredAt = Now + TimeSpan.FromHours(hours);
        }
        else
        {
            expiredAt = Now + DefaultVirtualAccountValidity;
        }

        if (expiredAt <= Now)
        {
            return Invalid("The virtual account's due date must lie in the future.");
        }

        // The option is required by the schema, yet PortOne's own KG Inicis example leaves it out: NORMAL then.
        var option = FakeJson.Object(input, "option");
        var accountType = FakeJson.String(option, "type") ?? "NORMAL";
        string accountNumber;
        switch (accountType)
        {
            case "NORMAL":
                accountNumber = "5620" + (++_accountSequence).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "FIXED":
                var fixedInput = FakeJson.Object(option, "fixed");
                var given = FakeJson.String(fixedInput, "accountNumber");
                var pgAccountId = FakeJson.String(fixedInput, "pgAccountId");
                if ((given is null) == (pgAccountId is null))
                {
                    return Invalid("A FIXED virtual account needs exactly one of option.fixed.accountNumber and option.fixed.pgAccountId.");
                }

                accountNumber = given ?? FixedAccountNumber(pgAccountId!);
                break;
            default:
                return Invalid($"method.virtualAccount.option.type must be NORMAL or FIXED, not {accountType}.");
        }

        var amount = FakeJson.Object(body, "amount");
        var payment = new FakePayment(paymentId, NextId("tx"), StoreIdOf(body), Now)
        {
            OrderName = FakeJson.String(body, "orderName") ?? string.Empty,
            Total = FakeJson.Long(amount, "total") ?? 0,
            TaxFree = FakeJson.Long(amount, "taxFree") ?? 0,
            Currency = FakeJson.String(body, "currency") ?? "KRW",
            Customer = FakeJson.Object(body, "customer")?.DeepClone() as JsonObject,
            CustomData = FakeJson.String(body, "customData"),
            VirtualAccount = new FakeVirtualAccount(bank!, accountNumber, accountType, FakeJson.String(input, "remitteeName") ?? "Fake Store", Now, expiredAt),
        };
        payment.PgTxId = NextId("pg-tx");
        payment.Status = "VIRTUAL_ACCOUNT_ISSUED";
        Payments[paymentId] = payment;
        _fake.RecordWebhook("Transaction.VirtualAccountIssued", FakeV2Wire.TransactionData(payment));

        // PortOne reports the issue time where a card payment reports its payment time.
        return Ok(new JsonObject
        {
            ["payment"] = new JsonObject { ["pgTxId"] = payment.PgTxId, ["paidAt"] = FakeJson.Time(payment.RequestedAt) },
        });
    }

    private HttpResponseMessage CloseVirtualAccount(string paymentId)
    {
        ExpireVirtualAccounts();
        if (!Payments.TryGetValue(paymentId, out var payment))
        {
            return Error(HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND", "No such payment.");
        }

        if (payment.Status != "VIRTUAL_ACCOUNT_ISSUED")
        {
            return Error(HttpStatusCode.Conflict, "PAYMENT_NOT_WAITING_FOR_DEPOSIT", "The payment is not waiting for a deposit.");
        }

        payment.CancelledAt = Now;
        payment.Status = "CANCELLED";
        // No webhook: the Transaction.Cancelled payload PortOne documents names a cancellation, and closing an account
        // nobody paid into makes none, so any payload the fake sent here would be one PortOne does not describe.
        return Ok(new JsonObject { ["closedAt"] = FakeJson.Time(Now) });
    }

    private static bool HasRefundAccount(JsonObject? account) =>
        !string.IsNullOrEmpty(FakeJson.String(account, "bank"))
        && !string.IsNullOrEmpty(FakeJson.String(account, "number"))
        && !string.IsNullOrEmpty(FakeJson.String(account, "holderName"));

    // The same pgAccountId always maps to the same account number, as PortOne's fixed accounts do.
    private static string FixedAccountNumber(string pgAccountId)
    {
        var hash = 17u;
        foreach (var c in pgAccountId)
        {
            hash = unchecked((hash * 31) + c);
        }

        return "5629" + (hash % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
