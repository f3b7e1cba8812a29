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

/// <summary>The V2 half of the fake: state and the answers PortOne's V2 API would give. Called under the fake's lock.</summary>
internal sealed class FakeV2
{
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(1);

    private readonly FakePortOne _fake;
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _refreshTokens = new(StringComparer.Ordinal);
    private int _sequence;

    public FakeV2(FakePortOne fake)
    {
        _fake = fake;
    }

    public Dictionary<string, FakeBillingKey> BillingKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakePayment> Payments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeSchedule> Schedules { get; } = new(StringComparer.Ordinal);

    private DateTimeOffset Now => _fake.Clock.GetUtcNow();

    public HttpResponseMessage Handle(FakeRequest request)
    {
        var s = request.Segments;
        if (request.Is(HttpMethod.Post, 2) && s[0] == "login" && s[1] == "api-secret")
        {
            return Login(request);
        }

        if (request.Is(HttpMethod.Post, 2) && s[0] == "token" && s[1] == "refresh")
        {
            return Refresh(request);
        }

        if (!IsAuthorized(request.Message))
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "The credential is missing, wrong or expired.");
        }

        var operation = V2Operations.All
            .Select(o => (Operation: o, Score: o.Match(request.Method.Method, s)))
            .Where(m => m.Score >= 0)
            .OrderByDescending(m => m.Score)
            .Select(m => m.Operation)
            .FirstOrDefault();
        if (operation is null)
        {
            return Error(HttpStatusCode.NotFound, "INVALID_REQUEST", $"PortOne's V2 API has no {request.Method} /{string.Join("/", s)}.");
        }

        return Routes.TryGetValue(operation, out var handle)
            ? handle(this, request)
            : Error(HttpStatusCode.NotImplemented, "NOT_EMULATED", $"The fake PortOne does not emulate {operation.OperationId} ({operation.Method} {operation.PathTemplate}); only its answer is missing, the request reached the right operation.");
    }

    // The operations the fake emulates, keyed by the same descriptors the client sends them with.
    private static readonly Dictionary<PortOneOperation, Func<FakeV2, FakeRequest, HttpResponseMessage>> Routes = new()
    {
        [V2Operations.IssueBillingKey] = (f, r) => f.IssueBillingKey(r),
        [V2Operations.GetBillingKeyInfos] = (f, r) => f.ListBillingKeys(r),
        [V2Operations.GetBillingKeyInfo] = (f, r) => f.GetBillingKey(r.Segments[1]),
        [V2Operations.DeleteBillingKey] = (f, r) => f.DeleteBillingKey(r.Segments[1]),
        [V2Operations.GetPayments] = (f, r) => f.ListPayments(r),
        [V2Operations.GetPayment] = (f, r) => f.GetPayment(r.Segments[1]),
        [V2Operations.PayWithBillingKey] = (f, r) => f.PayWithBillingKey(r.Segments[1], r.Body),
        [V2Operations.PayInstantly] = (f, r) => f.PayInstantly(r.Segments[1], r.Body),
        [V2Operations.CancelPayment] = (f, r) => f.Cancel(r.Segments[1], r.Body),
        [V2Operations.CreatePaymentSchedule] = (f, r) => f.CreateSchedule(r.Segments[1], r.Body),
        [V2Operations.GetPaymentSchedules] = (f, r) => f.ListSchedules(r),
        [V2Operations.GetPaymentSchedule] = (f, r) => f.GetSchedule(r.Segments[1]),
        [V2Operations.RevokePaymentSchedules] = (f, r) => f.RevokeSchedules(r),
    };

    /// <summary>Runs every schedule that is due, oldest first.</summary>
    public void RunDueSchedules()
    {
        var due = Schedules.Values.Where(x => x.Status == "SCHEDULED" && x.TimeToPay <= Now).OrderBy(x => x.TimeToPay).ThenBy(x => x.CreatedAt).ToList();
        foreach (var schedule in due)
        {
            schedule.StartedAt = Now;
            var (payment, _) = Charge(schedule.PaymentId, schedule.Input, schedule.Id);
            schedule.Status = payment.Status == "PAID" ? "SUCCEEDED" : "FAILED";
            schedule.CompletedAt = Now;
        }
    }

    private static HttpResponseMessage Ok(JsonNode body) => FakeResponses.Json(HttpStatusCode.OK, body);

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["type"] = type, ["message"] = message };
        if (extra is not null)
        {
            foreach (var pair in extra.ToList())
            {
                extra.Remove(pair.Key);
                body[pair.Key] = pair.Value;
            }
        }

        return FakeResponses.Json(status, body);
    }

    private static HttpResponseMessage Invalid(string message) => Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", message);

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence):D6}";

    private string StoreIdOf(JsonNode? body) => FakeJson.String(body, "storeId") ?? _fake.StoreId;

    // ---- auth -------------------------------------------------------------------------------------------------

    private bool IsAuthorized(HttpRequestMessage message)
    {
        var header = message.Headers.Authorization;
        if (header is null)
        {
            return false;
        }

        if (string.Equals(header.Scheme, "PortOne", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter == _fake.V2ApiSecret;
        }

        return string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } token
            && _accessTokens.TryGetValue(token, out var expiresAt)
            && Now < expiresAt;
    }

    private HttpResponseMessage Login(FakeRequest request)
    {
        if (FakeJson.String(request.Body, "apiSecret") != _fake.V2ApiSecret)
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "The API secret is not valid.");
        }

        return IssueTokens();
    }

    private HttpResponseMessage Refresh(FakeRequest request)
    {
        var refreshToken = FakeJson.String(request.Body, "refreshToken");
        if (refreshToken is null || !_refreshTokens.TryGetValue(refreshToken, out var expiresAt) || Now >= expiresAt)
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "The refresh token is not valid.");
        }

        _refreshTokens.Remove(refreshToken);
        return IssueTokens();
    }

    private HttpResponseMessage IssueTokens()
    {
        var now = Now;
        var access = Jwt(now, now + AccessTokenLifetime, "access");
        var refresh = Jwt(now, now + RefreshTokenLifetime, "refresh");
        _accessTokens[access] = now + AccessTokenLifetime;
        _refreshTokens[refresh] = now + RefreshTokenLifetime;
        _fake.Counters.Increment("V2.Login");
        return Ok(new JsonObject { ["accessToken"] = access, ["refreshToken"] = refresh });
    }

    private string Jwt(DateTimeOffset issuedAt, DateTimeOffset expiresAt, string kind)
    {
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64Url(new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["sub"] = _fake.StoreId,
            ["kind"] = kind,
            ["jti"] = NextId("jwt"),
        }.ToJsonString());
        return $"{header}.{payload}.fake-signature";
    }

    // ---- billing keys -----------------------------------------------------------------------------------------

    private HttpResponseMessage IssueBillingKey(FakeRequest request)
    {
        var credential = FakeJson.Object(FakeJson.Object(FakeJson.Object(request.Body, "method"), "card"), "credential");
        if (credential is null)
        {
            return Invalid("Only card billing keys (method.card.credential) are supported by the fake.");
        }

        var number = FakeJson.String(credential, "number") ?? string.Empty;
        if (number.Length is < 13 or > 19 || !number.All(char.IsAsciiDigit))
        {
            return Invalid("The card number is not valid.");
        }

        if (number == FakePortOne.TestCards.DeclinedOnIssue)
        {
            return PgError("The card issuer refused to issue a billing key.");
        }

        var key = NextId("billing-key");
        var billingKey = new FakeBillingKey(key, StoreIdOf(request.Body), number, Now, FakeJson.Object(request.Body, "customer")?.DeepClone() as JsonObject, FakeJson.String(request.Body, "customData"));
        BillingKeys[key] = billingKey;
        _fake.RecordWebhook("BillingKey.Issued", new JsonObject { ["billingKey"] = key, ["storeId"] = billingKey.StoreId });
        return Ok(new JsonObject
        {
            ["billingKeyInfo"] = new JsonObject
            {
                ["billingKey"] = key,
                ["channels"] = new JsonArray(Channel()),
                ["issuedAt"] = FakeJson.Time(billingKey.IssuedAt),
            },
        });
    }

    private HttpResponseMessage GetBillingKey(string key) =>
        BillingKeys.TryGetValue(key, out var billingKey)
            ? Ok(BillingKeyJson(billingKey))
            : Error(HttpStatusCode.NotFound, "BILLING_KEY_NOT_FOUND", "No such billing key.");

    private HttpResponseMessage DeleteBillingKey(string key)
    {
        if (!BillingKeys.TryGetValue(key, out var billingKey))
        {
            return Error(HttpStatusCode.NotFound, "BILLING_KEY_NOT_FOUND", "No such billing key.");
        }

        if (billingKey.DeletedAt is not null)
        {
            return Error(HttpStatusCode.Conflict, "BILLING_KEY_ALREADY_DELETED", "The billing key was already deleted.");
        }

        if (Schedules.Values.Any(x => x.BillingKey == key && x.Status == "SCHEDULED"))
        {
            return Error(HttpStatusCode.Conflict, "PAYMENT_SCHEDULE_ALREADY_EXISTS", "Revoke the billing key's payment schedules first.");
        }

        billingKey.DeletedAt = Now;
        _fake.RecordWebhook("BillingKey.Deleted", new JsonObject { ["billingKey"] = key, ["storeId"] = billingKey.StoreId });
        return Ok(new JsonObject { ["deletedAt"] = FakeJson.Time(billingKey.DeletedAt.Value) });
    }

    private HttpResponseMessage ListBillingKeys(FakeRequest request)
    {
        var body = RequestBody(request);
        var statuses = Strings(FakeJson.Object(body, "filter"), "status");
        var items = BillingKeys.Values
            .Where(x => statuses.Count == 0 || statuses.Contains(x.DeletedAt is null ? "ISSUED" : "DELETED"))
            .OrderByDescending(x => x.IssuedAt).ThenByDescending(x => x.Key, StringComparer.Ordinal)
            .Select(x => (JsonNode)BillingKeyJson(x));
        return Page(body, items);
    }

    private JsonObject BillingKeyJson(FakeBillingKey key)
    {
        var json = new JsonObject
        {
            ["status"] = key.DeletedAt is null ? "ISSUED" : "DELETED",
            ["billingKey"] = key.Key,
            ["merchantId"] = _fake.MerchantId,
            ["storeId"] = key.StoreId,
            ["methods"] = new JsonArray(new JsonObject { ["type"] = "BillingKeyPaymentMethodCard", ["card"] = CardJson(key.CardNumber) }),
            ["channels"] = new JsonArray(Channel()),
            ["customer"] = CustomerJson(key.Customer),
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

    // ---- payments ---------------------------------------------------------------------------------------------

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
        var credential = FakeJson.Object(FakeJson.Object(FakeJson.Object(body, "method"), "card"), "credential");
        if (credential is null)
        {
            return Invalid("The fake supports instant payments by card (method.card.credential) only.");
        }

        if (FakeJson.String(body, "orderName") is null || FakeJson.Long(FakeJson.Object(body, "amount"), "total") is null || FakeJson.String(body, "currency") is null)
        {
            return Invalid("orderName, amount.total and currency are required.");
        }

        if (Payments.TryGetValue(paymentId, out var existing) && existing.Status is "PAID" or "PARTIAL_CANCELLED" or "CANCELLED")
        {
            return Error(HttpStatusCode.Conflict, "ALREADY_PAID", "A payment with this id was already paid.");
        }

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
    private (FakePayment Payment, HttpResponseMessage? Error) Charge(string paymentId, JsonNode input, string? scheduleId, string? cardNumber = null)
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
        if (billingKeyGone || number == FakePortOne.TestCards.DeclinedOnPayment || number == FakePortOne.TestCards.DeclinedOnIssue)
        {
            payment.Status = "FAILED";
            payment.FailedAt = Now;
            payment.FailureReason = billingKeyGone ? "The billing key no longer exists." : "The card was declined.";
            _fake.RecordWebhook("Transaction.Failed", TransactionData(payment));
            _fake.RecordCharge(new FakeCharge("V2", paymentId, "FAILED", null, payment.Total, payment.Currency, Now));
            return (payment, billingKeyGone
                ? Error(HttpStatusCode.Conflict, "BILLING_KEY_ALREADY_DELETED", payment.FailureReason)
                : PgError(payment.FailureReason));
        }

        payment.Status = "PAID";
        payment.PaidAt = Now;
        payment.PgTxId = NextId("pg-tx");
        _fake.RecordWebhook("Transaction.Paid", TransactionData(payment));
        _fake.RecordCharge(new FakeCharge("V2", paymentId, "PAID", payment.PgTxId, payment.Total, payment.Currency, Now));
        return (payment, null);
    }

    private static HttpResponseMessage PgError(string message) =>
        Error(HttpStatusCode.BadGateway, "PG_PROVIDER", message, new JsonObject { ["pgCode"] = "F001", ["pgMessage"] = message });

    private HttpResponseMessage GetPayment(string paymentId) =>
        Payments.TryGetValue(paymentId, out var payment)
            ? Ok(PaymentJson(payment))
            : Error(HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND", "No such payment.");

    private HttpResponseMessage ListPayments(FakeRequest request)
    {
        var body = RequestBody(request);
        var statuses = Strings(FakeJson.Object(body, "filter"), "status");
        var items = Payments.Values
            .Where(x => statuses.Count == 0 || statuses.Contains(x.Status))
            .OrderByDescending(x => x.RequestedAt).ThenByDescending(x => x.Id, StringComparer.Ordinal)
            .Select(x => (JsonNode)PaymentJson(x));
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
        var data = TransactionData(payment);
        data["cancellationId"] = cancellation["id"]!.GetValue<string>();
        _fake.RecordWebhook(payment.Status == "CANCELLED" ? "Transaction.Cancelled" : "Transaction.PartialCancelled", data);
        return Ok(new JsonObject { ["cancellation"] = cancellation.DeepClone() });
    }

    private JsonObject PaymentJson(FakePayment payment)
    {
        var json = new JsonObject
        {
            ["status"] = payment.Status,
            ["id"] = payment.Id,
            ["transactionId"] = payment.TransactionId,
            ["merchantId"] = _fake.MerchantId,
            ["storeId"] = payment.StoreId,
            ["method"] = new JsonObject { ["type"] = "PaymentMethodCard", ["card"] = CardJson(payment.CardNumber) },
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
                ["paid"] = payment.Status is "PAID" or "PARTIAL_CANCELLED" or "CANCELLED" ? payment.Total : 0,
                ["cancelled"] = payment.Cancelled,
                ["cancelledTaxFree"] = payment.CancelledTaxFree,
            },
            ["currency"] = payment.Currency,
            ["customer"] = CustomerJson(payment.Customer),
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

    private static JsonObject TransactionData(FakePayment payment) => new()
    {
        ["paymentId"] = payment.Id,
        ["storeId"] = payment.StoreId,
        ["transactionId"] = payment.TransactionId,
    };

    // ---- schedules --------------------------------------------------------------------------------------------

    private HttpResponseMessage CreateSchedule(string paymentId, JsonNode? body)
    {
        var input = FakeJson.Object(body, "payment");
        var timeToPay = FakeJson.Time(body, "timeToPay");
        var key = FakeJson.String(input, "billingKey");
        if (input is null || timeToPay is null || key is null || FakeJson.String(input, "orderName") is null
            || FakeJson.Long(FakeJson.Object(input, "amount"), "total") is null || FakeJson.String(input, "currency") is null)
        {
            return Invalid("payment.billingKey, payment.orderName, payment.amount.total, payment.currency and timeToPay are required.");
        }

        if (CheckBillingKey(key) is { } refused)
        {
            return refused;
        }

        if (Payments.TryGetValue(paymentId, out var existing) && existing.Status != "FAILED")
        {
            return Error(HttpStatusCode.Conflict, "ALREADY_PAID_OR_WAITING", "A payment with this id is already paid or waiting.");
        }

        if (Schedules.Values.Any(x => x.PaymentId == paymentId && x.Status is "SCHEDULED" or "STARTED" or "SUCCEEDED"))
        {
            return Error(HttpStatusCode.Conflict, "PAYMENT_SCHEDULE_ALREADY_EXISTS", "A schedule for this payment id already exists.");
        }

        var schedule = new FakeSchedule(NextId("schedule"), paymentId, key, (JsonObject)input.DeepClone(), timeToPay.Value, Now)
        {
            StoreId = StoreIdOf(input),
        };
        Schedules[schedule.Id] = schedule;
        return Ok(new JsonObject { ["schedule"] = new JsonObject { ["id"] = schedule.Id } });
    }

    private HttpResponseMessage GetSchedule(string id) =>
        Schedules.TryGetValue(id, out var schedule)
            ? Ok(ScheduleJson(schedule))
            : Error(HttpStatusCode.NotFound, "PAYMENT_SCHEDULE_NOT_FOUND", "No such payment schedule.");

    private HttpResponseMessage ListSchedules(FakeRequest request)
    {
        var body = RequestBody(request);
        var filter = FakeJson.Object(body, "filter");
        var statuses = Strings(filter, "status");
        var billingKey = FakeJson.String(filter, "billingKey");
        var from = FakeJson.Time(filter, "from");
        var until = FakeJson.Time(filter, "until");
        var items = Schedules.Values
            .Where(x => statuses.Count == 0 || statuses.Contains(x.Status))
            .Where(x => billingKey is null || x.BillingKey == billingKey)
            .Where(x => from is null || x.TimeToPay >= from)
            .Where(x => until is null || x.TimeToPay < until)
            .OrderBy(x => x.TimeToPay).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => (JsonNode)ScheduleJson(x));
        return Page(body, items);
    }

    private HttpResponseMessage RevokeSchedules(FakeRequest request)
    {
        var body = RequestBody(request);
        var ids = Strings(body, "scheduleIds");
        var key = FakeJson.String(body, "billingKey");
        if (ids.Count == 0 && key is null)
        {
            return Invalid("Give billingKey or scheduleIds.");
        }

        List<FakeSchedule> targets;
        if (ids.Count > 0)
        {
            targets = [];
            foreach (var id in ids)
            {
                if (!Schedules.TryGetValue(id, out var schedule) || (key is not null && schedule.BillingKey != key))
                {
                    return Error(HttpStatusCode.NotFound, "PAYMENT_SCHEDULE_NOT_FOUND", $"No such payment schedule: {id}.");
                }

                if (schedule.Status == "REVOKED")
                {
                    return Error(HttpStatusCode.Conflict, "PAYMENT_SCHEDULE_ALREADY_REVOKED", $"The schedule {id} was already revoked.");
                }

                if (schedule.Status != "SCHEDULED")
                {
                    return Error(HttpStatusCode.Conflict, "PAYMENT_SCHEDULE_ALREADY_PROCESSED", $"The schedule {id} has already run.");
                }

                targets.Add(schedule);
            }
        }
        else
        {
            if (CheckBillingKey(key!) is { } refused)
            {
                return refused;
            }

            targets = Schedules.Values.Where(x => x.BillingKey == key && x.Status == "SCHEDULED").OrderBy(x => x.Id, StringComparer.Ordinal).ToList();
        }

        foreach (var schedule in targets)
        {
            schedule.Status = "REVOKED";
            schedule.RevokedAt = Now;
        }

        return Ok(new JsonObject
        {
            ["revokedScheduleIds"] = new JsonArray(targets.Select(x => (JsonNode)JsonValue.Create(x.Id)!).ToArray()),
            ["revokedAt"] = FakeJson.Time(Now),
        });
    }

    private JsonObject ScheduleJson(FakeSchedule schedule)
    {
        var input = schedule.Input;
        var amount = FakeJson.Object(input, "amount");
        var json = new JsonObject
        {
            ["status"] = schedule.Status,
            ["id"] = schedule.Id,
            ["merchantId"] = _fake.MerchantId,
            ["storeId"] = schedule.StoreId,
            ["paymentId"] = schedule.PaymentId,
            ["billingKey"] = schedule.BillingKey,
            ["orderName"] = FakeJson.String(input, "orderName"),
            ["isCulturalExpense"] = false,
            ["isEscrow"] = false,
            ["customer"] = CustomerJson(FakeJson.Object(input, "customer")),
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

    // ---- shared shapes ----------------------------------------------------------------------------------------

    private static JsonNode? RequestBody(FakeRequest request) =>
        request.QueryValue("requestBody") is { Length: > 0 } text ? JsonNode.Parse(text) : null;

    private static HashSet<string> Strings(JsonNode? node, string name)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) && value is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }

    private static HttpResponseMessage Page(JsonNode? body, IEnumerable<JsonNode> items)
    {
        var page = FakeJson.Object(body, "page");
        var number = (int)(FakeJson.Long(page, "number") ?? 0);
        var size = (int)(FakeJson.Long(page, "size") ?? 10);
        if (number < 0 || size <= 0)
        {
            return Invalid("page.number must be 0 or more and page.size more than 0.");
        }

        var all = items.ToList();
        return Ok(new JsonObject
        {
            ["items"] = new JsonArray(all.Skip(number * size).Take(size).ToArray()),
            ["page"] = new JsonObject { ["number"] = number, ["size"] = size, ["totalCount"] = all.Count },
        });
    }

    private static JsonObject Channel() => new()
    {
        ["type"] = "TEST",
        ["id"] = "channel-fake",
        ["key"] = "channel-key-fake",
        ["name"] = "Fake PG",
        ["pgProvider"] = "INICIS_V2",
        ["pgMerchantId"] = "fake-pg-merchant",
    };

    private static JsonObject CardJson(string number) => new()
    {
        ["bin"] = number.Length >= 6 ? number[..6] : number,
        ["number"] = FakeJson.MaskCard(number),
        ["brand"] = number.StartsWith('4') ? "VISA" : "LOCAL",
        ["type"] = "CREDIT",
        ["ownerType"] = "PERSONAL",
    };

    private static JsonObject CustomerJson(JsonObject? input)
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
