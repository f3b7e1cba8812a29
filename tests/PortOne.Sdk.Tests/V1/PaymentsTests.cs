using System.Net;
using PortOne.Sdk.V1;
using WireMock.RequestBuilders;

namespace PortOne.Sdk.Tests.V1;

public sealed class PaymentsTests : IDisposable
{
    private readonly V1TestServer _v1 = new();

    public void Dispose() => _v1.Dispose();

    [Fact]
    public async Task Get_sends_GET_with_token_and_tier_and_decodes_the_payment()
    {
        _v1.Stub("GET", "/payments/imp_1", V1Samples.Payment());

        var payment = await _v1.Client.Payments.GetAsync("imp_1");

        var call = _v1.SingleCall.RequestMessage;
        Assert.Equal("GET", call.Method);
        Assert.Equal("/payments/imp_1", call.Path);
        Assert.Equal("Bearer token-1", call.Headers!["Authorization"].Single());
        Assert.Equal("tier-7", call.Headers!["Tier"].Single());
        Assert.Equal("imp_1", payment.ImpUid);
        Assert.Equal(V1PaymentStatus.Paid, payment.Status);
        Assert.True(payment.IsPaid);
        Assert.False(payment.IsFailed);
        Assert.Equal(1000.5m, payment.Amount);
        Assert.Equal(1000.5m, payment.RefundableAmount);
        Assert.Equal(V1PayMethod.Card, payment.PayMethod);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100), payment.PaidAt);
        Assert.Null(payment.FailedAt);
        Assert.Null(payment.CancelledAt);
        var refund = Assert.Single(payment.CancelHistory!);
        Assert.Equal(100m, refund.Amount);
        Assert.Equal("c1", refund.CancellationId);
    }

    [Theory]
    [InlineData("a/b", "/payments/a%2Fb")]
    [InlineData("a?b#c", "/payments/a%3Fb%23c")]
    [InlineData("100%", "/payments/100%25")]
    [InlineData("주문 1", "/payments/%EC%A3%BC%EB%AC%B8%201")]
    public async Task Ids_in_paths_reach_the_server_escaped_and_intact(string impUid, string expectedRawPath)
    {
        _v1.Server.Given(Request.Create().UsingGet()).RespondWith(V1TestServer.Envelope(V1Samples.Payment(impUid)));

        var payment = await _v1.Client.Payments.GetAsync(impUid);

        Assert.Equal(expectedRawPath, V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal(impUid, payment.ImpUid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("..")]
    public async Task Get_rejects_an_unusable_id_before_sending(string impUid)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => _v1.Client.Payments.GetAsync(impUid));

        Assert.Equal("impUid", ex.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Error_envelope_becomes_PortOneV1ApiException_with_code_message_and_status()
    {
        _v1.StubError("GET", "/payments/imp_x", 404, -1, "no such payment");

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Payments.GetAsync("imp_x"));

        Assert.Equal(-1, ex.Code);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("no such payment", ex.Message);
    }

    [Fact]
    public async Task Code_other_than_zero_on_HTTP_200_is_still_a_failure()
    {
        _v1.StubError("GET", "/payments/imp_x", 200, 1, "refused");

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Payments.GetAsync("imp_x"));

        Assert.Equal(1, ex.Code);
    }

    [Theory]
    [InlineData("code first", "{\"code\":0,\"message\":null,\"response\":PAYMENT}")]
    [InlineData("response first", "{\"response\":PAYMENT,\"message\":null,\"code\":0}")]
    [InlineData("unknown member between", "{\"code\":0,\"extra\":{\"code\":5},\"response\":PAYMENT,\"message\":\"ok\"}")]
    public async Task The_envelope_is_opened_whatever_the_order_of_its_members(string order, string envelope)
    {
        var body = envelope.Replace("PAYMENT", System.Text.Json.JsonSerializer.Serialize(V1Samples.Payment("imp_7")), StringComparison.Ordinal);
        _v1.Server.Given(Request.Create().WithPath("/payments/imp_7").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

        var payment = await _v1.Client.Payments.GetAsync("imp_7");

        Assert.True(payment.ImpUid == "imp_7", order);
        Assert.Equal(1000.5m, payment.Amount);
        Assert.Equal("c1", Assert.Single(payment.CancelHistory!).CancellationId);
    }

    [Fact]
    public async Task A_refusal_is_reported_as_such_even_when_its_response_member_is_not_a_payment()
    {
        _v1.Server.Given(Request.Create().WithPath("/payments/imp_x").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("{\"code\":-1,\"message\":\"refused\",\"response\":{\"imp_uid\":[1,2],\"amount\":\"lots\"}}"));

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Payments.GetAsync("imp_x"));

        Assert.Equal(-1, ex.Code);
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_with_a_field_of_the_wrong_kind_is_still_read_and_the_rest_of_the_envelope_with_it()
    {
        var payment = System.Text.Json.JsonSerializer.SerializeToNode(V1Samples.Payment("imp_8"))!.AsObject();
        payment["card_quota"] = "not a number";
        _v1.Server.Given(Request.Create().WithPath("/payments/imp_8").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody($"{{\"code\":0,\"response\":{payment.ToJsonString()},\"message\":\"after\"}}"));

        var read = await _v1.Client.Payments.GetAsync("imp_8");

        Assert.Equal("imp_8", read.ImpUid);
        Assert.Equal(V1PaymentStatus.Paid, read.Status);
    }

    [Fact]
    public async Task GetMany_repeats_imp_uid_keys_and_names_the_missing_ones_on_207()
    {
        _v1.Stub("GET", "/payments", new[] { V1Samples.Payment("imp_1"), V1Samples.Payment("imp_3") }, status: 207);

        var result = await _v1.Client.Payments.GetManyAsync(["imp_1", "imp_2", "imp_3"]);

        Assert.Equal("/payments?imp_uid%5B%5D=imp_1&imp_uid%5B%5D=imp_2&imp_uid%5B%5D=imp_3", V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal(["imp_1", "imp_3"], result.Found.Select(p => p.ImpUid));
        Assert.Equal(["imp_2"], result.Missing);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task GetMany_treats_404_as_none_found()
    {
        _v1.StubError("GET", "/payments", 404, -1, "none");

        var result = await _v1.Client.Payments.GetManyAsync(["imp_1", "imp_2"]);

        Assert.Empty(result.Found);
        Assert.Equal(["imp_1", "imp_2"], result.Missing);
    }

    [Fact]
    public async Task GetMany_rejects_an_empty_list()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Payments.GetManyAsync([]));

        Assert.Equal("impUids", ex.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task FindByMerchantUid_puts_the_status_in_the_path_only_when_given()
    {
        _v1.Server.Given(Request.Create().UsingGet()).RespondWith(V1TestServer.Envelope(V1Samples.Payment()));

        await _v1.Client.Payments.FindByMerchantUidAsync("order/1", V1PaymentStatus.Paid);
        await _v1.Client.Payments.FindByMerchantUidAsync("order/1");

        Assert.Equal(["/payments/find/order%2F1/paid", "/payments/find/order%2F1"], _v1.ApiCalls.Select(V1TestServer.RawTarget));
    }

    [Fact]
    public async Task Cancel_full_leaves_amount_out_and_sends_the_other_fields()
    {
        _v1.Stub("POST", "/payments/cancel", V1Samples.Payment(status: "cancelled"));

        var payment = await _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "imp_1", Amount = V1CancelAmount.Full, Reason = "changed mind" });

        var body = V1TestServer.Body(_v1.SingleCall);
        Assert.Equal("""{"imp_uid":"imp_1","reason":"changed mind"}""", body.GetRawText());
        Assert.Equal(V1PaymentStatus.Cancelled, payment.Status);
        Assert.False(payment.IsPaid);
    }

    [Fact]
    public async Task Cancel_partial_sends_amount_checksum_and_requester()
    {
        _v1.Stub("POST", "/payments/cancel", V1Samples.Payment());

        await _v1.Client.Payments.CancelAsync(new CancelPaymentRequest
        {
            MerchantUid = "order-1",
            Amount = V1CancelAmount.Partial(300.5m),
            Checksum = 1000m,
            Requester = "customer",
        });

        var body = V1TestServer.Body(_v1.SingleCall);
        Assert.Equal("order-1", body.GetProperty("merchant_uid").GetString());
        Assert.Equal(300.5m, body.GetProperty("amount").GetDecimal());
        Assert.Equal(1000m, body.GetProperty("checksum").GetDecimal());
        Assert.Equal("customer", body.GetProperty("extra").GetProperty("requester").GetString());
        Assert.False(body.TryGetProperty("imp_uid", out _));
    }

    [Fact]
    public async Task Cancel_rejects_a_request_that_does_not_say_full_or_partial()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "imp_1", Amount = default }));

        Assert.Contains("V1CancelAmount.Full", ex.Message);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Cancel_rejects_both_or_neither_id()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { Amount = V1CancelAmount.Full }));
        await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "a", MerchantUid = "b", Amount = V1CancelAmount.Full }));
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Partial_refund_must_be_positive_because_zero_means_full(int amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => V1CancelAmount.Partial(amount));
    }

    [Fact]
    public async Task Cancel_rejects_a_negative_checksum()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "imp_1", Amount = V1CancelAmount.Full, Checksum = -1 }));

        Assert.Contains("Checksum", ex.ParamName);
    }

    [Fact]
    public async Task Cancel_is_not_retried_on_a_transient_failure_but_a_read_is()
    {
        _v1.StubError("POST", "/payments/cancel", 503, -1, "busy");
        _v1.StubError("GET", "/payments/imp_1", 503, -1, "busy");

        // Without a checksum a lookup cannot tell whether the refund landed: outcome unknown, sent once.
        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "imp_1", Amount = V1CancelAmount.Partial(10) }));
        Assert.IsType<PortOneV1ApiException>(ex.InnerException);
        Assert.Single(_v1.ApiCalls);
        await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Payments.GetAsync("imp_1"));
        Assert.Equal(1 + 3, _v1.ApiCalls.Count);
    }

    [Fact]
    public void Cancel_request_does_not_print_refund_account()
    {
        var text = new CancelPaymentRequest { ImpUid = "imp_1", Amount = V1CancelAmount.Full, RefundAccount = "110-123-456789", RefundHolder = "Hong" }.ToString();

        Assert.DoesNotContain("110-123-456789", text);
        Assert.DoesNotContain("Hong", text);
    }
}
