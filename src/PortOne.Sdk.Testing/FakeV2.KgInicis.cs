using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>
/// Channels that behave like KG Inicis: requests naming one (by <c>channelKey</c>, or through the billing key issued
/// on it) must follow that PG's extra rules, and a request breaking one is refused the way PortOne relays a PG's
/// refusal: 502 <c>PG_PROVIDER</c> with a message naming the rule. Nothing is recorded for a refused request.
/// </summary>
internal sealed partial class FakeV2
{
    /// <summary>The channel keys whose requests follow KG Inicis's rules.</summary>
    public HashSet<string> KgInicisChannels { get; } = new(StringComparer.Ordinal);

    private bool IsKgInicis(string? channelKey) => channelKey is not null && KgInicisChannels.Contains(channelKey);

    /// <summary>The refusal for an instant payment on a KG Inicis channel; null when it follows the rules.</summary>
    private HttpResponseMessage? KgInicisRefusesInstantPayment(JsonNode? body)
    {
        if (!IsKgInicis(FakeJson.String(body, "channelKey")))
        {
            return null;
        }

        var method = FakeJson.Object(body, "method");
        return KgInicisRefusal(
            KgInicisCustomerProblem(FakeJson.Object(body, "customer"), "an instant payment")
            ?? KgInicisCardProblem(FakeJson.Object(FakeJson.Object(method, "card"), "credential"))
            ?? KgInicisVirtualAccountProblem(FakeJson.Object(method, "virtualAccount")));
    }

    /// <summary>The refusal for a billing-key issue on a KG Inicis channel; null when it follows the rules.</summary>
    private HttpResponseMessage? KgInicisRefusesBillingKeyIssue(JsonNode? body) =>
        IsKgInicis(FakeJson.String(body, "channelKey"))
            ? KgInicisRefusal(
                KgInicisCustomerProblem(FakeJson.Object(body, "customer"), "a billing-key issue")
                ?? KgInicisCardProblem(FakeJson.Object(FakeJson.Object(FakeJson.Object(body, "method"), "card"), "credential")))
            : null;

    /// <summary>
    /// The refusal for a billing-key payment (made now or by a schedule) on a KG Inicis channel: the request's
    /// channel, else the one the billing key was issued on. Null when it follows the rules.
    /// </summary>
    private HttpResponseMessage? KgInicisRefusesBillingKeyPayment(JsonNode? input) => KgInicisRefusal(KgInicisBillingKeyPaymentProblem(input));

    private (string PgCode, string Message)? KgInicisBillingKeyPaymentProblem(JsonNode? input)
    {
        var channelKey = FakeJson.String(input, "channelKey");
        if (channelKey is null && FakeJson.String(input, "billingKey") is { } key && BillingKeys.TryGetValue(key, out var billingKey))
        {
            channelKey = billingKey.ChannelKey;
        }

        return IsKgInicis(channelKey) ? KgInicisCustomerProblem(FakeJson.Object(input, "customer"), "a billing-key payment") : null;
    }

    private static (string PgCode, string Message)? KgInicisCustomerProblem(JsonObject? customer, string what)
    {
        var name = FakeJson.Object(customer, "name");
        var separated = FakeJson.Object(name, "separated");
        var missing = new List<string>();
        if (string.IsNullOrEmpty(FakeJson.String(name, "full"))
            && (string.IsNullOrEmpty(FakeJson.String(separated, "first")) || string.IsNullOrEmpty(FakeJson.String(separated, "last"))))
        {
            missing.Add("name (customer.name.full, or first and last in customer.name.separated)");
        }

        if (string.IsNullOrEmpty(FakeJson.String(customer, "phoneNumber")))
        {
            missing.Add("phone number (customer.phoneNumber)");
        }

        if (string.IsNullOrEmpty(FakeJson.String(customer, "email")))
        {
            missing.Add("e-mail (customer.email)");
        }

        return missing.Count == 0
            ? null
            : ("KG-CUSTOMER", $"KG Inicis refuses {what} without the customer's {string.Join(", ", missing)}.");
    }

    private static (string PgCode, string Message)? KgInicisCardProblem(JsonObject? credential)
    {
        if (credential is null)
        {
            return null;
        }

        var year = FakeJson.String(credential, "expiryYear");
        var month = FakeJson.String(credential, "expiryMonth");
        var yearOk = year is { Length: 2 } && year.All(char.IsAsciiDigit);
        var monthOk = month is { Length: 2 } && month.All(char.IsAsciiDigit) && month != "00" && string.CompareOrdinal(month, "12") <= 0;
        return yearOk && monthOk
            ? null
            : ("KG-CARD-EXPIRY", "KG Inicis wants the card's expiry as two digits each: expiryYear YY (e.g. 30) and expiryMonth MM from 01 to 12.");
    }

    private static (string PgCode, string Message)? KgInicisVirtualAccountProblem(JsonObject? virtualAccount)
    {
        if (virtualAccount is null)
        {
            return null;
        }

        var option = FakeJson.Object(virtualAccount, "option");
        return FakeJson.String(option, "type") == "FIXED" && FakeJson.String(FakeJson.Object(option, "fixed"), "accountNumber") is { Length: > 0 }
            ? null
            : ("KG-VACCT-FIXED", "KG Inicis issues only fixed virtual accounts: option.type FIXED with one of your account numbers in option.fixed.accountNumber.");
    }

    private static HttpResponseMessage? KgInicisRefusal((string PgCode, string Message)? problem) =>
        problem is { } p
            ? Error(HttpStatusCode.BadGateway, "PG_PROVIDER", p.Message, new JsonObject { ["pgCode"] = p.PgCode, ["pgMessage"] = p.Message })
            : null;
}
