using System.Text.Json.Nodes;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>
/// The checker behind <see cref="FakeAnswersDecodeTests"/> can fail: each kind of loss, planted in an answer the
/// fake really gave, is named with its JSON path, and the untouched answer passes.
/// </summary>
public sealed class AnswerCheckerTests
{
    private static async Task<string> RealPaymentAnswerAsync()
    {
        await using var fake = new FakePortOne();
        using var probe = new FakeAnswerProbe(fake, PortOneV2AuthMode.ApiSecret);
        var key = (await probe.V2Async(c => c.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
        }))).BillingKeyInfo.BillingKey;
        await probe.V2Async(c => c.Payments.PayWithBillingKeyAsync("order-1", new BillingKeyPaymentRequest
        {
            BillingKey = key,
            OrderName = "Plan",
            Amount = new PaymentAmountInput { Total = 1000 },
            Currency = Currency.Krw,
        }));
        await probe.V2Async(c => c.Payments.GetAsync("order-1"));
        Assert.Empty(probe.Problems);
        return probe.Answers.Last(a => a.Operation == "V2.Payments.Get").Body;
    }

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public async Task The_fakes_own_answer_passes()
    {
        Assert.Empty(AnswerChecker.Check(typeof(Payment), await RealPaymentAnswerAsync()));
    }

    [Fact]
    public async Task A_field_the_model_does_not_have_is_named()
    {
        var json = Mutate(await RealPaymentAnswerAsync(), p => p["amount"]!["surprise"] = 1);

        var problem = Assert.Single(AnswerChecker.Check(typeof(Payment), json));
        Assert.StartsWith("$.amount.surprise: PaymentAmount has no such property", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_field_is_named_and_the_strict_read_refusal_too()
    {
        var json = Mutate(await RealPaymentAnswerAsync(), p => p.Remove("orderName"));

        var problems = AnswerChecker.Check(typeof(Payment), json);
        Assert.Contains(problems, p => p.StartsWith("$.orderName: required by PaidPayment but missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the strict read refuses it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_union_case_and_an_unnamed_enum_value_are_named()
    {
        var unknownStatus = Mutate(await RealPaymentAnswerAsync(), p => p["status"] = "TELEPORTED");
        var unknownEnum = Mutate(await RealPaymentAnswerAsync(), p => p["currency"] = "ZZZ");

        Assert.Contains(AnswerChecker.Check(typeof(Payment), unknownStatus), p => p.StartsWith("$.status: \"TELEPORTED\" is not a case of Payment", StringComparison.Ordinal));
        Assert.Contains(AnswerChecker.Check(typeof(Payment), unknownEnum), p => p.StartsWith("$.currency: \"ZZZ\" is not a value of Currency", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_is_named()
    {
        var json = Mutate(await RealPaymentAnswerAsync(), p => p["amount"] = "1000");

        Assert.Contains(AnswerChecker.Check(typeof(Payment), json), p => p.StartsWith("$.amount: PaymentAmount is an object, the answer has String", StringComparison.Ordinal));
    }

    [Fact]
    public void V1_answers_are_checked_inside_their_envelope()
    {
        const string Token = "{\"code\":0,\"message\":null,\"response\":{\"access_token\":\"t\",\"now\":1,\"expired_at\":2}}";
        Assert.Empty(AnswerChecker.CheckV1(typeof(V1AccessToken), Token));

        var extra = Mutate(Token, e => e["response"]!["refresh"] = "r");
        Assert.Contains(AnswerChecker.CheckV1(typeof(V1AccessToken), extra), p => p.StartsWith("$.response.refresh: V1AccessToken has no such property", StringComparison.Ordinal));
        var envelope = Mutate(Token, e => e["extra"] = 1);
        Assert.Contains(AnswerChecker.CheckV1(typeof(V1AccessToken), envelope), p => p.StartsWith("$.extra: not a field of the V1 envelope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_probe_collects_the_problems_of_a_lossy_answer_the_client_still_accepted()
    {
        await using var fake = new FakePortOne();
        using var probe = new FakeAnswerProbe(fake, PortOneV2AuthMode.ApiSecret);
        fake.FailNextRequest(System.Net.HttpStatusCode.OK, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"expiresIn\":60}");

        // The injected answer reaches the client as a login answer would; the probe names the field the model lacks.
        await probe.V2Async(c => c.Auth.LoginViaApiSecretAsync(new LoginViaApiSecretBody { ApiSecret = fake.V2ApiSecret }));

        Assert.Contains(probe.Problems, p => p.Contains("$.expiresIn: LoginViaApiSecretResponse has no such property", StringComparison.Ordinal));
    }

    [Fact]
    public void A_webhook_with_an_unknown_data_field_is_named()
    {
        const string Body = "{\"type\":\"Transaction.Paid\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"data\":{\"paymentId\":\"p\",\"storeId\":\"s\",\"transactionId\":\"t\",\"extra\":1}}";

        Assert.Contains(AnswerChecker.Check(typeof(Webhook), Body), p => p.StartsWith("$.data.extra:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_operations_the_flow_must_reach_are_read_from_the_fake()
    {
        var v2 = await FakeEmulation.V2OperationsAsync();
        var v1 = await FakeEmulation.V1OperationsAsync();

        Assert.Contains("V2.Payments.Get", v2);
        Assert.Contains("V2.PaymentSchedules.Revoke", v2);
        Assert.DoesNotContain(v2, o => o.StartsWith("V2.Platform.", StringComparison.Ordinal));
        Assert.Contains("POST /payments/cancel", v1);
        Assert.Contains("DELETE /subscribe/customers/{customer_uid}", v1);
        Assert.DoesNotContain("GET /payments/cancel", v1); // that is GET /payments/{imp_uid} answering
    }
}
