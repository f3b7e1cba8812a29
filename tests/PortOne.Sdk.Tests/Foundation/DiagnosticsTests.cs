using System.Collections.Concurrent;
using System.Diagnostics;
using PortOne.Sdk.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortOne.Sdk.Tests.Foundation;

public sealed class DiagnosticsTests : IDisposable
{
    private static readonly PortOneOperation DiagRead = new("Test.Diag.Read", "/payments/{paymentId}", retryable: true);
    private static readonly PortOneOperation DiagCharge = new("Test.Diag.Charge", "/payments/{paymentId}/billing-key", retryable: false);

    private readonly Harness _h = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;

    public DiagnosticsTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PortOneDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.OperationName.StartsWith("Test.Diag.", StringComparison.Ordinal))
                {
                    _activities.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task Each_call_is_one_activity_with_its_operation_name_and_status_whatever_the_retries()
    {
        _h.Server.Given(Request.Create().WithPath("/payments/merchant-order-7731").UsingGet()).InScenario("blip").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("{\"type\":\"BUSY\"}"));
        _h.Server.Given(Request.Create().WithPath("/payments/merchant-order-7731").UsingGet()).InScenario("blip").WhenStateIs("ok")
            .RespondWith(Response.Create().WithBody("{}").WithHeader("x-request-id", "req-1"));
        _h.Server.Given(Request.Create().WithPath("/payments/merchant-order-7731/billing-key").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(409).WithBody("{\"type\":\"ALREADY_PAID\"}"));
        using var client = _h.V2();

        await client.V2GetAsync("payments/merchant-order-7731", DiagRead);
        await Assert.ThrowsAsync<PortOneApiException>(() => client.V2PostAsync(new EchoBody { Name = "card-holder-name" }, DiagCharge, "payments/merchant-order-7731/billing-key"));

        var activities = _activities.ToList();
        Assert.Equal(2, activities.Count);
        var read = activities.Single(a => a.OperationName == DiagRead.Name);
        var charge = activities.Single(a => a.OperationName == DiagCharge.Name);
        Assert.Equal(ActivityKind.Client, read.Kind);
        Assert.NotEqual(ActivityStatusCode.Error, read.Status);
        Assert.Equal(200, read.GetTagItem("http.response.status_code"));
        Assert.Equal("req-1", read.GetTagItem("portone.request_id"));
        Assert.Equal("/payments/{paymentId}", read.GetTagItem("url.template"));
        Assert.Equal(ActivityStatusCode.Error, charge.Status);
        Assert.Equal(409, charge.GetTagItem("http.response.status_code"));
        Assert.All(activities, a => Assert.DoesNotContain(a.TagObjects, t => t.Value?.ToString()?.Contains("merchant-order-7731", StringComparison.Ordinal) == true));
        Assert.Equal(3, _h.Server.LogEntries.Count);
    }

    [Fact]
    public async Task The_request_id_is_taken_from_the_first_of_the_known_headers_that_has_a_value_in_the_order_they_are_preferred()
    {
        _h.Server.Given(Request.Create().WithPath("/payments/order-with-ids").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("{\"type\":\"PAYMENT_NOT_FOUND\",\"message\":\"none\"}")
                .WithHeader("X-Amz-Cf-Id", "cf-edge-1")
                .WithHeader("x-request-id", string.Empty)
                .WithHeader("X-PortOne-Request-Id", "po-req-7"));
        using var client = _h.V2();

        var refused = await Assert.ThrowsAsync<PortOneApiException>(() => client.V2GetAsync("payments/order-with-ids", DiagRead));

        Assert.Equal("po-req-7", refused.RequestId);
        Assert.Equal("po-req-7", Assert.Single(_activities).GetTagItem("portone.request_id"));
    }

    [Fact]
    public async Task A_failed_call_is_an_error_activity_named_after_the_exception_type()
    {
        using var gate = new Gate();
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithCallback(_ => gate.HoldAsync(() => Answers.Json(200, "{}"))));
        using var client = _h.V2(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.Retry.MaxRetries = 0;
        });

        var call = client.V2GetAsync(operation: DiagRead);
        await gate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<PortOneTimeoutException>(() => call.Guard());

        var activity = Assert.Single(_activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.False(string.IsNullOrEmpty(activity.StatusDescription));
    }

    [Fact]
    public async Task Logs_name_the_operation_and_template_but_no_path_header_or_body()
    {
        _h.Server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("live-token-xyz", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
        _h.Server.Given(Request.Create().WithPath("/subscribe/payments/again").UsingPost()).InScenario("s").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(Bodies.V1Error(-1, "expired")));
        _h.Server.Given(Request.Create().WithPath("/subscribe/payments/again").UsingPost()).InScenario("s").WhenStateIs("ok")
            .RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        _h.Server.Given(Request.Create().WithPath("/payments/imp_customer-98765").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody(Bodies.V1Error(-1, "busy")));
        using var client = _h.V1();

        await client.V1PostAsync(new EchoBody { Name = "holder-name-secret", Amount = 5000 });
        await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.V1GetAsync("payments/imp_customer-98765"));

        var lines = _h.Logs.Select(l => l.Message + " | " + (l.StructuredState is null ? string.Empty : string.Join(",", l.StructuredState))).ToList();
        Assert.Contains(lines, l => l.Contains(TestOperations.V1Charge.Name, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/payments/{imp_uid}", StringComparison.Ordinal));
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneUnauthorized");
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneRetry");
        foreach (var line in lines)
        {
            Assert.DoesNotContain("customer-98765", line);
            Assert.DoesNotContain("holder-name-secret", line);
            Assert.DoesNotContain("live-token-xyz", line);
            Assert.DoesNotContain("v1-secret-456", line);
            Assert.DoesNotContain("key-123", line);
            Assert.DoesNotContain("Bearer", line);
            Assert.DoesNotContain("Authorization", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", line);
        }
    }

    [Fact]
    public async Task The_user_agent_names_the_sdk_and_its_version()
    {
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithBody("{}"));
        using var client = _h.V2();

        await client.V2GetAsync();

        var userAgent = Harness.Header(Assert.Single(_h.Server.LogEntries), "User-Agent");
        Assert.StartsWith("PortOne.Sdk/", userAgent);
        Assert.Contains("V2", userAgent);
        Assert.Equal("application/json", Harness.Header(_h.Server.LogEntries[0], "Accept"));
    }
}
