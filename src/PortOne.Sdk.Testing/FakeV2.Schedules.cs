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

/// <summary>Payment schedules: create, get, list, revoke, and running those that fall due.</summary>
internal sealed partial class FakeV2
{
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
            ? Ok(FakeV2Wire.Schedule(schedule, _fake.MerchantId))
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
            .Select(x => (JsonNode)FakeV2Wire.Schedule(x, _fake.MerchantId));
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


    public void RunDueSchedules()
    {
        var due = Schedules.Values.Where(x => x.Status == "SCHEDULED" && x.TimeToPay <= Now).OrderBy(x => x.TimeToPay).ThenBy(x => x.CreatedAt).ToList();
        foreach (var schedule in due)
        {
            schedule.StartedAt = Now;
            // A schedule on a KG Inicis channel that breaks its rules is accepted, and fails when it runs.
            var (payment, _) = Charge(schedule.PaymentId, schedule.Input, schedule.Id, pgRefusal: KgInicisBillingKeyPaymentProblem(schedule.Input)?.Message);
            schedule.Status = payment.Status == "PAID" ? "SUCCEEDED" : "FAILED";
            schedule.CompletedAt = Now;
        }
    }
}
