using System.Text.Json;
using PortOne.Sdk.V1;
using WireMock.RequestBuilders;

namespace PortOne.Sdk.Tests.V1;

public sealed class SubscriptionsTests : IDisposable
{
    private static readonly DateTimeOffset Later = V1TestServer.Now.AddDays(30);

    private readonly V1TestServer _v1 = new();

    public void Dispose() => _v1.Dispose();

    private static ScheduleItem Item(string merchantUid = "sched-1", DateTimeOffset? at = null, decimal amount = 9900m) =>
        new() { MerchantUid = merchantUid, ScheduleAt = at ?? Later, Amount = amount, Currency = "KRW", Name = "monthly" };

    [Fact]
    public async Task Again_posts_only_the_fields_set_and_reports_a_paid_payment()
    {
        _v1.Stub("POST", "/subscribe/payments/again", V1Samples.Payment(status: "paid"));

        var payment = await _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "cust-1", MerchantUid = "order-1", Amount = 9900m, Name = "monthly" });

        Assert.Equal("POST", _v1.SingleCall.RequestMessage.Method);
        Assert.Equal("""{"customer_uid":"cust-1","merchant_uid":"order-1","amount":9900,"name":"monthly"}""", V1TestServer.Body(_v1.SingleCall).GetRawText());
        Assert.True(payment.IsPaid);
    }

    [Fact]
    public async Task Again_with_a_declined_card_returns_normally_but_is_not_paid()
    {
        _v1.Stub("POST", "/subscribe/payments/again", V1Samples.Payment(status: "failed"));

        var payment = await _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "cust-1", MerchantUid = "order-1", Amount = 9900m, Name = "monthly" });

        Assert.False(payment.IsPaid);
        Assert.True(payment.IsFailed);
        Assert.Equal("limit exceeded", payment.FailReason);
    }

    [Fact]
    public async Task Again_sends_optional_extras_with_their_wire_names()
    {
        _v1.Stub("POST", "/subscribe/payments/again", V1Samples.Payment());

        await _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest
        {
            CustomerUid = "cust-1",
            MerchantUid = "order-1",
            Amount = 1000m,
            Name = "n",
            TaxFree = 0m,
            VatAmount = 0m,
            CardQuota = 3,
            InterestFreeByMerchant = false,
            Extra = new V1ChargeExtra { NaverUseCfm = "20300101" },
            ChannelKey = "ck",
        });

        var body = V1TestServer.Body(_v1.SingleCall);
        Assert.Equal(0m, body.GetProperty("tax_free").GetDecimal());
        Assert.Equal(0m, body.GetProperty("vat_amount").GetDecimal());
        Assert.Equal(3, body.GetProperty("card_quota").GetInt32());
        Assert.False(body.GetProperty("interest_free_by_merchant").GetBoolean());
        Assert.Equal("20300101", body.GetProperty("extra").GetProperty("naverUseCfm").GetString());
        Assert.Equal("ck", body.GetProperty("channel_key").GetString());
    }

    [Fact]
    public async Task Again_rejects_caller_mistakes_before_sending()
    {
        var negative = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = -1m, Name = "n" }));
        var blankCustomer = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = " ", MerchantUid = "m", Amount = 1m, Name = "n" }));
        var noName = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m }));

        Assert.Contains("Amount", negative.ParamName);
        Assert.Contains("CustomerUid", blankCustomer.ParamName);
        Assert.Contains("Name", noName.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Charging_calls_are_never_retried()
    {
        _v1.StubError("POST", "/subscribe/payments/again", 503, -1, "busy");
        _v1.StubError("POST", "/subscribe/payments/onetime", 502, -1, "busy");
        _v1.Server.Given(Request.Create().UsingPost().WithPath("/subscribe/payments/schedule/m/retry")).RespondWith(V1TestServer.Envelope(null, 503, -1, "busy"));

        // The pipeline's part only: with settling on, the SDK would look the payment up and may send again
        // (MoneyResolutionTests, MoneyChaosTests).
        using var client = new PortOneV1Client(new PortOneV1Options
        {
            ApiKey = "key",
            ApiSecret = "secret",
            BaseAddress = new Uri(_v1.Server.Url!),
            TimeProvider = _v1.Clock,
            Retry = new PortOneRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
            ResolveUnknownOutcomes = false,
        });

        await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m, Name = "n" }));
        await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { MerchantUid = "m", Amount = 1m, Card = new V1Card { Number = "4111111111111111", Expiry = "2031-01" } }));
        await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.Subscriptions.RetryScheduleAsync("m"));

        Assert.Equal(3, _v1.ApiCalls.Count);
    }

    [Fact]
    public async Task Onetime_sends_the_card_flat_with_the_charge()
    {
        _v1.Stub("POST", "/subscribe/payments/onetime", V1Samples.Payment());

        var payment = await _v1.Client.Subscriptions.OnetimeAsync(new OnetimePaymentRequest
        {
            MerchantUid = "order-1",
            Amount = 500m,
            Card = new V1Card { Number = "4111-1111-1111-1111", Expiry = "2031-01", Birth = "900101" },
            CustomerUid = "cust-1",
            ChannelGroupId = "g",
        });

        Assert.Equal(
            """{"customer_uid":"cust-1","channelGroupId":"g","merchant_uid":"order-1","amount":500,"card_number":"4111-1111-1111-1111","expiry":"2031-01","birth":"900101"}""",
            V1TestServer.Body(_v1.SingleCall).GetRawText());
        Assert.True(payment.IsPaid);
    }

    [Fact]
    public async Task Onetime_requires_a_card()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => _v1.Client.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { MerchantUid = "m", Amount = 1m }));

        Assert.Contains("Card", ex.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public void Onetime_request_hides_the_card()
    {
        var text = new OnetimePaymentRequest { MerchantUid = "m", Amount = 1m, Card = new V1Card { Number = "4111111111111111", Expiry = "2031-01", Cvc = "987" } }.ToString();

        Assert.DoesNotContain("4111", text);
        Assert.DoesNotContain("2031", text);
        Assert.DoesNotContain("987", text);
    }

    [Fact]
    public async Task Schedule_posts_every_schedule_with_unix_seconds_and_decodes_the_result()
    {
        _v1.Stub("POST", "/subscribe/payments/schedule", new[] { V1Samples.Schedule("s-1"), V1Samples.Schedule("s-2") });

        var schedules = await _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = "cust-1",
            Schedules = [Item("s-1"), Item("s-2", Later.AddDays(30), 100.25m)],
        });

        Assert.Equal("/subscribe/payments/schedule", V1TestServer.RawTarget(_v1.SingleCall));
        var body = V1TestServer.Body(_v1.SingleCall);
        Assert.Equal("cust-1", body.GetProperty("customer_uid").GetString());
        var sent = body.GetProperty("schedules").EnumerateArray().ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(
            $$"""{"schedule_at":{{Later.ToUnixTimeSeconds()}},"merchant_uid":"s-1","amount":9900,"currency":"KRW","name":"monthly"}""",
            sent[0].GetRawText());
        Assert.Equal(100.25m, sent[1].GetProperty("amount").GetDecimal());
        Assert.False(body.TryGetProperty("card_number", out _));
        Assert.Equal(["s-1", "s-2"], schedules.Select(s => s.MerchantUid));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), schedules[0].ScheduleAt);
        Assert.Null(schedules[0].ExecutedAt);
    }

    [Fact]
    public async Task Schedule_for_a_customer_without_a_billing_key_sends_the_card_flat_at_the_top_level()
    {
        _v1.Stub("POST", "/subscribe/payments/schedule", new[] { V1Samples.Schedule() });
        var request = new ScheduleRequest
        {
            CustomerUid = "cust-1",
            Card = new V1Card { Number = "4111 1111 1111 1111", Expiry = "2031-01", Birth = "1234567890" },
            CheckingAmount = 100m,
            Schedules = [Item()],
        };

        await _v1.Client.Subscriptions.ScheduleAsync(request);

        var body = V1TestServer.Body(_v1.SingleCall);
        Assert.Equal("4111111111111111", body.GetProperty("card_number").GetString());
        Assert.Equal("2031-01", body.GetProperty("expiry").GetString());
        Assert.Equal("1234567890", body.GetProperty("birth").GetString());
        Assert.Equal(100m, body.GetProperty("checking_amount").GetDecimal());
        Assert.False(body.TryGetProperty("card", out _));
        Assert.DoesNotContain("4111", request.ToString());
    }

    [Theory]
    [InlineData("90010")]
    [InlineData("9001011")]
    [InlineData("90o101")]
    public async Task A_birth_that_is_neither_6_nor_10_digits_is_refused(string birth)
    {
        var request = new ScheduleRequest { CustomerUid = "c", Card = new V1Card { Number = "4111111111111111", Expiry = "2031-01", Birth = birth }, Schedules = [Item()] };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.ScheduleAsync(request));

        Assert.Contains("Birth", ex.ParamName);
        Assert.DoesNotContain(birth, ex.Message);
    }

    [Fact]
    public async Task A_charge_of_zero_is_refused_before_sending_by_again_onetime_and_schedule()
    {
        var card = new V1Card { Number = "4111111111111111", Expiry = "2031-01" };

        var again = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 0m, Name = "n" }));
        var onetime = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { MerchantUid = "m", Amount = 0m, Card = card }));
        var schedule = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [Item(), Item("s-2", amount: 0m)] }));

        Assert.Equal("request.Amount (amount)", again.ParamName);
        Assert.Equal("request.Amount (amount)", onetime.ParamName);
        Assert.Equal("request.Schedules[1].Amount (amount)", schedule.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Schedule_rejects_no_schedules_and_a_time_that_has_passed_by_the_clients_clock()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [] }));
        var past = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [Item(), Item("s-2", V1TestServer.Now.AddSeconds(-1))] }));
        var noCurrency = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [new ScheduleItem { MerchantUid = "m", ScheduleAt = Later, Amount = 1m, Name = "n" }] }));

        Assert.Contains("Schedules", empty.Message);
        Assert.Equal("request.Schedules[1].ScheduleAt (schedule_at)", past.ParamName);
        Assert.Contains("Currency", noCurrency.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Schedule_uses_the_injected_clock_not_the_machine_clock()
    {
        _v1.Stub("POST", "/subscribe/payments/schedule", new[] { V1Samples.Schedule() });
        var at = V1TestServer.Now.AddMinutes(5);

        await _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [Item(at: at)] });
        _v1.Clock.Advance(TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [Item(at: at)] }));

        Assert.Single(_v1.ApiCalls);
    }

    [Fact]
    public async Task Unschedule_names_the_schedules_and_UnscheduleAll_leaves_merchant_uid_out()
    {
        _v1.Stub("POST", "/subscribe/payments/unschedule", new[] { V1Samples.Schedule(status: "revoked") });

        var some = await _v1.Client.Subscriptions.UnscheduleAsync("cust-1", ["s-1", "s-2"]);
        await _v1.Client.Subscriptions.UnscheduleAllAsync("cust-1");

        var calls = _v1.ApiCalls;
        Assert.Equal("""{"customer_uid":"cust-1","merchant_uid":["s-1","s-2"]}""", V1TestServer.Body(calls[0]).GetRawText());
        Assert.Equal("""{"customer_uid":"cust-1"}""", V1TestServer.Body(calls[1]).GetRawText());
        Assert.Equal(V1ScheduleStatus.Revoked, Assert.Single(some).ScheduleStatus);
    }

    [Fact]
    public async Task Unschedule_refuses_an_empty_list_instead_of_revoking_everything()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.UnscheduleAsync("cust-1", []));

        Assert.Equal("merchantUids", ex.ParamName);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task SearchSchedules_sends_the_range_query_names_and_walks_pages()
    {
        var from = V1TestServer.Now;
        var to = from.AddDays(10);
        _v1.Server.Given(Request.Create().WithPath("/subscribe/payments/schedule").WithParam("page", "1").UsingGet())
            .RespondWith(V1TestServer.Envelope(new { total = 2, previous = 0, next = 2, list = new[] { V1Samples.Schedule("a") } }));
        _v1.Server.Given(Request.Create().WithPath("/subscribe/payments/schedule").WithParam("page", "2").UsingGet())
            .RespondWith(V1TestServer.Envelope(new { total = 2, previous = 1, next = 0, list = new[] { V1Samples.Schedule("b", "executed") } }));

        var found = new List<V1Schedule>();
        await foreach (var s in _v1.Client.Subscriptions.SearchSchedulesAsync(new V1ScheduleSearch { From = from, To = to, Status = V1ScheduleStatus.Executed, Limit = 1000, Sorting = "-schedule_at" }))
        {
            found.Add(s);
        }

        Assert.Equal(["a", "b"], found.Select(s => s.MerchantUid));
        Assert.Equal(
            $"/subscribe/payments/schedule?schedule_from={from.ToUnixTimeSeconds()}&schedule_to={to.ToUnixTimeSeconds()}&schedule_status=executed&page=1&limit=1000&sorting=-schedule_at",
            V1TestServer.RawTarget(_v1.ApiCalls[0]));
        Assert.EndsWith("page=2&limit=1000&sorting=-schedule_at", V1TestServer.RawTarget(_v1.ApiCalls[1]));
    }

    [Fact]
    public async Task A_schedule_list_sent_as_a_bare_array_is_read_as_one_page()
    {
        _v1.Stub("GET", "/subscribe/payments/schedule", new[] { V1Samples.Schedule("a"), V1Samples.Schedule("b") });

        var page = await _v1.Client.Subscriptions.SearchSchedulesPageAsync(new V1ScheduleSearch { From = V1TestServer.Now, To = Later });

        Assert.Equal(2, page.Total);
        Assert.False(page.HasNext);
        Assert.Equal(["a", "b"], page.List.Select(s => s.MerchantUid));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task SearchSchedules_limit_must_be_1_to_1000(int limit)
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.SearchSchedulesPageAsync(new V1ScheduleSearch { From = V1TestServer.Now, To = Later, Limit = limit }));

        Assert.Contains("Limit", ex.ParamName);
    }

    [Fact]
    public async Task GetSchedule_escapes_the_merchant_uid()
    {
        _v1.Server.Given(Request.Create().UsingGet()).RespondWith(V1TestServer.Envelope(V1Samples.Schedule("주문/1?#%")));

        var schedule = await _v1.Client.Subscriptions.GetScheduleAsync("주문/1?#%");

        Assert.Equal("/subscribe/payments/schedule/%EC%A3%BC%EB%AC%B8%2F1%3F%23%25", V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal("주문/1?#%", schedule.MerchantUid);
    }

    [Fact]
    public async Task UpdateSchedule_PUTs_the_new_time_and_Reschedule_POSTs_it()
    {
        _v1.Server.Given(Request.Create().UsingAnyMethod().WithPath(p => p.StartsWith("/subscribe/payments/schedule/", StringComparison.Ordinal)))
            .RespondWith(V1TestServer.Envelope(V1Samples.Schedule()));

        await _v1.Client.Subscriptions.UpdateScheduleAsync("s-1", Later);
        await _v1.Client.Subscriptions.RescheduleAsync("s-1", Later);

        var calls = _v1.ApiCalls;
        Assert.Equal(("PUT", "/subscribe/payments/schedule/s-1"), (calls[0].RequestMessage.Method, V1TestServer.RawTarget(calls[0])));
        Assert.Equal(("POST", "/subscribe/payments/schedule/s-1/reschedule"), (calls[1].RequestMessage.Method, V1TestServer.RawTarget(calls[1])));
        Assert.All(calls, c => Assert.Equal($$"""{"schedule_at":{{Later.ToUnixTimeSeconds()}}}""", V1TestServer.Body(c).GetRawText()));
    }

    [Fact]
    public async Task UpdateSchedule_and_Reschedule_refuse_a_past_time()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.UpdateScheduleAsync("s-1", V1TestServer.Now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Subscriptions.RescheduleAsync("s-1", V1TestServer.Now.AddDays(-1)));
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task RetrySchedule_posts_without_body_and_returns_the_payment_to_check()
    {
        _v1.Stub("POST", "/subscribe/payments/schedule/s-1/retry", V1Samples.Payment(status: "failed"));

        var payment = await _v1.Client.Subscriptions.RetryScheduleAsync("s-1");

        Assert.True(string.IsNullOrEmpty(_v1.SingleCall.RequestMessage.Body));
        Assert.False(payment.IsPaid);
    }

    [Fact]
    public async Task ListCustomerSchedules_uses_the_per_customer_query_names()
    {
        _v1.Stub("GET", "/subscribe/payments/schedule/customers/cust-1", new { total = 1, previous = 0, next = 0, list = new[] { V1Samples.Schedule() } });

        var page = await _v1.Client.Subscriptions.ListCustomerSchedulesPageAsync("cust-1", new V1CustomerScheduleQuery { From = V1TestServer.Now, To = Later, Status = V1ScheduleStatus.Revoked }, 1);

        Assert.Equal(
            $"/subscribe/payments/schedule/customers/cust-1?from={V1TestServer.Now.ToUnixTimeSeconds()}&to={Later.ToUnixTimeSeconds()}&schedule-status=revoked&page=1",
            V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Single(page.List);
    }

    [Fact]
    public async Task Unknown_status_values_are_kept_and_round_trip()
    {
        _v1.Stub("GET", "/subscribe/payments/schedule/s-1", new { customer_uid = "c", merchant_uid = "s-1", schedule_status = "paused", payment_status = "partial_paid" });

        var schedule = await _v1.Client.Subscriptions.GetScheduleAsync("s-1");

        Assert.Equal("paused", schedule.ScheduleStatus?.Value);
        Assert.NotEqual(V1ScheduleStatus.Scheduled, schedule.ScheduleStatus);
        Assert.Equal("partial_paid", schedule.PaymentStatus.ToString());
        Assert.Equal("\"paused\"", JsonSerializer.Serialize(schedule.ScheduleStatus!.Value, typeof(V1ScheduleStatus), new JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() }));
    }
}
