using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.Tests.V1;
using PortOne.Sdk.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit.Abstractions;

namespace PortOne.Sdk.Tests.Tolerance;

/// <summary>
/// Every V1 operation, over real HTTP, with each field of its <c>response</c> removed in turn and each scalar
/// replaced by a value of another JSON kind.
/// </summary>
public sealed class V1ToleranceTests : IDisposable
{
    private static readonly IReadOnlySet<string> Identifying = new HashSet<string> { "imp_uid", "merchant_uid", "customer_uid" };
    private static readonly DateTimeOffset Later = V1TestServer.Now.AddDays(1);
    private static readonly V1CustomerScheduleQuery Window = new() { From = V1TestServer.Now, To = Later };
    private static readonly V1Card Card = new() { Number = "4111111111111111", Expiry = "2031-01" };

    private static readonly string Payment = Json(V1Samples.Payment());
    private static readonly string Customer = Json(V1Samples.Customer());
    private static readonly string Schedule = Json(V1Samples.Schedule());
    private static readonly string PaymentPage = $$"""{ "total": 2, "previous": 0, "next": 0, "list": [{{Payment}}, {{Json(V1Samples.Payment("imp_2", merchantUid: "order-2"))}}] }""";
    private static readonly string SchedulePage = $$"""{ "total": 2, "previous": 0, "next": 0, "list": [{{Schedule}}, {{Json(V1Samples.Schedule("sched-2"))}}] }""";
    private static readonly string Schedules = $"[{Schedule}, {Json(V1Samples.Schedule("sched-2"))}]";

