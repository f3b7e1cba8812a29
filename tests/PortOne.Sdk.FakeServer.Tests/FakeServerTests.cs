using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;
using V1CancelPaymentRequest = PortOne.Sdk.V1.CancelPaymentRequest;
using V2CancelPaymentRequest = PortOne.Sdk.V2.CancelPaymentRequest;

namespace PortOne.Sdk.FakeServer.Tests;

/// <summary>
/// The fake server on a free loopback port, in-process, driven by the SDK's clients and by plain HTTP as a backend
/// in another language would. Nothing here waits on real time: the fake clock moves only when a test moves it,
/// and webhook deliveries are awaited, not waited for.
/// </summary>
public sealed class FakeServerTests
{
    private const string V2Secret = "test-v2-secret";

    [Fact]
    public async Task A_v2_flow_through_the_sdk_client_shows_on_the_page()
    {
        await using var host = await StartAsync();
        using var portone = V2Client(host);
        using var http = Http(host);

        var issued = await portone.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
        });
        var billingKey = issued.BillingKeyInfo.BillingKey;
        await portone.Payments.PayWithBillingKeyAsync("order-1", Monthly(billingKey, "January"));
        await portone.Payments.CancelAsync("order-1", new V2CancelPaymentRequest { Amount = 1900, Reason = "Pro-rated refund" });
        var created = await portone.PaymentSchedules.CreateAsync("order-2", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput
            {
                BillingKey = billingKey,
                OrderName = "Monthly plan (February)",
                Amount = new PaymentAmountInput { Total = 9900 },
                Currency = Currency.Krw,
            },
            TimeToPay = host.Fake.Clock.GetUtcNow().AddDays(30),
        });

        var before = await http.GetStringAsync("/");
        Assert.Contains("SCHEDULED", before, StringComparison.Ordinal);
        Assert.Contains("in 30 days", before, StringComparison.Ordinal);

        using var advanced = await http.PostAsync("/_fake/clock/advance?days=31", null);
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), host.Fake.Clock.GetUtcNow());

        Assert.IsType<SucceededPaymentSchedule>(await portone.PaymentSchedules.GetAsync(created.Schedule.Id));
        Assert.IsType<PaidPayment>(await portone.Payments.GetAsync("order-2"));
        var refunded = Assert.IsType<PartialCancelledPayment>(await portone.Payments.GetAsync("order-1"));
        Assert.Equal(1900, refunded.Amount.Cancelled);

        var page = await http.GetStringAsync("/");
        Assert.Contains(billingKey, page, StringComparison.Ordinal);
        Assert.Contains("order-1", page, StringComparison.Ordinal);
        Assert.Contains("PARTIAL_CANCELLED", page, StringComparison.Ordinal);
        Assert.Contains("1,900 KRW", page, StringComparison.Ordinal);
        Assert.Contains("Pro-rated refund", page, StringComparison.Ordinal);
        Assert.Contains("SUCCEEDED", page, StringComparison.Ordinal);
        Assert.Contains("2025-02-01 00:00:00Z", page, StringComparison.Ordinal);
        Assert.Contains("Transaction.PartialCancelled", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_v2_flow_over_plain_http_needs_no_prefix_and_accepts_a_login_token()
    {
        await using var host = await StartAsync();
        using var http = Http(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);

        var issued = await PostJsonAsync(http, "/billing-keys", """{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12"}}}}""");
        var billingKey = issued["billingKeyInfo"]!["billingKey"]!.GetValue<string>();
        var paid = await PostJsonAsync(http, "/payments/plain-1/billing-key", $$"""{"billingKey":"{{billingKey}}","orderName":"Plain","amount":{"total":5000},"currency":"KRW"}""");
        Assert.NotNull(paid["payment"]!["paidAt"]);

        // A backend that logs in and uses the access token instead of the secret.
        http.DefaultRequestHeaders.Authorization = null;
        var login = await PostJsonAsync(http, "/login/api-secret", $$"""{"apiSecret":"{{V2Secret}}"}""");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        var payment = JsonNode.Parse(await http.GetStringAsync("/payments/plain-1"))!;
        Assert.Equal("PAID", payment["status"]!.GetValue<string>());
        Assert.Equal(5000, payment["amount"]!["total"]!.GetValue<long>());

        var cancelled = await PostJsonAsync(http, "/v2/payments/plain-1/cancel", """{"reason":"changed my mind"}""");
        Assert.Equal(5000, cancelled["cancellation"]!["totalAmount"]!.GetValue<long>());
        Assert.Contains("CANCELLED", await http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_v1_flow_through_the_sdk_client_shows_on_the_page()
    {
        await using var host = await StartAsync();
        using var iamport = V1Client(host);
        using var http = Http(host);

        await iamport.Customers.SaveAsync("customer-42", new SaveCustomerRequest
        {
            Card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
        });
        var first = await iamport.Subscriptions.AgainAsync(new AgainPaymentRequest
        {
            CustomerUid = "customer-42",
            MerchantUid = "v1-order-1",
            Amount = 9900m,
            Name = "Monthly plan (January)",
        });
        await iamport.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = "customer-42",
            Schedules = [new ScheduleItem { MerchantUid = "v1-order-2", ScheduleAt = host.Fake.Clock.GetUtcNow().AddDays(30), Amount = 9900m, Currency = "KRW", Name = "February" }],
        });
        await iamport.Payments.CancelAsync(new V1CancelPaymentRequest
        {
            ImpUid = first.ImpUid,
            Amount = V1CancelAmount.Partial(1900m),
            Checksum = first.RefundableAmount,
            Reason = "Pro-rated refund",
        });

        using var advanced = await http.PostAsync("/_fake/clock/advance?days=31", null);
        var schedule = await iamport.Subscriptions.GetScheduleAsync("v1-order-2");
        Assert.NotNull(schedule.ImpUid);
        Assert.Equal("paid", (await iamport.Payments.GetAsync(schedule.ImpUid!)).Status);

        var page = await http.GetStringAsync("/");
        Assert.Contains(first.ImpUid, page, StringComparison.Ordinal);
        Assert.Contains("v1-order-1", page, StringComparison.Ordinal);
        Assert.Contains("customer-42", page, StringComparison.Ordinal);
        Assert.Contains("1,900 KRW", page, StringComparison.Ordinal);
        Assert.Contains("v1-order-2", page, StringComparison.Ordinal);
        Assert.Contains("•••• 4242", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_v1_flow_over_plain_http_works_at_the_root_and_under_v1()
    {
        await using var host = await StartAsync();
        using var http = Http(host);

        var token = await PostJsonAsync(http, "/users/getToken", """{"imp_key":"fake-v1-key","imp_secret":"fake-v1-secret"}""");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["response"]!["access_token"]!.GetValue<string>());
        var saved = await PostJsonAsync(http, "/subscribe/customers/cust-1", """{"card_number":"4242-4242-4242-4242","expiry":"2030-12","birth":"900101"}""");
        Assert.Equal(0, saved["code"]!.GetValue<int>());
        var again = await PostJsonAsync(http, "/subscribe/payments/again", """{"customer_uid":"cust-1","merchant_uid":"m-1","amount":10000,"name":"Plan"}""");
        var impUid = again["response"]!["imp_uid"]!.GetValue<string>();

        // /payments/{imp_uid} exists in both APIs; a V1 token sends it to V1.
        var atRoot = JsonNode.Parse(await http.GetStringAsync($"/payments/{impUid}"))!;
        var underV1 = JsonNode.Parse(await http.GetStringAsync($"/v1/payments/{impUid}"))!;
        Assert.Equal("paid", atRoot["response"]!["status"]!.GetValue<string>());
        Assert.Equal("m-1", underV1["response"]!["merchant_uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_page_encodes_what_clients_sent()
    {
        await using var host = await StartAsync();
        using var http = Http(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);
        var issued = await PostJsonAsync(http, "/billing-keys", """{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12"}}}}""");
        var billingKey = issued["billingKeyInfo"]!["billingKey"]!.GetValue<string>();
        await PostJsonAsync(http, "/payments/x%3Cb%3E/billing-key", $$"""{"billingKey":"{{billingKey}}","orderName":"<script>alert('x')</script>","amount":{"total":100},"currency":"KRW"}""");

        var page = await http.GetStringAsync("/");
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("x<b>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("x&lt;b&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_are_delivered_signed_and_retried_on_the_fake_clock()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var host = await StartAsync(s => s.WebhookUrls.Add(receiver.Url));
        using var http = Http(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);
        var start = host.Fake.Clock.GetUtcNow();

        await PostJsonAsync(http, "/billing-keys", """{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12"}}}}""");
        await host.Deliveries.RunDueAsync();

        var delivery = Assert.Single(host.Deliveries.All);
        var first = Assert.Single(receiver.Received);
        Assert.Equal(500, first.Answered);
        Assert.Equal("retrying", delivery.State);
        Assert.Equal(start.AddMinutes(1), delivery.NextAttemptAt);

        // Not due yet: nothing is sent, however long the test takes in real time.
        using (await http.PostAsync("/_fake/clock/advance?seconds=59", null))
        {
        }

        Assert.Single(receiver.Received);

        using (await http.PostAsync("/_fake/clock/advance?seconds=1", null))
        {
        }

        Assert.Equal(2, receiver.Received.Count);
        Assert.True(delivery.Delivered);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal([(1, start, (int?)500), (2, start.AddMinutes(1), 200)], delivery.Attempts.Select(a => (a.Number, a.At, a.Status)));

        // Same webhook id (receivers skip repeats by it), signed anew at the attempt's time, verifiable on the fake clock.
        var second = receiver.Received.Last();
        Assert.Equal(first.Headers["webhook-id"], second.Headers["webhook-id"]);
        Assert.Equal(start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Headers["webhook-timestamp"]);
        Assert.Equal(start.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), second.Headers["webhook-timestamp"]);
        var verifier = new PortOneWebhookVerifier(host.Fake.WebhookSecret, host.Fake.Clock);
        var verified = verifier.Verify(second.Body, second.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal)));
        Assert.NotNull(verified);
        Assert.Contains("BillingKey.Issued", second.Body, StringComparison.Ordinal);

        var page = await http.GetStringAsync("/");
        Assert.Contains("delivered", page, StringComparison.Ordinal);
        Assert.Contains("#1 2025-01-01 00:00:00Z → 500", page, StringComparison.Ordinal);
        Assert.Contains("#2 2025-01-01 00:01:00Z → 200", page, StringComparison.Ordinal);

        // The page's resend button: a form post, answered 303 back to the page (which HttpClient follows).
        using var form = new FormUrlEncodedContent([]);
        using var resent = await http.PostAsync("/_fake/webhooks/0/resend", form);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal("/", resent.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(2, host.Deliveries.All.Count);
    }

    [Fact]
    public async Task Retries_that_fall_due_together_go_out_one_after_another_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        await using var host = await StartAsync(s => s.WebhookUrls.Add(receiver.Url));
        using var http = Http(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);

        var issued = await PostJsonAsync(http, "/billing-keys", """{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12"}}}}""");
        await host.Deliveries.RunDueAsync();
        var billingKey = issued["billingKeyInfo"]!["billingKey"]!.GetValue<string>();
        await PostJsonAsync(http, "/payments/together-1/billing-key", $$"""{"billingKey":"{{billingKey}}","orderName":"Together","amount":{"total":100},"currency":"KRW"}""");
        await host.Deliveries.RunDueAsync();
        Assert.Equal([500, 500], receiver.Received.Select(r => r.Answered));

        using (await http.PostAsync("/_fake/clock/advance?minutes=1", null))
        {
        }

        Assert.Equal(["BillingKey.Issued", "Transaction.Paid"], receiver.Received.Skip(2).Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()));
        Assert.All(host.Deliveries.All, d => Assert.True(d.Delivered, string.Join("; ", d.Attempts)));
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_given_up_after_the_last_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 503, 503, 503);
        await using var host = await StartAsync(s =>
        {
            s.WebhookUrls.Add(receiver.Url);
            s.WebhookRetryDelays.Clear();
            s.WebhookRetryDelays.Add(TimeSpan.FromMinutes(10));
        });
        using var http = Http(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);

        await PostJsonAsync(http, "/billing-keys", """{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12"}}}}""");
        await host.Deliveries.RunDueAsync();
        using (await http.PostAsync("/_fake/clock/advance?minutes=10", null))
        {
        }

        using (await http.PostAsync("/_fake/clock/advance?days=1", null))
        {
        }

        var delivery = Assert.Single(host.Deliveries.All);
        Assert.Equal("gave up", delivery.State);
        Assert.Equal([503, 503], delivery.Attempts.Select(a => a.Status ?? 0));
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task Unknown_routes_answer_404_and_unemulated_v2_operations_501_naming_them()
    {
        await using var host = await StartAsync();
        using var http = Http(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", V2Secret);

        using var control = await http.GetAsync("/_fake/nothing");
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
        using var unknown = await http.GetAsync("/v2/no-such-resource");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unknownAtRoot = await http.GetAsync("/no-such-resource/at-all");
        Assert.Equal(HttpStatusCode.NotFound, unknownAtRoot.StatusCode);

        using var unemulated = await http.GetAsync("/v2/platform/partners");
        Assert.Equal(HttpStatusCode.NotImplemented, unemulated.StatusCode);
        var error = JsonNode.Parse(await unemulated.Content.ReadAsStringAsync())!;
        Assert.Equal("NOT_EMULATED", error["type"]!.GetValue<string>());
        Assert.Contains("getPlatformPartners", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var noSecret = new HttpClient { BaseAddress = host.Address };
        using var unauthorized = await noSecret.GetAsync("/v2/payments/x");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var postToPage = await noSecret.PostAsync("/", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postToPage.StatusCode);
        using var badAdvance = await noSecret.PostAsync("/_fake/clock/advance?minutes=-5", null);
        Assert.Equal(HttpStatusCode.BadRequest, badAdvance.StatusCode);
    }

    [Fact]
    public void Settings_come_from_options_then_environment_and_secrets_are_masked()
    {
        var environment = new Hashtable
        {
            ["PORTONE_FAKE_PORT"] = "9000",
            ["PORTONE_FAKE_V2_API_SECRET"] = "env-secret-value",
            ["PORTONE_FAKE_WEBHOOK_URLS"] = "http://localhost:3000/a, http://localhost:3000/b",
            ["PORTONE_FAKE_START"] = "2026-03-01T09:00:00+09:00",
        };
        var settings = FakeServerSettings.Parse(["--port", "8089", "--webhook-secret=whsec_c2VjcmV0c2VjcmV0c2VjcmV0"], environment);

        Assert.Equal(8089, settings.Port);
        Assert.Equal("env-secret-value", settings.V2ApiSecret);
        Assert.Equal([new Uri("http://localhost:3000/a"), new Uri("http://localhost:3000/b")], settings.WebhookUrls);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), settings.Start);
        var described = settings.Describe();
        Assert.DoesNotContain("env-secret-value", described, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0c2VjcmV0c2VjcmV0", described, StringComparison.Ordinal);
        Assert.Contains("env-…(16 chars)", described, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => FakeServerSettings.Parse(["--prot", "1"], new Hashtable()));
        Assert.Throws<FormatException>(() => FakeServerSettings.Parse(["--port"], new Hashtable()));
        Assert.Throws<FormatException>(() => FakeServerSettings.Parse(["--webhook-url", "not a url"], new Hashtable()));
    }

    [Theory]
    [InlineData("/v1/payments/imp_1", null, "v1", "payments/imp_1")]
    [InlineData("/v2/payments/p?x=1", null, "v2", "payments/p?x=1")]
    [InlineData("/users/getToken", null, "v1", "users/getToken")]
    [InlineData("/subscribe/payments/again", "Bearer abc", "v1", "subscribe/payments/again")]
    [InlineData("/payments/imp_1", "Bearer token_000001abc", "v1", "payments/imp_1")]
    [InlineData("/payments/p", "Bearer eyJ.eyJ.sig", "v2", "payments/p")]
    [InlineData("/payments/p", "PortOne secret", "v2", "payments/p")]
    [InlineData("/login/api-secret", null, "v2", "login/api-secret")]
    public void Requests_at_the_root_are_told_apart_by_path_and_credential(string target, string? authorization, string api, string remainder)
    {
        var (baseAddress, rest) = FakePortOneHost.Route(target, authorization);
        Assert.Equal(api == "v1" ? FakePortOne.V1BaseAddress : FakePortOne.V2BaseAddress, baseAddress);
        Assert.Equal(remainder, rest);
    }

    private static Task<FakePortOneHost> StartAsync(Action<FakeServerSettings>? configure = null)
    {
        var settings = new FakeServerSettings { Port = 0, V2ApiSecret = V2Secret, WebhookSecret = PortOneWebhookSigner.GenerateSecret() };
        configure?.Invoke(settings);
        return FakePortOneHost.StartAsync(settings);
    }

    private static HttpClient Http(FakePortOneHost host) => new() { BaseAddress = host.Address };

    private static PortOneV2Client V2Client(FakePortOneHost host)
    {
        var options = new PortOneV2Options { ApiSecret = V2Secret, StoreId = host.Settings.StoreId };
        host.Fake.ApplyTo(options);
        options.BaseAddress = host.V2Address;
        return new PortOneV2Client(options);
    }

    private static PortOneV1Client V1Client(FakePortOneHost host)
    {
        var options = new PortOneV1Options { ApiKey = host.Settings.V1ApiKey, ApiSecret = host.Settings.V1ApiSecret };
        host.Fake.ApplyTo(options);
        options.BaseAddress = host.V1Address;
        return new PortOneV1Client(options);
    }

    private static BillingKeyPaymentRequest Monthly(string billingKey, string month) => new()
    {
        BillingKey = billingKey,
        OrderName = $"Monthly plan ({month})",
        Amount = new PaymentAmountInput { Total = 9900 },
        Currency = Currency.Krw,
    };

    private static async Task<JsonNode> PostJsonAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
