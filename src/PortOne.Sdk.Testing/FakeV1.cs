using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;

namespace PortOne.Sdk.Testing;

/// <summary>The V1 (iamport) half of the fake: envelope answers, tokens, customers, payments and schedules. Called under the fake's lock.</summary>
internal sealed class FakeV1
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly FakePortOne _fake;
    private readonly Dictionary<string, FakeV1Customer> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeV1Payment> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeV1Schedule> _schedules = new(StringComparer.Ordinal);
    private string? _token;
    private DateTimeOffset _tokenExpiresAt;
    private int _sequence;

    public IReadOnlyDictionary<string, FakeV1Customer> Customers => _customers;

    public IReadOnlyDictionary<string, FakeV1Payment> Payments => _payments;

    public IReadOnlyDictionary<string, FakeV1Schedule> Schedules => _schedules;

    public FakeV1(FakePortOne fake)
    {
        _fake = fake;
    }

    private DateTimeOffset Now => _fake.Clock.GetUtcNow();

    public HttpResponseMessage Handle(FakeRequest request)
    {
        var s = request.Segments;
        if (request.Is(HttpMethod.Post, 2) && s[0] == "users" && s[1] == "getToken")
        {
            return GetToken(request.Body);
        }

        var header = request.Message.Headers.Authorization;
        if (header is null || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || header.Parameter != _token || Now >= _tokenExpiresAt)
        {
            return Envelope(HttpStatusCode.Unauthorized, -1, "Unauthorized", null);
        }

        return (request.Method.Method, s.Length, s[0]) switch
        {
            ("POST", 3, "subscribe") when s[1] == "customers" => SaveCustomer(s[2], request.Body),
            ("GET", 3, "subscribe") when s[1] == "customers" => GetCustomer(s[2]),
            ("GET", 2, "subscribe") when s[1] == "customers" => GetCustomers(request.QueryValues("customer_uid[]")),
            ("DELETE", 3, "subscribe") when s[1] == "customers" => DeleteCustomer(s[2]),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "again" => Again(request.Body),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "onetime" => Onetime(request.Body),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "schedule" => Schedule(request.Body),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "unschedule" => Unschedule(request.Body),
            ("GET", 4, "subscribe") when s[1] == "payments" && s[2] == "schedule" => GetSchedule(s[3]),
            ("POST", 5, "subscribe") when s[1] == "payments" && s[2] == "schedule" && s[4] == "retry" => RetrySchedule(s[3]),
            ("GET", 2, "payments") => GetPayment(s[1]),
            ("GET", 3 or 4, "payments") when s[1] == "find" => FindPayment(s[2], s.Length == 4 ? s[3] : null),
            ("POST", 2, "payments") when s[1] == "cancel" => Cancel(request.Body),
            _ => Envelope(HttpStatusCode.NotFound, -1, $"The fake PortOne does not implement {request.Method} /{string.Join("/", s)}.", null),
        };
    }

    public void RunDueSchedules()
    {
        var due = _schedules.Values.Where(x => x.Status == "scheduled" && x.ScheduleAt <= Now).OrderBy(x => x.ScheduleAt).ToList();
        foreach (var schedule in due)
        {
            var payment = Charge(schedule.CustomerUid, schedule.MerchantUid, schedule.Amount, schedule.Name, schedule.Currency);
            schedule.Status = "executed";
            schedule.ExecutedAt = Now;
            schedule.ImpUid = payment.ImpUid;
        }
    }

    private static HttpResponseMessage Envelope(HttpStatusCode status, int code, string? message, JsonNode? response) =>
        FakeResponses.Json(status, new JsonObject { ["code"] = code, ["message"] = message, ["response"] = response });

    private static HttpResponseMessage Ok(JsonNode? response) => Envelope(HttpStatusCode.OK, 0, null, response);

    private static HttpResponseMessage Bad(string message) => Envelope(HttpStatusCode.BadRequest, -1, message, null);

    private static HttpResponseMessage NotFound(string message) => Envelope(HttpStatusCode.NotFound, -1, message, null);

    private static long Unix(DateTimeOffset? value) => value?.ToUnixTimeSeconds() ?? 0;

    private string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence):D6}";

    private HttpResponseMessage GetToken(JsonNode? body)
    {
        if (FakeJson.String(body, "imp_key") != _fake.V1ApiKey || FakeJson.String(body, "imp_secret") != _fake.V1ApiSecret)
        {
            return Envelope(HttpStatusCode.Unauthorized, -1, "The key or secret is not valid.", null);
        }

        _fake.Counters.Increment("V1.GetToken");
        var now = Now;
        if (_token is null || now >= _tokenExpiresAt)
        {
            _token = NextId("token") + Guid.NewGuid().ToString("N");
            _tokenExpiresAt = now + TokenLifetime;
        }
        else if (_tokenExpiresAt - now < TimeSpan.FromMinutes(1))
        {
            _tokenExpiresAt += TimeSpan.FromMinutes(5);
        }

        return Ok(new JsonObject { ["access_token"] = _token, ["now"] = now.ToUnixTimeSeconds(), ["expired_at"] = _tokenExpiresAt.ToUnixTimeSeconds() });
    }

    private HttpResponseMessage SaveCustomer(string customerUid, JsonNode? body)
    {
        var number = FakeJson.String(body, "card_number")?.Replace("-", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        if (number.Length is < 13 or > 19 || !number.All(char.IsAsciiDigit) || FakeJson.String(body, "expiry") is null)
        {
            return Bad("card_number and expiry are required and must be well formed.");
        }

        if (number == FakePortOne.TestCards.DeclinedOnIssue)
        {
            return Envelope(HttpStatusCode.OK, 1, "The card issuer refused to register the card.", null);
        }

        var now = Now;
        var customer = _customers.TryGetValue(customerUid, out var existing) ? existing : new FakeV1Customer(customerUid, now);
        customer.CardNumber = number;
        customer.Updated = now;
        customer.Name = FakeJson.String(body, "customer_name");
        customer.Email = FakeJson.String(body, "customer_email");
        customer.Deleted = false;
        _customers[customerUid] = customer;
        return Ok(CustomerJson(customer));
    }

    private HttpResponseMessage GetCustomer(string customerUid) =>
        _customers.TryGetValue(customerUid, out var customer) && !customer.Deleted
            ? Ok(CustomerJson(customer))
            : NotFound("No such customer.");

    private HttpResponseMessage GetCustomers(string[] customerUids)
    {
        var found = customerUids.Where(x => _customers.TryGetValue(x, out var c) && !c.Deleted).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count == 0)
        {
            return NotFound("None of the customers exist.");
        }

        var list = new JsonArray(found.Select(x => (JsonNode)CustomerJson(_customers[x])).ToArray());
        return Envelope(found.Count == customerUids.Distinct(StringComparer.Ordinal).Count() ? HttpStatusCode.OK : (HttpStatusCode)207, 0, null, list);
    }

    private HttpResponseMessage DeleteCustomer(string customerUid)
    {
        if (!_customers.TryGetValue(customerUid, out var customer) || customer.Deleted)
        {
            return NotFound("No such customer.");
        }

        customer.Deleted = true;
        foreach (var schedule in _schedules.Values.Where(x => x.CustomerUid == customerUid && x.Status == "scheduled"))
        {
            schedule.Status = "revoked";
            schedule.RevokedAt = Now;
        }

        return Ok(CustomerJson(customer));
    }

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

        return Ok(PaymentJson(Charge(customerUid, merchantUid, amount.Value, FakeJson.String(body, "name")!, FakeJson.String(body, "currency") ?? "KRW")));
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
        return Ok(PaymentJson(payment));
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
        _fake.RecordCharge(new FakeCharge("V1", merchantUid, payment.Status == "paid" ? "PAID" : "FAILED", payment.Status == "paid" ? "pg_" + payment.ImpUid : null, (long)amount, currency, Now));
        return payment;
    }

    // PortOne does not pay one merchant_uid twice: a paid payment (refunded since or not) blocks another.
    private bool WasPaid(string merchantUid) => _payments.Values.Any(x => x.MerchantUid == merchantUid && x.PaidAt is not null);

    private HttpResponseMessage RetrySchedule(string merchantUid)
    {
        if (!_schedules.TryGetValue(merchantUid, out var schedule))
        {
            return NotFound("No such schedule.");
        }

        var last = schedule.ImpUid is null ? null : _payments.GetValueOrDefault(schedule.ImpUid);
        var failed = schedule.Status == "revoked" || (schedule.Status == "executed" && last is { Status: "failed" });
        if (!failed || WasPaid(merchantUid))
        {
            return Envelope(HttpStatusCode.BadRequest, -1, "Only a schedule that failed or was revoked can be retried.", null);
        }

        var payment = Charge(schedule.CustomerUid, schedule.MerchantUid, schedule.Amount, schedule.Name, schedule.Currency);
        schedule.Status = "executed";
        schedule.ExecutedAt = Now;
        schedule.ImpUid = payment.ImpUid;
        return Ok(PaymentJson(payment));
    }

    private HttpResponseMessage Schedule(JsonNode? body)
    {
        var customerUid = FakeJson.String(body, "customer_uid");
        if (customerUid is null || body?["schedules"] is not JsonArray items || items.Count == 0)
        {
            return Bad("customer_uid and at least one schedule are required.");
        }

        if (FakeJson.String(body, "card_number") is { } number)
        {
            var customer = _customers.TryGetValue(customerUid, out var existing) ? existing : new FakeV1Customer(customerUid, Now);
            customer.CardNumber = number.Replace("-", string.Empty, StringComparison.Ordinal);
            customer.Deleted = false;
            _customers[customerUid] = customer;
        }

        if (!_customers.TryGetValue(customerUid, out var registered) || registered.Deleted)
        {
            return Envelope(HttpStatusCode.OK, 1, "No billing key is registered for this customer_uid.", null);
        }

        var created = new List<FakeV1Schedule>();
        foreach (var item in items)
        {
            var merchantUid = FakeJson.String(item, "merchant_uid");
            var scheduleAt = FakeJson.Long(item, "schedule_at");
            var amount = FakeJson.Decimal(item, "amount");
            if (merchantUid is null || scheduleAt is null || amount is null)
            {
                return Bad("Each schedule needs merchant_uid, schedule_at and amount.");
            }

            if (_schedules.ContainsKey(merchantUid))
            {
                return Envelope(HttpStatusCode.OK, 1, $"A schedule with merchant_uid {merchantUid} already exists.", null);
            }

            if (DateTimeOffset.FromUnixTimeSeconds(scheduleAt.Value) <= Now)
            {
                return Bad("schedule_at must be in the future.");
            }

            created.Add(new FakeV1Schedule(customerUid, merchantUid, DateTimeOffset.FromUnixTimeSeconds(scheduleAt.Value), amount.Value)
            {
                Name = FakeJson.String(item, "name") ?? string.Empty,
                Currency = FakeJson.String(item, "currency") ?? "KRW",
            });
        }

        foreach (var schedule in created)
        {
            _schedules[schedule.MerchantUid] = schedule;
        }

        return Ok(new JsonArray(created.Select(x => (JsonNode)ScheduleJson(x)).ToArray()));
    }

    private HttpResponseMessage Unschedule(JsonNode? body)
    {
        var customerUid = FakeJson.String(body, "customer_uid");
        if (customerUid is null)
        {
            return Bad("customer_uid is required.");
        }

        var merchantUids = body?["merchant_uid"] switch
        {
            JsonArray array => array.Select(x => x?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal),
            JsonValue value when value.TryGetValue<string>(out var single) => new HashSet<string>(StringComparer.Ordinal) { single },
            _ => null,
        };
        var revoked = _schedules.Values
            .Where(x => x.CustomerUid == customerUid && x.Status == "scheduled" && (merchantUids is null || merchantUids.Contains(x.MerchantUid)))
            .ToList();
        if (revoked.Count == 0)
        {
            return Envelope(HttpStatusCode.OK, 1, "No schedule to revoke.", null);
        }

        foreach (var schedule in revoked)
        {
            schedule.Status = "revoked";
            schedule.RevokedAt = Now;
        }

        return Ok(new JsonArray(revoked.Select(x => (JsonNode)ScheduleJson(x)).ToArray()));
    }

    private HttpResponseMessage GetSchedule(string merchantUid) =>
        _schedules.TryGetValue(merchantUid, out var schedule) ? Ok(ScheduleJson(schedule)) : NotFound("No such schedule.");

    private HttpResponseMessage GetPayment(string impUid) =>
        _payments.TryGetValue(impUid, out var payment) ? Ok(PaymentJson(payment)) : NotFound("No such payment.");

    private HttpResponseMessage FindPayment(string merchantUid, string? status)
    {
        var payment = _payments.Values
            .Where(x => x.MerchantUid == merchantUid && (status is null || status == "all" || x.Status == status))
            .OrderByDescending(x => x.StartedAt)
            .FirstOrDefault();
        return payment is null ? NotFound("No such payment.") : Ok(PaymentJson(payment));
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

        return Ok(PaymentJson(payment));
    }

    private static JsonObject CustomerJson(FakeV1Customer customer) => new()
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

    private static JsonObject PaymentJson(FakeV1Payment payment) => new()
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

    private JsonObject ScheduleJson(FakeV1Schedule schedule) => new()
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
        ["payment_status"] = schedule.ImpUid is not null && _payments.TryGetValue(schedule.ImpUid, out var payment) ? payment.Status : null,
    };

}

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
