using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;

namespace PortOne.Sdk.Testing;


/// <summary>Customers (billing keys under a customer_uid): save, get and delete.</summary>
internal sealed partial class FakeV1
{
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
        return Ok(FakeV1Wire.Customer(customer));
    }

    private HttpResponseMessage GetCustomer(string customerUid) =>
        _customers.TryGetValue(customerUid, out var customer) && !customer.Deleted
            ? Ok(FakeV1Wire.Customer(customer))
            : NotFound("No such customer.");

    private HttpResponseMessage GetCustomers(string[] customerUids)
    {
        var found = customerUids.Where(x => _customers.TryGetValue(x, out var c) && !c.Deleted).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count == 0)
        {
            return NotFound("None of the customers exist.");
        }

        var list = new JsonArray(found.Select(x => (JsonNode)FakeV1Wire.Customer(_customers[x])).ToArray());
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

        return Ok(FakeV1Wire.Customer(customer));
    }
}
