using System.Net;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortOne.Sdk.Tests.Foundation;

public sealed class AuthTests : IDisposable
{
    private const string TokenPath = "/users/getToken";
    private const string PaymentPath = "/payments/imp_1";
    private const string ChargePath = "/subscribe/payments/again";

    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Thousand_concurrent_calls_without_a_usable_token_cause_exactly_one_token_request_each_time()
    {
        var issued = 0;
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromMilliseconds(300)).WithCallback(_ =>
                Answers.Json(200, Bodies.V1Token("t" + Interlocked.Increment(ref issued), _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Bodies.V1Ok));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        using var client = _h.V1(primaryHandler: handler);

        await RunConcurrentlyAsync(1000, () => client.V1GetAsync());

        Assert.Single(_h.Requests(TokenPath));
        var first = _h.Requests(PaymentPath);
        Assert.Equal(1000, first.Count);
        Assert.All(first, e => Assert.Equal("Bearer t1", Harness.Header(e, "Authorization")));

        // Past its expiry, the token is renewed once for the next thousand callers too.
        _h.Time.Advance(TimeSpan.FromMinutes(31));
        await RunConcurrentlyAsync(1000, () => client.V1GetAsync());

        Assert.Equal(2, _h.Requests(TokenPath).Count);
        var all = _h.Requests(PaymentPath);
        Assert.Equal(2000, all.Count);
        Assert.Equal(1000, all.Count(e => Harness.Header(e, "Authorization") == "Bearer t2"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    [InlineData(0)]
    public async Task A_local_clock_off_by_minutes_never_sends_an_expired_token(int skewMinutes)
    {
        var server = new V1TokenServer(() => _h.Time.GetUtcNow() + TimeSpan.FromMinutes(skewMinutes));
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithCallback(server.GetToken));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithCallback(server.Call));
        using var client = _h.V1();

        // Two hours of traffic, one call every 15 seconds.
        for (var step = 0; step < 480; step++)
        {
            await client.V1GetAsync();
            _h.Time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal(0, server.Rejected);
        Assert.Equal(0, server.LateRenewals);
        Assert.DoesNotContain(_h.Server.LogEntries, e => e.ResponseMessage.StatusCode is 401);
        Assert.True(server.TokenRequests >= 4, $"expected renewals along the way, saw {server.TokenRequests} token requests");
    }

    [Fact]
    public async Task A_token_with_less_life_than_the_renewal_margin_is_reused_rather_than_fetched_on_every_call()
    {
        // V1 answers a token with exactly one minute left as it is (it only extends below a minute).
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromSeconds(60)))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        using var client = _h.V1();

        for (var i = 0; i < 5; i++)
        {
            await client.V1GetAsync();
            _h.Time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Single(_h.Requests(TokenPath));
        Assert.Equal(5, _h.Requests(PaymentPath).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-90)]
    public async Task A_token_that_arrives_already_expired_is_used_for_a_while_instead_of_being_fetched_before_every_call(int lifeSeconds)
    {
        // A server whose expired_at is not after its own now (seen on another team's fake iamport server).
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromSeconds(lifeSeconds)))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        using var client = _h.V1();

        for (var i = 0; i < 10; i++)
        {
            await client.V1GetAsync();
            _h.Time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Single(_h.Requests(TokenPath));
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneTokenWithoutLife");

        // Bounded, not for ever: once the reuse period is over, the next call fetches again.
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await client.V1GetAsync();
        Assert.Equal(2, _h.Requests(TokenPath).Count);
        Assert.Equal(11, _h.Requests(PaymentPath).Count);
    }