    internal static readonly Operation<PortOneV1Client>[] Operations =
    [
        new("V1.Customers.GetMany", "GET", "/subscribe/customers", 200, $"[{Customer}, {Json(V1Samples.Customer("cust-2"))}]",
            async c => (await c.Customers.GetManyAsync(["cust-1", "cust-2"])).Found, ListPath: "$.response", Items: r => (IList)r),
        new("V1.Customers.Get", "GET", "/subscribe/customers/c", 200, Customer, async c => await c.Customers.GetAsync("c")),
        new("V1.Customers.Save", "POST", "/subscribe/customers/c", 201, Customer,
            async c => await c.Customers.SaveAsync("c", new SaveCustomerRequest { Card = Card }), Accepted: "customer_uid \"c\""),
        new("V1.Customers.Delete", "DELETE", "/subscribe/customers/c", 200, Customer, async c => await c.Customers.DeleteAsync("c")),
        new("V1.Customers.ListPayments", "GET", "/subscribe/customers/c/payments", 200, PaymentPage,
            async c => await c.Customers.ListPaymentsPageAsync("c"), ListPath: "$.response.list", Items: r => (IList)((V1Page<V1Payment>)r).List),
        new("V1.Customers.ListSchedules", "GET", "/subscribe/customers/c/schedules", 200, SchedulePage,
            async c => await c.Customers.ListSchedulesPageAsync("c", Window), ListPath: "$.response.list", Items: r => (IList)((V1Page<V1Schedule>)r).List),
        new("V1.Subscriptions.Onetime", "POST", "/subscribe/payments/onetime", 200, Payment,
            async c => await c.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { MerchantUid = "m", Amount = 1m, Card = Card }), Accepted: "merchant_uid \"m\""),
        new("V1.Subscriptions.Again", "POST", "/subscribe/payments/again", 200, Payment,
            async c => await c.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m, Name = "n" }), Accepted: "merchant_uid \"m\""),
        new("V1.Subscriptions.Schedule", "POST", "/subscribe/payments/schedule", 200, Schedules,
            async c => await c.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [new ScheduleItem { MerchantUid = "m", ScheduleAt = Later, Amount = 1m, Currency = "KRW", Name = "n" }] }),
            Accepted: "customer_uid \"c\"", ListPath: "$.response", Items: r => (IList)r),
        new("V1.Subscriptions.Unschedule", "POST", "/subscribe/payments/unschedule", 200, Schedules,
            async c => await c.Subscriptions.UnscheduleAsync("c", ["m"]), ListPath: "$.response", Items: r => (IList)r),
        new("V1.Subscriptions.Unschedule (all)", "POST", "/subscribe/payments/unschedule", 200, Schedules,
            async c => await c.Subscriptions.UnscheduleAllAsync("c"), ListPath: "$.response", Items: r => (IList)r),
        new("V1.Subscriptions.SearchSchedules", "GET", "/subscribe/payments/schedule", 200, SchedulePage,
            async c => await c.Subscriptions.SearchSchedulesPageAsync(new V1ScheduleSearch { From = V1TestServer.Now, To = Later }), ListPath: "$.response.list", Items: r => (IList)((V1Page<V1Schedule>)r).List),
        new("V1.Subscriptions.GetSchedule", "GET", "/subscribe/payments/schedule/m", 200, Schedule, async c => await c.Subscriptions.GetScheduleAsync("m")),
        new("V1.Subscriptions.UpdateSchedule", "PUT", "/subscribe/payments/schedule/m", 200, Schedule, async c => await c.Subscriptions.UpdateScheduleAsync("m", Later)),
        new("V1.Subscriptions.Reschedule", "POST", "/subscribe/payments/schedule/m/reschedule", 200, Schedule, async c => await c.Subscriptions.RescheduleAsync("m", Later)),
        new("V1.Subscriptions.Retry", "POST", "/subscribe/payments/schedule/m/retry", 200, Payment,
            async c => await c.Subscriptions.RetryScheduleAsync("m"), Accepted: "merchant_uid \"m\""),
        new("V1.Subscriptions.ListCustomerSchedules", "GET", "/subscribe/payments/schedule/customers/c", 200, SchedulePage,
            async c => await c.Subscriptions.ListCustomerSchedulesPageAsync("c", Window), ListPath: "$.response.list", Items: r => (IList)((V1Page<V1Schedule>)r).List),
        new("V1.Payments.Get", "GET", "/payments/i", 200, Payment, async c => await c.Payments.GetAsync("i")),
        new("V1.Payments.GetMany", "GET", "/payments", 200, $"[{Payment}, {Json(V1Samples.Payment("imp_2", merchantUid: "order-2"))}]",
            async c => (await c.Payments.GetManyAsync(["imp_1", "imp_2"])).Found, ListPath: "$.response", Items: r => (IList)r),
        new("V1.Payments.FindByMerchantUid", "GET", "/payments/find/m/paid", 200, Payment, async c => await c.Payments.FindByMerchantUidAsync("m", V1PaymentStatus.Paid)),
        new("V1.Payments.Cancel", "POST", "/payments/cancel", 200, Payment,
            async c => await c.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "i", Amount = V1CancelAmount.Full }), Accepted: "imp_uid \"i\""),
    ];

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly PortOneV1Client _client;

    private readonly ITestOutputHelper _output;

    public V1ToleranceTests(ITestOutputHelper output)
    {
        _output = output;
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        StubToken();
        _client = new PortOneV1Client(
            new PortOneV1Options
            {
                ApiKey = "key",
                ApiSecret = "secret",
                BaseAddress = new Uri(_server.Url!),
                TimeProvider = new FakeTimeProvider(V1TestServer.Now),
                Retry = new PortOneRetryOptions { MaxRetries = 0 },

                // These tests are about reading answers; settling lost ones is MoneyResolutionTests' subject.
                ResolveUnknownOutcomes = false,
            },
            _loggerFactory);
    }

    public static TheoryData<string> Names => new(Operations.Select(o => o.Name));

    public void Dispose()
    {
        _client.Dispose();
        _loggerFactory.Dispose();
        _server.Stop();
    }

    [Fact]
    public void Every_operation_of_the_client_is_covered()
    {
        // Unschedule and UnscheduleAll share one wire operation; the client has 21 calls.
        var declared = new[] { typeof(PortOneV1CustomersClient), typeof(PortOneV1SubscriptionsClient), typeof(PortOneV1PaymentsClient) }
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(Http.PortOneOperation))
            .Select(f => ((Http.PortOneOperation)f.GetValue(null)!).Name)
            .Order();
        Assert.Equal(declared, Operations.Select(o => o.Name.Split(' ')[0]).Distinct().Order());
        Assert.Equal(21, Operations.Length);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_success_answer_that_differs_from_the_spec_still_succeeds_and_leaves_the_field_empty(string name)
    {
        var operation = Operations.Single(o => o.Name == name);
        var ran = await MutationRunner.RunAsync(_server, StubToken, _logs.Collector, _client, operation, "$.response", Envelope, Write, Identifying);
        Assert.True(ran > 0);
        _output.WriteLine($"{name}: {ran} mutations");
    }

    [Fact]
    public async Task Saving_a_customer_answered_201_with_card_type_as_a_string_succeeds()
    {
        var customer = JsonNode.Parse(Customer)!.AsObject();
        customer["card_type"] = "credit";
        Stub("POST", "/subscribe/customers/cust-1", 201, Envelope(customer.ToJsonString()));

        var saved = await _client.Customers.SaveAsync("cust-1", new SaveCustomerRequest { Card = Card });

        Assert.Equal("cust-1", saved.CustomerUid);
        Assert.Equal("1234-****-****-5678", saved.CardNumber);
        Assert.Null(saved.CardType);
        var warning = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Name == "PortOneAnswerDiffersFromSpec");
        Assert.Contains("V1.Customers.Save", warning.Message, StringComparison.Ordinal);
        Assert.Contains("$.response.card_type", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("credit", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_page_with_one_unreadable_item_returns_the_other_items_and_logs_the_one_left_out()
    {
        var broken = JsonNode.Parse(Json(V1Samples.Schedule("sched-2")))!.AsObject();
        broken["merchant_uid"] = new JsonObject();
        Stub("GET", "/subscribe/payments/schedule", 200, Envelope($$"""{ "total": 3, "previous": 0, "next": 0, "list": [{{Schedule}}, {{broken.ToJsonString()}}, {{Json(V1Samples.Schedule("sched-3"))}}] }"""));

        var page = await _client.Subscriptions.SearchSchedulesPageAsync(new V1ScheduleSearch { From = V1TestServer.Now, To = Later });

        Assert.Equal(["sched-1", "sched-3"], page.List.Select(s => s.MerchantUid));
        Assert.Equal(3, page.Total);
        var warning = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Name == "PortOneAnswerDiffersFromSpec");
        Assert.Contains("$.response.list[1]", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_answer_to_a_refund_says_PortOne_accepted_it_and_names_the_payment()
    {
        Stub("POST", "/payments/cancel", 200, "<html>upstream timeout</html>");

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => _client.Payments.CancelAsync(new CancelPaymentRequest { MerchantUid = "order-9", Amount = V1CancelAmount.Full }));

        Assert.True(ex.RequestAccepted);
        Assert.Contains("ACCEPTED", ex.Message, StringComparison.Ordinal);
        Assert.Contains("merchant_uid \"order-9\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 200", ex.Message, StringComparison.Ordinal);
        Assert.Equal("<html>upstream timeout</html>", ex.RawBody);
    }

    [Fact]
    public async Task A_refused_charge_with_an_unreadable_body_is_not_reported_as_accepted()
    {
        Stub("POST", "/subscribe/payments/again", 502, "<html>bad gateway</html>");

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => _client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m, Name = "n" }));

        Assert.False(ex.RequestAccepted);
        Assert.DoesNotContain("ACCEPTED", ex.Message, StringComparison.Ordinal);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Envelope(string response) => $$"""{ "code": 0, "message": null, "response": {{response}} }""";

    private static JsonNode? Write(object result) => Writing.Write(result, V1Api.Tolerant.Options);

    private void StubToken() =>
        _server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(V1TestServer.Envelope(new { access_token = "token-1", now = 1_700_000_000, expired_at = 1_900_000_000 }));

    private void Stub(string method, string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
}
