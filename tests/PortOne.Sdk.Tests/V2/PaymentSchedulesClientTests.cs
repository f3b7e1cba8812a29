using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

public sealed class PaymentSchedulesClientTests : IDisposable
{
    private readonly V2TestServer _mock = new();

    public void Dispose() => _mock.Dispose();

    private static BillingKeyPaymentScheduleInput Payment(string? storeId = null) => new()
    {
        StoreId = storeId,
        BillingKey = "billing-key-1",
        OrderName = "Monthly plan",
        Amount = new PaymentAmountInput { Total = 10000, Vat = 909 },
        Currency = Currency.Krw,
    };

    [Fact]
    public async Task Create_posts_the_payment_and_the_time_with_the_store_filled_in_the_payment()
    {
        _mock.Stub("POST", "/payments/order-2001/schedule", 200, """{ "schedule": { "id": "schedule-1" } }""");
        using var client = _mock.CreateClient();

        var created = await client.PaymentSchedules.CreateAsync("order-2001", new CreatePaymentScheduleRequest
        {
            Payment = Payment(),
            TimeToPay = new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.FromHours(9)),
        });

        Assert.Equal("schedule-1", created.Schedule.Id);
        var request = _mock.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/payments/order-2001/schedule", request.Path);
        V2TestServer.JsonEqual(
            """
            {
              "payment": { "storeId": "store-configured", "billingKey": "billing-key-1", "orderName": "Monthly plan", "amount": { "total": 10000, "vat": 909 }, "currency": "KRW" },
              "timeToPay": "2024-06-01T09:00:00+09:00"
            }
            """,
            V2TestServer.Body(request));
    }

    [Fact]
    public async Task Create_keeps_the_callers_store_and_leaves_the_request_untouched()
    {
        _mock.Stub("POST", "/payments/order-2002/schedule", 200, """{ "schedule": { "id": "schedule-2" } }""");
        using var client = _mock.CreateClient();
        var mine = new CreatePaymentScheduleRequest { Payment = Payment("store-own"), TimeToPay = DateTimeOffset.UnixEpoch.AddYears(60) };
        var theirs = new CreatePaymentScheduleRequest { Payment = Payment(), TimeToPay = DateTimeOffset.UnixEpoch.AddYears(60) };

        await client.PaymentSchedules.CreateAsync("order-2002", mine);
        await client.PaymentSchedules.CreateAsync("order-2002", theirs);

        var stores = _mock.Server.LogEntries.Select(e => V2TestServer.Body(e.RequestMessage)["payment"]!["storeId"]!.GetValue<string>()).ToList();
        Assert.Equal(["store-own", "store-configured"], stores);
        Assert.Null(theirs.Payment.StoreId);
    }

    [Fact]
    public async Task Get_decodes_a_scheduled_payment_schedule()
    {
        _mock.Stub("GET", "/payment-schedules/schedule-1", 200, V2Samples.ScheduledPaymentSchedule);
        using var client = _mock.CreateClient();

        var schedule = await client.PaymentSchedules.GetAsync("schedule-1");

        var scheduled = Assert.IsType<ScheduledPaymentSchedule>(schedule);
        Assert.Equal("order-2001", scheduled.PaymentId);
        Assert.Equal(10000L, scheduled.TotalAmount);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), scheduled.TimeToPay);
        var request = _mock.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal("store-configured", V2TestServer.Query(request)["storeId"]);
    }

    [Fact]
    public async Task ListPage_sends_the_filter_as_the_requestBody_query()
    {
        _mock.Stub("GET", "/payment-schedules", 200, V2Samples.Page(V2Samples.ScheduledPaymentSchedule, 0, 10, 1));
        using var client = _mock.CreateClient(storeId: null);

        var page = await client.PaymentSchedules.ListPageAsync(new GetPaymentSchedulesRequest
        {
            Sort = new PaymentScheduleSortInput { By = PaymentScheduleSortBy.TimeToPay, Order = SortOrder.Asc },
            Filter = new PaymentScheduleFilterInput
            {
                BillingKey = "billing-key-1",
                From = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero),
                Until = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero),
                Status = [PaymentScheduleStatus.Scheduled],
            },
        });

        Assert.IsType<ScheduledPaymentSchedule>(Assert.Single(page.Items));
        var request = _mock.Single();
        Assert.Equal("/payment-schedules", request.Path);
        V2TestServer.JsonEqual(
            """
            {
              "sort": { "by": "TIME_TO_PAY", "order": "ASC" },
              "filter": { "billingKey": "billing-key-1", "from": "2024-06-01T00:00:00+00:00", "until": "2024-07-01T00:00:00+00:00", "status": ["SCHEDULED"] }
            }
            """,
            V2TestServer.RequestBodyQuery(request));
    }

    [Fact]
    public async Task ListAsync_yields_every_schedule()
    {
        _mock.Stub("GET", "/payment-schedules", 200, V2Samples.Page(V2Samples.ScheduledPaymentSchedule, 0, 10, 1));
        using var client = _mock.CreateClient();

        var schedules = new List<PaymentSchedule>();
        await foreach (var schedule in client.PaymentSchedules.ListAsync(new PaymentScheduleFilterInput { BillingKey = "billing-key-1" }))
        {
            schedules.Add(schedule);
        }

        Assert.IsType<ScheduledPaymentSchedule>(Assert.Single(schedules));
        V2TestServer.JsonEqual(
            """{ "page": { "number": 0 }, "filter": { "storeId": "store-configured", "billingKey": "billing-key-1" } }""",
            V2TestServer.RequestBodyQuery(_mock.Single()));
    }

    [Fact]
    public async Task Revoke_sends_a_DELETE_with_the_requestBody_query()
    {
        _mock.Stub("DELETE", "/payment-schedules", 200, """{ "revokedScheduleIds": ["schedule-1", "schedule-2"], "revokedAt": "2024-05-05T00:00:00Z" }""");
        using var client = _mock.CreateClient();

        var revoked = await client.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { ScheduleIds = ["schedule-1", "schedule-2"] });

        Assert.Equal(["schedule-1", "schedule-2"], revoked.RevokedScheduleIds);
        var request = _mock.Single();
        Assert.Equal("DELETE", request.Method);
        Assert.True(string.IsNullOrEmpty(request.Body));
        V2TestServer.JsonEqual(
            """{ "storeId": "store-configured", "scheduleIds": ["schedule-1", "schedule-2"] }""",
            V2TestServer.RequestBodyQuery(request));
    }

    [Fact]
    public async Task Invalid_input_is_refused_before_anything_is_sent()
    {
        using var client = _mock.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>("request", () => client.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest()));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { ScheduleIds = [""] }));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.PaymentSchedules.CreateAsync("p", new CreatePaymentScheduleRequest { Payment = Payment(), TimeToPay = default }));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.PaymentSchedules.CreateAsync("p", new CreatePaymentScheduleRequest { Payment = null!, TimeToPay = DateTimeOffset.UnixEpoch }));
        await Assert.ThrowsAsync<ArgumentException>("paymentScheduleId", () => client.PaymentSchedules.GetAsync(" "));

        Assert.Empty(_mock.Server.LogEntries);
    }
}
