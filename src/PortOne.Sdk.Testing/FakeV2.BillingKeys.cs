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

/// <summary>Billing keys: issue, get, list and delete.</summary>
internal sealed partial class FakeV2
{
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

        if (KgInicisRefusesBillingKeyIssue(request.Body) is { } pgRefused)
        {
            return pgRefused;
        }

        if (number == FakePortOne.TestCards.DeclinedOnIssue)
        {
            return PgError("The card issuer refused to issue a billing key.");
        }

        var key = NextId("billing-key");
        var billingKey = new FakeBillingKey(key, StoreIdOf(request.Body), number, Now, FakeJson.Object(request.Body, "customer")?.DeepClone() as JsonObject, FakeJson.String(request.Body, "customData"))
        {
            ChannelKey = FakeJson.String(request.Body, "channelKey"),
        };
        BillingKeys[key] = billingKey;
        _fake.RecordWebhook("BillingKey.Issued", new JsonObject { ["billingKey"] = key, ["storeId"] = billingKey.StoreId });
        return Ok(new JsonObject
        {
            ["billingKeyInfo"] = new JsonObject
            {
                ["billingKey"] = key,
                ["channels"] = new JsonArray(FakeV2Wire.Channel()),
                ["issuedAt"] = FakeJson.Time(billingKey.IssuedAt),
            },
        });
    }

    private HttpResponseMessage GetBillingKey(string key) =>
        BillingKeys.TryGetValue(key, out var billingKey)
            ? Ok(FakeV2Wire.BillingKey(billingKey, _fake.MerchantId))
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
            .Select(x => (JsonNode)FakeV2Wire.BillingKey(x, _fake.MerchantId));
        return Page(body, items);
    }
}
