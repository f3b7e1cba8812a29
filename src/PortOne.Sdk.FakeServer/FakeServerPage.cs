using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PortOne.Sdk.Testing;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// The page at <c>/</c>: the fake's state as plain HTML (no script), with forms that move the clock and resend
/// webhooks. Everything that came from a request or the state is HTML-encoded.
/// </summary>
internal static class FakeServerPage
{
    private static readonly (string Label, string Field, int Count)[] ClockSteps =
    [
        ("+1 minute", "minutes", 1), ("+10 minutes", "minutes", 10), ("+1 hour", "hours", 1), ("+1 day", "days", 1), ("+31 days", "days", 31),
    ];

    public static string Render(FakePortOneHost host)
    {
        var fake = host.Fake;
        var now = fake.Clock.GetUtcNow();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fake PortOne</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em;max-width:100%}td{overflow-wrap:anywhere}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}pre{margin:0;white-space:pre-wrap;max-width:60em}")
            .Append("form{display:inline}</style></head><body>");
        html.Append("<h1>Fake PortOne</h1>");
        html.Append("<p>V1 API: <code>").Append(E(host.V1Address.ToString())).Append("</code> · V2 API: <code>").Append(E(host.V2Address.ToString()))
            .Append("</code> · store <code>").Append(E(fake.StoreId)).Append("</code></p>");

        html.Append("<h2>Clock</h2><p>Now: <strong id=\"clock\">").Append(E(Time(now))).Append("</strong></p><p>");
        foreach (var (label, field, count) in ClockSteps)
        {
            html.Append("<form method=\"post\" action=\"/_fake/clock/advance\"><input type=\"hidden\" name=\"").Append(field).Append("\" value=\"")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append("\"><button>").Append(E(label)).Append("</button></form> ");
        }

        html.Append("<form method=\"post\" action=\"/_fake/clock/advance\"><input name=\"minutes\" size=\"6\" placeholder=\"minutes\"><button>Advance</button></form></p>");

        // One consistent snapshot of both APIs' state, taken under the fake's lock.
        html.Append(fake.Read(() => State(fake, now)));
        Webhooks(html, host);
        V1Notifications(html, host);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string State(FakePortOne fake, DateTimeOffset now)
    {
        var html = new StringBuilder();
        html.Append("<h2>V2 payments</h2>");
        Table(html, ["Payment id", "Status", "Order", "Amount", "Cancelled", "Paid at", "Billing key / schedule", "Cancellations"], fake.V2.Payments.Values.OrderBy(p => p.RequestedAt), p =>
        [
            p.Id, p.Status, p.OrderName, Money(p.Total, p.Currency), Money(p.Cancelled, p.Currency), p.PaidAt is { } paid ? Time(paid) : p.FailureReason ?? string.Empty,
            string.Join(" / ", new[] { p.BillingKey, p.ScheduleId }.Where(x => x is not null)),
            string.Join("; ", p.Cancellations.Select(c => $"{Text(c, "id")}: {CancelledAmount(c, p.Currency)} at {CancelledTime(c)} ({Text(c, "reason")})")),
        ]);

        VirtualAccounts(html, fake, now);

        html.Append("<h2>V2 billing keys</h2>");
        Table(html, ["Billing key", "Card", "Issued at", "Deleted at"], fake.V2.BillingKeys.Values.OrderBy(b => b.IssuedAt), b =>
            [b.Key, Card(b.CardNumber), Time(b.IssuedAt), b.DeletedAt is { } deleted ? Time(deleted) : string.Empty]);

        html.Append("<h2>V2 payment schedules</h2>");
        Table(html, ["Schedule id", "Payment id", "Status", "Time to pay", "Runs", "Completed at", "Revoked at"], fake.V2.Schedules.Values.OrderBy(s => s.TimeToPay), s =>
        [
            s.Id, s.PaymentId, s.Status, Time(s.TimeToPay), s.Status == "SCHEDULED" ? Until(s.TimeToPay, now) : string.Empty,
            s.CompletedAt is { } completed ? Time(completed) : string.Empty, s.RevokedAt is { } revoked ? Time(revoked) : string.Empty,
        ]);

        html.Append("<h2>V1 payments</h2>");
        Table(html, ["imp_uid", "merchant_uid", "Status", "Name", "Amount", "Cancelled", "Customer", "Cancellations"], fake.V1.Payments.Values.OrderBy(p => p.StartedAt), p =>
        [
            p.ImpUid, p.MerchantUid, p.Status, p.Name, Money(p.Amount, p.Currency), Money(p.CancelAmount, p.Currency), p.CustomerUid ?? string.Empty,
            string.Join("; ", p.Cancellations.Select(c => $"{Text(c, "cancellation_id")}: {Text(c, "amount")} ({Text(c, "reason")})")),
        ]);

        html.Append("<h2>V1 customers (billing keys)</h2>");
        Table(html, ["customer_uid", "Card", "Registered at", "Deleted"], fake.V1.Customers.Values.OrderBy(c => c.Inserted), c =>
            [c.CustomerUid, Card(c.CardNumber), Time(c.Inserted), c.Deleted ? "yes" : string.Empty]);

        html.Append("<h2>V1 schedules</h2>");
        Table(html, ["merchant_uid", "customer_uid", "Status", "Schedule at", "Runs", "Amount", "imp_uid"], fake.V1.Schedules.Values.OrderBy(s => s.ScheduleAt), s =>
        [
            s.MerchantUid, s.CustomerUid, s.Status, Time(s.ScheduleAt), s.Status == "scheduled" ? Until(s.ScheduleAt, now) : string.Empty,
            Money(s.Amount, s.Currency), s.ImpUid ?? string.Empty,
        ]);
        return html.ToString();
    }

    private static void Webhooks(StringBuilder html, FakePortOneHost host)
    {
        var urls = host.Settings.WebhookUrls;
        html.Append("<h2>V2 webhooks</h2><p>")
            .Append(urls.Count == 0 ? "Recorded only: no webhook URL configured (--webhook-url)." : "Delivered to " + E(string.Join(", ", urls)) + ".")
            .Append("</p>");
        var deliveries = host.Deliveries.All;
        var webhooks = host.Fake.Webhooks;
        html.Append("<table><tr><th>#</th><th>Type</th><th>At</th><th>webhook-id</th><th>Body</th><th>Delivery attempts</th><th></th></tr>");
        for (var i = 0; i < webhooks.Count; i++)
        {
            var webhook = webhooks[i];
            var attempts = new StringBuilder();
            foreach (var delivery in deliveries.Where(d => d.Index == i))
            {
                attempts.Append(E(delivery.Url.ToString())).Append(": ").Append(E(delivery.State));
                if (delivery.NextAttemptAt is { } next)
                {
                    attempts.Append(", next at ").Append(E(Time(next)));
                }

                attempts.Append("<br>");
                foreach (var attempt in delivery.Attempts)
                {
                    attempts.Append("&nbsp;&nbsp;#").Append(attempt.Number.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(E(Time(attempt.At))).Append(" → ")
                        .Append(E(attempt.Status?.ToString(CultureInfo.InvariantCulture) ?? attempt.Error ?? string.Empty)).Append("<br>");
                }
            }

            var index = i.ToString(CultureInfo.InvariantCulture);
            html.Append("<tr><td>").Append(index).Append("</td><td>").Append(E(webhook.Type)).Append("</td><td>").Append(E(Time(webhook.Timestamp)))
                .Append("</td><td>").Append(E(webhook.Headers.Id)).Append("</td><td><pre>").Append(E(webhook.Body)).Append("</pre></td><td>").Append(attempts)
                .Append("</td><td>");
            if (urls.Count > 0)
            {
                html.Append("<form method=\"post\" action=\"/_fake/webhooks/").Append(index).Append("/resend\"><button>Resend</button></form>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void V1Notifications(StringBuilder html, FakePortOneHost host)
    {
        var urls = host.Settings.V1NotificationUrls;
        html.Append("<h2>V1 notifications</h2><p>")
            .Append(urls.Count == 0 ? "Recorded only: no V1 notification URL configured (--v1-notification-url)." : "Delivered to " + E(string.Join(", ", urls)) + ".")
            .Append("</p>");
        var deliveries = host.V1Deliveries.All;
        var notifications = host.Fake.V1Notifications;
        if (notifications.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }

        html.Append("<table><tr><th>#</th><th>At</th><th>Body</th><th>Delivery attempts</th></tr>");
        for (var i = 0; i < notifications.Count; i++)
        {
            var attempts = new StringBuilder();
            foreach (var delivery in deliveries.Where(d => d.Index == i))
            {
                attempts.Append(E(delivery.Url.ToString())).Append(": ").Append(E(delivery.State));
                if (delivery.NextAttemptAt is { } next)
                {
                    attempts.Append(", next at ").Append(E(Time(next)));
                }

                attempts.Append("<br>");
                foreach (var attempt in delivery.Attempts)
                {
                    attempts.Append("&nbsp;&nbsp;#").Append(attempt.Number.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(E(Time(attempt.At))).Append(" → ")
                        .Append(E(attempt.Status?.ToString(CultureInfo.InvariantCulture) ?? attempt.Error ?? string.Empty)).Append("<br>");
                }
            }

            html.Append("<tr><td>").Append(i.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(Time(notifications[i].Timestamp)))
                .Append("</td><td><pre>").Append(E(notifications[i].Body)).Append("</pre></td><td>").Append(attempts).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    // Accounts waiting for a deposit, each with a button that plays the customer's bank transfer.
    private static void VirtualAccounts(StringBuilder html, FakePortOne fake, DateTimeOffset now)
    {
        var waiting = fake.V2.Payments.Values.Where(p => p.Status == "VIRTUAL_ACCOUNT_ISSUED" && p.VirtualAccount is not null).OrderBy(p => p.RequestedAt).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        html.Append("<h2>V2 virtual accounts waiting for a deposit</h2><table><tr><th>Payment id</th><th>Bank</th><th>Account</th><th>Amount</th><th>Expires</th><th></th></tr>");
        foreach (var p in waiting)
        {
            var account = p.VirtualAccount!;
            html.Append("<tr><td>").Append(E(p.Id)).Append("</td><td>").Append(E(account.Bank)).Append("</td><td>").Append(E(account.AccountNumber))
                .Append("</td><td>").Append(E(Money(p.Total, p.Currency))).Append("</td><td>").Append(E(Time(account.ExpiredAt) + " (" + Until(account.ExpiredAt, now) + ")"))
                .Append("</td><td><form method=\"post\" action=\"/_fake/v2/payments/").Append(E(Uri.EscapeDataString(p.Id)))
                .Append("/deposit\"><button>Deposit</button></form></td></tr>");
        }

        html.Append("</table>");
    }

    private static void Table<T>(StringBuilder html, string[] headings, IEnumerable<T> rows, Func<T, string[]> cells)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }

        html.Append("<table><tr>");
        foreach (var heading in headings)
        {
            html.Append("<th>").Append(E(heading)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            foreach (var cell in cells(row))
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Money(decimal amount, string currency) => amount.ToString("#,0.##", CultureInfo.InvariantCulture) + " " + currency;

    private static string Card(string number) => number.Length >= 4 ? "•••• " + number[^4..] : number;

    private static string Text(JsonObject json, string name) => json[name]?.ToString() ?? string.Empty;

    // A cancellation as the rest of the page shows money and times; its raw text where it does not parse.
    private static string CancelledAmount(JsonObject cancellation, string currency) =>
        decimal.TryParse(Text(cancellation, "totalAmount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? Money(amount, currency) : Text(cancellation, "totalAmount");

    private static string CancelledTime(JsonObject cancellation) =>
        DateTimeOffset.TryParse(Text(cancellation, "cancelledAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? Time(time) : Text(cancellation, "cancelledAt");

    private static string Until(DateTimeOffset when, DateTimeOffset now)
    {
        var left = when - now;
        return left <= TimeSpan.Zero ? "due now"
            : left.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"in {left.TotalDays:0.#} days")
            : left.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"in {left.TotalHours:0.#} hours")
            : string.Create(CultureInfo.InvariantCulture, $"in {Math.Ceiling(left.TotalMinutes):0} minutes");
    }
}
