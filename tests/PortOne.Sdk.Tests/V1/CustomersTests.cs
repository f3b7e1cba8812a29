using System.Net;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.Tests.V1;

public sealed class CustomersTests : IDisposable
{
    private static readonly V1Card TestCard = new() { Number = "1234 5678-9012 3456", Expiry = "2031-07", Birth = "900101", Password2Digits = "12", Cvc = "123" };

    private readonly V1TestServer _v1 = new();

    public void Dispose() => _v1.Dispose();

    [Fact]
    public async Task GetMany_repeats_customer_uid_keys_and_names_the_missing_ones_on_207()
    {
        _v1.Stub("GET", "/subscribe/customers", new[] { V1Samples.Customer("a") }, status: 207);

        var result = await _v1.Client.Customers.GetManyAsync(["a", "b/c"]);

        Assert.Equal("/subscribe/customers?customer_uid%5B%5D=a&customer_uid%5B%5D=b%2Fc", V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal("GET", _v1.SingleCall.RequestMessage.Method);
        Assert.Equal("a", Assert.Single(result.Found).CustomerUid);
        Assert.Equal(["b/c"], result.Missing);
    }

    [Fact]
    public async Task GetMany_with_all_found_is_complete()
    {
        _v1.Stub("GET", "/subscribe/customers", new[] { V1Samples.Customer("a"), V1Samples.Customer("b") });

        var result = await _v1.Client.Customers.GetManyAsync(["a", "b"]);

        Assert.True(result.IsComplete);
        Assert.Equal(2, result.Found.Count);
    }

    [Fact]
    public async Task GetMany_treats_404_as_none_found_but_other_errors_still_throw()
    {
        _v1.StubError("GET", "/subscribe/customers", 404, 1, "none");

        var result = await _v1.Client.Customers.GetManyAsync(["a", "b"]);

        Assert.Empty(result.Found);
        Assert.Equal(["a", "b"], result.Missing);

        _v1.Server.Reset();
        _v1.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/users/getToken")).RespondWith(V1TestServer.Envelope(new { access_token = "t", now = 1, expired_at = 1801 }));
        _v1.StubError("GET", "/subscribe/customers", 400, -1, "bad");
        await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Customers.GetManyAsync(["a"]));
    }

