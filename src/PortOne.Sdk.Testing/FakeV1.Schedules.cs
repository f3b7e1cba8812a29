using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;

namespace PortOne.Sdk.Testing;


/// <summary>Payment schedules: schedule, unschedule, get, retry, and running those that fall due.</summary>
internal sealed partial class FakeV1
{
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
        return Ok(FakeV1Wire.Payment(payment));
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

        return Ok(new JsonArray(created.Select(x => (JsonNode)FakeV1Wire.Schedule(x, PaymentStatusOf(x))).ToArray()));
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

        return Ok(new JsonArray(revoked.Select(x => (JsonNode)FakeV1Wire.Schedule(x, PaymentStatusOf(x))).ToArray()));
    }

    private HttpResponseMessage GetSchedule(string merchantUid) =>
        _schedules.TryGetValue(merchantUid, out var schedule) ? Ok(FakeV1Wire.Schedule(schedule, PaymentStatusOf(schedule))) : NotFound("No such schedule.");


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

    private string? PaymentStatusOf(FakeV1Schedule schedule) =>
        schedule.ImpUid is not null && _payments.TryGetValue(schedule.ImpUid, out var payment) ? payment.Status : null;
}
