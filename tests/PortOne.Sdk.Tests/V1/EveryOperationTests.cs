using System.Net;
using PortOne.Sdk.V1;
using WireMock.RequestBuilders;

namespace PortOne.Sdk.Tests.V1;

/// <summary>The same checks for every V1 operation: where it goes, that it is authenticated, and how a refusal surfaces.</summary>
public sealed class EveryOperationTests : IDisposable
{
    private static readonly DateTimeOffset Later = V1TestServer.Now.AddDays(1);
    private static readonly V1CustomerScheduleQuery Window = new() { From = V1TestServer.Now, To = Later };

    private static readonly Dictionary<string, (string Method, string Target, Func<PortOneV1Client, Task> Call)> Operations = new()
    {
        ["Customers.GetMany"] = ("GET", "/subscribe/customers?customer_uid%5B%5D=c", c => c.Customers.GetManyAsync(["c"])),
        ["Customers.Get"] = ("GET", "/subscribe/customers/c", c => c.Customers.GetAsync("c")),
        ["Customers.Save"] = ("POST", "/subscribe/customers/c", c => c.Customers.SaveAsync("c", new SaveCustomerRequest { Card = new V1Card { Number = "4111111111111111", Expiry = "2031-01" } })),
        ["Customers.Delete"] = ("DELETE", "/subscribe/customers/c", c => c.Customers.DeleteAsync("c")),
        ["Customers.ListPayments"] = ("GET", "/subscribe/customers/c/payments?page=1", c => c.Customers.ListPaymentsPageAsync("c")),
        ["Customers.ListSchedules"] = ("GET", $"/subscribe/customers/c/schedules?from={V1TestServer.Now.ToUnixTimeSeconds()}&to={Later.ToUnixTimeSeconds()}&page=1", c => c.Customers.ListSchedulesPageAsync("c", Window)),
        ["Subscriptions.Onetime"] = ("POST", "/subscribe/payments/onetime", c => c.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { MerchantUid = "m", Amount = 1m, Card = new V1Card { Number = "4111111111111111", Expiry = "2031-01" } })),
        ["Subscriptions.Again"] = ("POST", "/subscribe/payments/again", c => c.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m, Name = "n" })),
        ["Subscriptions.Schedule"] = ("POST", "/subscribe/payments/schedule", c => c.Subscriptions.ScheduleAsync(new ScheduleRequest { CustomerUid = "c", Schedules = [new ScheduleItem { MerchantUid = "m", ScheduleAt = Later, Amount = 1m, Currency = "KRW", Name = "n" }] })),
        ["Subscriptions.Unschedule"] = ("POST", "/subscribe/payments/unschedule", c => c.Subscriptions.UnscheduleAsync("c", ["m"])),
        ["Subscriptions.UnscheduleAll"] = ("POST", "/subscribe/payments/unschedule", c => c.Subscriptions.UnscheduleAllAsync("c")),
        ["Subscriptions.SearchSchedules"] = ("GET", $"/subscribe/payments/schedule?schedule_from={V1TestServer.Now.ToUnixTimeSeconds()}&schedule_to={Later.ToUnixTimeSeconds()}&page=1", c => c.Subscriptions.SearchSchedulesPageAsync(new V1ScheduleSearch { From = V1TestServer.Now, To = Later })),
        ["Subscriptions.GetSchedule"] = ("GET", "/subscribe/payments/schedule/m", c => c.Subscriptions.GetScheduleAsync("m")),
        ["Subscriptions.UpdateSchedule"] = ("PUT", "/subscribe/payments/schedule/m", c => c.Subscriptions.UpdateScheduleAsync("m", Later)),
        ["Subscriptions.Reschedule"] = ("POST", "/subscribe/payments/schedule/m/reschedule", c => c.Subscriptions.RescheduleAsync("m", Later)),
        ["Subscriptions.RetrySchedule"] = ("POST", "/subscribe/payments/schedule/m/retry", c => c.Subscriptions.RetryScheduleAsync("m")),
        ["Subscriptions.ListCustomerSchedules"] = ("GET", $"/subscribe/payments/schedule/customers/c?from={V1TestServer.Now.ToUnixTimeSeconds()}&to={Later.ToUnixTimeSeconds()}&page=1", c => c.Subscriptions.ListCustomerSchedulesPageAsync("c", Window)),
        ["Payments.Get"] = ("GET", "/payments/i", c => c.Payments.GetAsync("i")),
        ["Payments.GetMany"] = ("GET", "/payments?imp_uid%5B%5D=i", c => c.Payments.GetManyAsync(["i"])),
        ["Payments.FindByMerchantUid"] = ("GET", "/payments/find/m/paid", c => c.Payments.FindByMerchantUidAsync("m", V1PaymentStatus.Paid)),
        ["Payments.Cancel"] = ("POST", "/payments/cancel", c => c.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "i", Amount = V1CancelAmount.Full })),
    };

    private readonly V1TestServer _v1 = new();

    public static TheoryData<string> Names => new(Operations.Keys);

    public void Dispose() => _v1.Dispose();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Error_envelope_becomes_PortOneV1ApiException_after_one_authenticated_call_to_the_right_place(string name)
    {
        var (method, target, call) = Operations[name];
        _v1.Server.Given(Request.Create().UsingAnyMethod().WithPath(p => p != "/users/getToken")).RespondWith(V1TestServer.Envelope(null, 400, -7, "refused: " + name));

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => call(_v1.Client));

        Assert.Equal(-7, ex.Code);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("refused: " + name, ex.Message);
        var sent = _v1.SingleCall.RequestMessage;
        Assert.Equal(method, sent.Method);
        Assert.Equal(target, V1TestServer.RawTarget(_v1.SingleCall));
        Assert.Equal("Bearer token-1", sent.Headers!["Authorization"].Single());
        Assert.Equal("tier-7", sent.Headers!["Tier"].Single());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_401_is_answered_by_one_token_renewal_and_one_resend(string name)
    {
        var (_, target, call) = Operations[name];
        _v1.Server.Given(Request.Create().UsingAnyMethod().WithPath(p => p != "/users/getToken")).InScenario(name).WillSetStateTo("renewed")
            .RespondWith(V1TestServer.Envelope(null, 401, -1, "expired"));
        _v1.Server.Given(Request.Create().UsingAnyMethod().WithPath(p => p != "/users/getToken")).InScenario(name).WhenStateIs("renewed")
            .RespondWith(V1TestServer.Envelope(null, 400, -2, "second answer"));

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => call(_v1.Client));

        Assert.Equal(-2, ex.Code);
        Assert.Equal(2, _v1.Server.LogEntries.Count(e => e.RequestMessage.Path == "/users/getToken"));
        Assert.Equal([target, target], _v1.ApiCalls.Select(V1TestServer.RawTarget));
    }
}