    [Fact]
    public async Task Get_decodes_an_ordinary_billing_key()
    {
        _v1.Stub("GET", "/subscribe/customers/cust-1", V1Samples.Customer());

        var customer = await _v1.Client.Customers.GetAsync("cust-1");

        Assert.Equal("cust-1", customer.CustomerUid);
        Assert.Equal("nice", customer.PgProvider);
        Assert.Equal(0, customer.CardType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), customer.Inserted);
        Assert.Null(customer.Updated);
        Assert.False(customer.IsSuperBillingKey);
    }

    [Fact]
    public async Task Get_decodes_a_super_billing_key()
    {
        _v1.Stub("GET", "/subscribe/customers/cust-1", new
        {
            customer_uid = "cust-1",
            channelGroupId = "group-1",
            succeededChannels = new[] { new { pg_provider = "nice", pg_id = "m", inserted = 1_700_000_000, updated = 1_700_000_000 } },
            failedChannels = new[] { new { type = "PG", message = "declined", pg_provider = "kcp", pg_id = "m2" } },
        });

        var customer = await _v1.Client.Customers.GetAsync("cust-1");

        Assert.True(customer.IsSuperBillingKey);
        Assert.Equal("nice", Assert.Single(customer.SucceededChannels!).PgProvider);
        Assert.Equal("declined", Assert.Single(customer.FailedChannels!).Message);
    }

    [Fact]
    public async Task Save_posts_the_card_fields_flat_and_omits_unset_ones()
    {
        _v1.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost().WithPath(p => p.StartsWith("/subscribe/customers/", StringComparison.Ordinal)))
            .RespondWith(V1TestServer.Envelope(V1Samples.Customer("cust/1")));

        var customer = await _v1.Client.Customers.SaveAsync("cust/1", new SaveCustomerRequest { Card = TestCard, ChannelKey = "channel-key-1", CustomerName = "Hong" });

        var call = _v1.SingleCall;
        Assert.Equal("POST", call.RequestMessage.Method);
        Assert.Equal("/subscribe/customers/cust%2F1", V1TestServer.RawTarget(call));
        Assert.Equal(
            """{"channel_key":"channel-key-1","customer_name":"Hong","card_number":"12345678-90123456","expiry":"2031-07","birth":"900101","pwd_2digit":"12","cvc":"123"}""",
            V1TestServer.Body(call).GetRawText());
        Assert.Equal("cust/1", customer.CustomerUid);
    }

    [Theory]
    [InlineData("1234", "Number")]
    [InlineData("1234-5678-9012-345X", "Number")]
    [InlineData("12345678901234567890", "Number")]
    [InlineData("4111-1111-1111-1111-", "Number")]
    [InlineData("-4111-1111-1111-1111", "Number")]
    [InlineData("4111--1111-1111-1111", "Number")]
    [InlineData("4111- 1111-1111-1111", "Number")]
    [InlineData("4111 1111 1111 1111 ", "Number")]
    [InlineData(" 4111111111111111", "Number")]
    public async Task Save_rejects_a_malformed_card_number_without_echoing_it(string number, string field)
    {
        var card = new V1Card { Number = number, Expiry = "2031-07" };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Customers.SaveAsync("c", new SaveCustomerRequest { Card = card }));

        Assert.Contains(field, ex.ParamName);
        Assert.Contains("card_number", ex.Message);
        Assert.DoesNotContain(number, ex.Message);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Theory]
    [InlineData("2031-7")]
    [InlineData("07/31")]
    [InlineData("2031-13")]
    [InlineData("203107")]
    public async Task Save_rejects_an_expiry_not_written_YYYY_MM(string expiry)
    {
        var card = new V1Card { Number = "4111111111111111", Expiry = expiry };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Customers.SaveAsync("c", new SaveCustomerRequest { Card = card }));

        Assert.Contains("expiry", ex.Message);
        Assert.DoesNotContain(expiry, ex.Message);
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Save_rejects_bad_password_digits_and_cvc()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Customers.SaveAsync("c", new SaveCustomerRequest { Card = new V1Card { Number = "4111111111111111", Expiry = "2031-07", Password2Digits = "123" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Customers.SaveAsync("c", new SaveCustomerRequest { Card = new V1Card { Number = "4111111111111111", Expiry = "2031-07", Cvc = "12" } }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _v1.Client.Customers.SaveAsync("c", null!));
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task Save_is_not_retried_after_a_transient_failure()
    {
        _v1.StubError("POST", "/subscribe/customers/c", 503, -1, "busy");

        // A 5xx leaves open whether the card was stored; nothing makes a second save safe, so it is not sent again.
        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => _v1.Client.Customers.SaveAsync("c", new SaveCustomerRequest { Card = TestCard }));

        Assert.IsType<PortOneV1ApiException>(ex.InnerException);
        Assert.Equal(("c", "customer_uid"), (ex.PaymentId, ex.IdField));
        Assert.Single(_v1.ApiCalls);
    }

    [Fact]
    public void Card_data_never_shows_in_ToString()
    {
        var request = new SaveCustomerRequest { Card = TestCard };

        foreach (var text in new[] { request.ToString(), TestCard.ToString() })
        {
            Assert.DoesNotContain("5678", text);
            Assert.DoesNotContain("2031", text);
            Assert.DoesNotContain("900101", text);
            Assert.DoesNotContain("123", text);
        }
    }

    [Fact]
    public async Task Delete_sends_reason_and_extra_requester_as_query()
    {
        _v1.Stub("DELETE", "/subscribe/customers/cust-1", V1Samples.Customer());

        var deleted = await _v1.Client.Customers.DeleteAsync("cust-1", reason: "card lost", requester: "customer");

        var call = _v1.SingleCall;
        Assert.Equal("DELETE", call.RequestMessage.Method);
        Assert.Equal("/subscribe/customers/cust-1?reason=card%20lost&extra%5Brequester%5D=customer", V1TestServer.RawTarget(call));
        Assert.True(string.IsNullOrEmpty(call.RequestMessage.Body));
        Assert.Equal("cust-1", deleted.CustomerUid);
    }

    [Fact]
    public async Task Delete_without_options_sends_no_query()
    {
        _v1.Stub("DELETE", "/subscribe/customers/cust-1", V1Samples.Customer());

        await _v1.Client.Customers.DeleteAsync("cust-1");

        Assert.Equal("/subscribe/customers/cust-1", V1TestServer.RawTarget(_v1.SingleCall));
    }

    [Fact]
    public async Task Delete_of_an_unknown_customer_throws_with_404()
    {
        _v1.StubError("DELETE", "/subscribe/customers/x", 404, 1, "unknown");

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Customers.DeleteAsync("x"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task ListPayments_walks_every_page_until_next_is_zero()
    {
        _v1.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/subscribe/customers/cust-1/payments").WithParam("page", "1").UsingGet())
            .RespondWith(V1TestServer.Envelope(new { total = 3, previous = 0, next = 2, list = new[] { V1Samples.Payment("imp_1"), V1Samples.Payment("imp_2") } }));
        _v1.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/subscribe/customers/cust-1/payments").WithParam("page", "2").UsingGet())
            .RespondWith(V1TestServer.Envelope(new { total = 3, previous = 1, next = 0, list = new[] { V1Samples.Payment("imp_3") } }));

        var ids = new List<string>();
        await foreach (var payment in _v1.Client.Customers.ListPaymentsAsync("cust-1"))
        {
            ids.Add(payment.ImpUid);
        }

        Assert.Equal(["imp_1", "imp_2", "imp_3"], ids);
        Assert.Equal(["/subscribe/customers/cust-1/payments?page=1", "/subscribe/customers/cust-1/payments?page=2"], _v1.ApiCalls.Select(V1TestServer.RawTarget));
    }

    [Fact]
    public async Task ListPaymentsPage_returns_the_paging_fields()
    {
        _v1.Stub("GET", "/subscribe/customers/cust-1/payments", new { total = 45, previous = 1, next = 3, list = new[] { V1Samples.Payment() } });

        var page = await _v1.Client.Customers.ListPaymentsPageAsync("cust-1", 2);

        Assert.Equal("/subscribe/customers/cust-1/payments?page=2", V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal(45, page.Total);
        Assert.Equal(1, page.Previous);
        Assert.Equal(3, page.Next);
        Assert.True(page.HasNext);
    }

    [Fact]
    public async Task Page_numbers_below_one_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _v1.Client.Customers.ListPaymentsPageAsync("cust-1", 0));
        Assert.Empty(_v1.Server.LogEntries);
    }

    [Fact]
    public async Task ListSchedules_uses_from_to_and_the_hyphenated_schedule_status()
    {
        _v1.Stub("GET", "/subscribe/customers/cust-1/schedules", new { total = 1, previous = 0, next = 0, list = new[] { V1Samples.Schedule() } });
        var from = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var schedules = new List<V1Schedule>();
        await foreach (var s in _v1.Client.Customers.ListSchedulesAsync("cust-1", new V1CustomerScheduleQuery { From = from, To = from.AddDays(30), Status = V1ScheduleStatus.Scheduled }))
        {
            schedules.Add(s);
        }

        Assert.Equal(
            $"/subscribe/customers/cust-1/schedules?from={from.ToUnixTimeSeconds()}&to={from.AddDays(30).ToUnixTimeSeconds()}&schedule-status=scheduled&page=1",
            V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal(V1ScheduleStatus.Scheduled, Assert.Single(schedules).ScheduleStatus);
    }

    [Fact]
    public void ListSchedules_rejects_a_window_that_ends_before_it_starts_when_called()
    {
        var from = V1TestServer.Now;

        var ex = Assert.Throws<ArgumentException>(() => _v1.Client.Customers.ListSchedulesAsync("cust-1", new V1CustomerScheduleQuery { From = from, To = from }));

        Assert.Contains("To", ex.ParamName);
    }
}