    [Fact]
    public async Task A_call_made_after_a_token_fetch_failed_starts_a_new_fetch()
    {
        var tokenRequests = 0;
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Interlocked.Increment(ref tokenRequests) == 1
                ? Answers.Json(500, "not json")
                : Answers.Json(200, Bodies.V1Token("t2", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        using var client = _h.V1(o => o.Retry.MaxRetries = 0);

        await Assert.ThrowsAnyAsync<PortOneException>(() => client.V1GetAsync().Guard());
        await _h.WaitForLogAsync("PortOneTokenFetchFailed");
        await client.V1GetAsync().Guard();

        Assert.Equal(2, _h.Requests(TokenPath).Count);
        Assert.Equal("Bearer t2", Harness.Header(_h.Requests(PaymentPath).Single(), "Authorization"));
    }

    [Fact]
    public async Task A_401_mid_life_is_cured_by_one_renewal_and_one_resend()
    {
        var issued = 0;
        StubTokens(() => "t" + Interlocked.Increment(ref issued));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).InScenario("revoked").WillSetStateTo("renewed")
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(Bodies.V1Error(-1, "Unauthorized")));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).InScenario("revoked").WhenStateIs("renewed")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Bodies.V1Ok));
        using var client = _h.V1();

        var result = await client.V1GetAsync();

        Assert.True(result.Value.GetProperty("ok").GetBoolean());
        Assert.Equal(2, _h.Requests(TokenPath).Count);
        var calls = _h.Requests(PaymentPath);
        Assert.Equal(["Bearer t1", "Bearer t2"], calls.Select(e => Harness.Header(e, "Authorization")));
    }

    [Fact]
    public async Task A_second_401_after_renewal_is_returned_as_an_error_without_looping()
    {
        var issued = 0;
        StubTokens(() => "t" + Interlocked.Increment(ref issued));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(Bodies.V1Error(-1, "Unauthorized")));
        using var client = _h.V1();

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.V1GetAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(2, _h.Requests(TokenPath).Count);
        Assert.Equal(2, _h.Requests(PaymentPath).Count);
    }

    [Fact]
    public async Task A_token_endpoint_failing_with_a_non_json_500_surfaces_as_invalid_response_and_is_not_cached()
    {
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("outage").WillSetStateTo("back")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("<html>upstream broke</html>"));
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("outage").WhenStateIs("back")
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        using var client = _h.V1(o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.V1GetAsync().Guard());
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("upstream broke", ex.RawBody);
        Assert.Empty(_h.Requests(PaymentPath));

        await client.V1GetAsync();

        Assert.Equal(2, _h.Requests(TokenPath).Count);
        Assert.Equal("Bearer t1", Harness.Header(Assert.Single(_h.Requests(PaymentPath)), "Authorization"));
    }

    [Fact]
    public async Task Refused_credentials_surface_as_the_v1_api_error_of_the_token_endpoint_and_the_next_call_asks_again()
    {
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(Bodies.V1Error(-1, "invalid key")));
        using var client = _h.V1();

        var first = await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.V1GetAsync().Guard());
        var second = await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.V1GetAsync().Guard());

        Assert.Equal(-1, first.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(2, _h.Requests(TokenPath).Count);
        Assert.Empty(_h.Requests(PaymentPath));
        Assert.DoesNotContain("v1-secret-456", first.ToString());
    }

    [Fact]
    public async Task A_caller_that_cancels_while_waiting_for_the_shared_fetch_gets_cancelled_and_the_others_get_the_token()
    {
        using var gate = new Gate();
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => gate.HoldAsync(() => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30))))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        using var client = _h.V1();
        using var cts = new CancellationTokenSource();

        var quitter = client.V1GetAsync(cancellationToken: cts.Token);
        var patient = Enumerable.Range(0, 5).Select(_ => client.V1GetAsync()).ToList();
        await gate.WaitForArrivalAsync();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter.Guard());
        Assert.All(patient, t => Assert.False(t.IsCompleted));
        gate.Release();
        await Task.WhenAll(patient).Guard();

        Assert.Equal(1, gate.Count);
        Assert.Equal(5, _h.Requests(PaymentPath).Count);
    }

    [Fact]
    public async Task V1_calls_carry_the_tier_header_but_the_token_request_does_not()
    {
        StubTokens(() => "t1");
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        using var client = _h.V1(o => o.Tier = "sub01");

        await client.V1GetAsync();

        Assert.Null(Harness.Header(Assert.Single(_h.Requests(TokenPath)), "Tier"));
        Assert.Equal("sub01", Harness.Header(Assert.Single(_h.Requests(PaymentPath)), "Tier"));
    }

    [Fact]
    public async Task V2_api_secret_mode_sends_the_secret_with_the_PortOne_scheme_and_never_logs_in()
    {
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithBody("{\"id\":\"pay_1\"}"));
        using var client = _h.V2();

        var answer = await client.V2GetAsync();

        Assert.Equal("pay_1", answer.GetProperty("id").GetString());
        Assert.Equal("PortOne v2-secret-789", Harness.Header(Assert.Single(_h.Server.LogEntries), "Authorization"));
    }

    [Fact]
    public async Task V2_bearer_mode_logs_in_renews_before_exp_and_logs_in_again_when_refresh_is_refused()
    {
        var life = TimeSpan.FromMinutes(10);
        var access = new List<string>();
        string Issue(string id)
        {
            var now = _h.Time.GetUtcNow();
            var token = Bodies.Jwt(id, now, now + life);
            lock (access)
            {
                access.Add(token);
            }

            return token;
        }

        _h.Server.Given(Request.Create().WithPath("/login/api-secret").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V2Tokens(Issue("login" + access.Count), "refresh-from-login"))));
        _h.Server.Given(Request.Create().WithPath("/token/refresh").UsingPost()).InScenario("refresh").WillSetStateTo("used")
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V2Tokens(Issue("refreshed"), "refresh-2"))));
        _h.Server.Given(Request.Create().WithPath("/token/refresh").UsingPost()).InScenario("refresh").WhenStateIs("used")
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("{\"type\":\"UNAUTHORIZED\",\"message\":\"refresh token expired\"}"));
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithBody("{}"));
        using var client = _h.V2(o => o.AuthMode = PortOneV2AuthMode.BearerToken);

        await client.V2GetAsync();                                 // logs in
        _h.Time.Advance(TimeSpan.FromMinutes(8));
        await client.V2GetAsync();                                 // still the first token
        _h.Time.Advance(TimeSpan.FromSeconds(70));                 // 50 s before exp: renew by refresh
        await client.V2GetAsync();
        _h.Time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(10));
        await client.V2GetAsync();                                 // refresh refused (401): log in again

        var login = _h.Requests("/login/api-secret");
        var refresh = _h.Requests("/token/refresh");
        Assert.Equal(2, login.Count);
        Assert.Equal(2, refresh.Count);
        Assert.All(login, e => Assert.Equal("{\"apiSecret\":\"v2-secret-789\"}", e.RequestMessage.Body));
        Assert.Equal("{\"refreshToken\":\"refresh-from-login\"}", refresh[0].RequestMessage.Body);
        Assert.Equal("{\"refreshToken\":\"refresh-2\"}", refresh[1].RequestMessage.Body);
        Assert.All(login.Concat(refresh), e => Assert.Null(Harness.Header(e, "Authorization")));
        var sent = _h.Requests("/payments/pay_1").Select(e => Harness.Header(e, "Authorization")).ToList();
        Assert.Equal(["Bearer " + access[0], "Bearer " + access[0], "Bearer " + access[1], "Bearer " + access[2]], sent);
    }

    [Fact]
    public async Task Secrets_and_tokens_appear_in_no_exception_message_log_line_or_ToString()
    {
        const string v2Secret = "v2-secret-789";
        _h.Server.Given(Request.Create().WithPath("/login/api-secret").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("{\"type\":\"UNAUTHORIZED\",\"message\":\"bad secret\"}"));
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("v1-live-token", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
        _h.Server.Given(Request.Create().WithPath(PaymentPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody(Bodies.V1Error(1, "not found")));
        using var v2 = _h.V2(o => o.AuthMode = PortOneV2AuthMode.BearerToken);
        using var v1 = _h.V1();

        var loginFailure = await Assert.ThrowsAsync<PortOneApiException>(() => v2.V2GetAsync());
        var direct = await Assert.ThrowsAsync<PortOneApiException>(() => v2.Auth.LoginViaApiSecretAsync(new LoginViaApiSecretBody { ApiSecret = v2Secret }));
        var v1Failure = await Assert.ThrowsAsync<PortOneV1ApiException>(() => v1.V1GetAsync());
        var token = await v1.Auth.GetTokenAsync();

        Assert.IsType<UnauthorizedError>(loginFailure.Error);
        var texts = new List<string>
        {
            loginFailure.ToString(), direct.ToString(), v1Failure.ToString(), token.ToString(),
            v1.Api.Options.ToString(), v2.Api.Options.ToString(),
            new LoginViaApiSecretBody { ApiSecret = v2Secret }.ToString(),
            new RefreshTokenBody { RefreshToken = "refresh-secret" }.ToString(),
            new LoginViaApiSecretResponse { AccessToken = "access-secret", RefreshToken = "refresh-secret" }.ToString(),
        };
        texts.AddRange(_h.Logs.Select(l => l.Message + " " + (l.StructuredState is null ? string.Empty : string.Join(",", l.StructuredState))));
        Assert.NotEmpty(_h.Logs);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(v2Secret, text);
            Assert.DoesNotContain("v1-secret-456", text);
            Assert.DoesNotContain("v1-live-token", text);
            Assert.DoesNotContain("access-secret", text);
            Assert.DoesNotContain("refresh-secret", text);
        }
    }

    [Fact]
    public async Task A_slow_v1_token_request_does_not_eat_the_time_budget_of_the_charge_that_needed_it()
    {
        using var tokenGate = new Gate();
        using var chargeGate = new Gate();
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => tokenGate.HoldAsync(() => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30))))));
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => chargeGate.HoldAsync(() => Answers.Json(200, Bodies.V1Ok))));
        using var client = _h.V1(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });

        var call = client.V1PostAsync(new EchoBody { Amount = 1000 });
        await tokenGate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(8));                  // a slow token answer, inside the token request's own budget
        tokenGate.Release();
        await chargeGate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(8));                  // 16 s since the call began, 8 s since the charge left
        chargeGate.Release();

        var result = await call.Guard();

        Assert.True(result.Value.GetProperty("ok").GetBoolean());
        Assert.Equal("Bearer t1", Harness.Header(Assert.Single(_h.Requests(ChargePath)), "Authorization"));
    }

    [Fact]
    public async Task A_v1_token_request_that_runs_out_of_time_is_reported_as_such_and_not_as_a_time_out_of_a_charge_never_sent()
    {
        using var tokenGate = new Gate();
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => tokenGate.HoldAsync(() => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30))))));
        using var client = _h.V1(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Retry.MaxRetries = 0;
        });

        var call = client.V1PostAsync(new EchoBody { Amount = 1000 });
        await tokenGate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<PortOneTimeoutException>(() => call.Guard());
        Assert.Contains(PortOneV1AuthClient.GetTokenOperation.Name, ex.Message);
        Assert.DoesNotContain(TestOperations.V1Charge.Name, ex.Message);
        Assert.Empty(_h.Requests(ChargePath));
    }

    [Fact]
    public async Task A_slow_v2_login_does_not_eat_the_time_budget_of_the_charge_that_needed_it()
    {
        using var loginGate = new Gate();
        using var chargeGate = new Gate();
        var now = _h.Time.GetUtcNow();
        var access = Bodies.Jwt("a1", now, now.AddMinutes(30));
        _h.Server.Given(Request.Create().WithPath("/login/api-secret").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => loginGate.HoldAsync(() => Answers.Json(200, Bodies.V2Tokens(access, "r1")))));
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1/billing-key").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => chargeGate.HoldAsync(() => Answers.Json(200, "{}"))));
        using var client = _h.V2(o =>
        {
            o.AuthMode = PortOneV2AuthMode.BearerToken;
            o.Timeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });

        var call = client.V2PostAsync(new EchoBody { Amount = 1000 });
        await loginGate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(8));
        loginGate.Release();
        await chargeGate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(8));
        chargeGate.Release();

        await call.Guard();

        Assert.Equal("Bearer " + access, Harness.Header(Assert.Single(_h.Requests("/payments/pay_1/billing-key")), "Authorization"));
    }

    private void StubTokens(Func<string> next) =>
        _h.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token(next(), _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));

    private static Task RunConcurrentlyAsync<T>(int count, Func<Task<T>> call) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(call))).Guard();

    /// <summary>
    /// V1's token rules on the server's own clock: one token at a time, 30 minutes of life, the same token again
    /// while it lives, five more minutes when less than one is left; calls with an expired token get 401.
    /// </summary>
    private sealed class V1TokenServer(Func<DateTimeOffset> serverNow)
    {
        private readonly object _gate = new();
        private string? _token;
        private DateTimeOffset _expiresAt;
        private int _issued;

        public int Rejected { get; private set; }

        public int LateRenewals { get; private set; }

        public int TokenRequests { get; private set; }

        public IResponseMessage GetToken(IRequestMessage request)
        {
            lock (_gate)
            {
                var now = serverNow();
                TokenRequests++;
                if (_token is not null && now >= _expiresAt)
                {
                    LateRenewals++;
                }

                if (_token is null || now >= _expiresAt)
                {
                    _token = "t" + ++_issued;
                    _expiresAt = now + TimeSpan.FromMinutes(30);
                }
                else if (_expiresAt - now < TimeSpan.FromMinutes(1))
                {
                    _expiresAt += TimeSpan.FromMinutes(5);
                }

                return Answers.Json(200, Bodies.V1Token(_token, now, _expiresAt - now));
            }
        }

        public IResponseMessage Call(IRequestMessage request)
        {
            lock (_gate)
            {
                if (_token is null || Harness.Header(request, "Authorization") != "Bearer " + _token || serverNow() >= _expiresAt)
                {
                    Rejected++;
                    return Answers.Json(401, Bodies.V1Error(-1, "Unauthorized"));
                }

                return Answers.Json(200, Bodies.V1Ok);
            }
        }
    }
}
