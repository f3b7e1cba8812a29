using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;

namespace PortOne.Sdk.Testing;

/// <summary>The V1 (iamport) half of the fake: state, the token and routing; customers, payments and schedules live in FakeV1.*.cs and their JSON shapes in <see cref="FakeV1Wire"/>. Called under the fake's lock.</summary>
internal sealed partial class FakeV1
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly FakePortOne _fake;
    private readonly Dictionary<string, FakeV1Customer> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeV1Payment> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeV1Schedule> _schedules = new(StringComparer.Ordinal);
    private string? _token;
    private DateTimeOffset _tokenExpiresAt;
    private int _sequence;

    public IReadOnlyDictionary<string, FakeV1Customer> Customers => _customers;

    public IReadOnlyDictionary<string, FakeV1Payment> Payments => _payments;

    public IReadOnlyDictionary<string, FakeV1Schedule> Schedules => _schedules;

    public FakeV1(FakePortOne fake)
    {
        _fake = fake;
    }

    private DateTimeOffset Now => _fake.Clock.GetUtcNow();

    public HttpResponseMessage Handle(FakeRequest request)
    {
        var s = request.Segments;
        if (request.Is(HttpMethod.Post, 2) && s[0] == "users" && s[1] == "getToken")
        {
            return GetToken(request.Body);
        }

        var header = request.Message.Headers.Authorization;
        if (header is null || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || header.Parameter != _token || Now >= _tokenExpiresAt)
        {
            return Envelope(HttpStatusCode.Unauthorized, -1, "Unauthorized", null);
        }

        return (request.Method.Method, s.Length, s[0]) switch
        {
            ("POST", 3, "subscribe") when s[1] == "customers" => SaveCustomer(s[2], request.Body),
            ("GET", 3, "subscribe") when s[1] == "customers" => GetCustomer(s[2]),
            ("GET", 2, "subscribe") when s[1] == "customers" => GetCustomers(request.QueryValues("customer_uid[]")),
            ("DELETE", 3, "subscribe") when s[1] == "customers" => DeleteCustomer(s[2]),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "again" => Again(request.Body),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "onetime" => Onetime(request.Body),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "schedule" => Schedule(request.Body),
            ("POST", 3, "subscribe") when s[1] == "payments" && s[2] == "unschedule" => Unschedule(request.Body),
            ("GET", 4, "subscribe") when s[1] == "payments" && s[2] == "schedule" => GetSchedule(s[3]),
            ("POST", 5, "subscribe") when s[1] == "payments" && s[2] == "schedule" && s[4] == "retry" => RetrySchedule(s[3]),
            ("GET", 2, "payments") => GetPayment(s[1]),
            ("GET", 3 or 4, "payments") when s[1] == "find" => FindPayment(s[2], s.Length == 4 ? s[3] : null),
            ("POST", 2, "payments") when s[1] == "cancel" => Cancel(request.Body),
            _ => Envelope(HttpStatusCode.NotFound, -1, $"The fake PortOne does not implement {request.Method} /{string.Join("/", s)}.", null),
        };
    }


    private static HttpResponseMessage Envelope(HttpStatusCode status, int code, string? message, JsonNode? response) =>
        FakeResponses.Json(status, new JsonObject { ["code"] = code, ["message"] = message, ["response"] = response });

    private static HttpResponseMessage Ok(JsonNode? response) => Envelope(HttpStatusCode.OK, 0, null, response);

    private static HttpResponseMessage Bad(string message) => Envelope(HttpStatusCode.BadRequest, -1, message, null);

    private static HttpResponseMessage NotFound(string message) => Envelope(HttpStatusCode.NotFound, -1, message, null);

    private string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence):D6}";

    private HttpResponseMessage GetToken(JsonNode? body)
    {
        if (FakeJson.String(body, "imp_key") != _fake.V1ApiKey || FakeJson.String(body, "imp_secret") != _fake.V1ApiSecret)
        {
            return Envelope(HttpStatusCode.Unauthorized, -1, "The key or secret is not valid.", null);
        }

        _fake.Counters.Increment("V1.GetToken");
        var now = Now;
        if (_token is null || now >= _tokenExpiresAt)
        {
            _token = NextId("token") + Guid.NewGuid().ToString("N");
            _tokenExpiresAt = now + TokenLifetime;
        }
        else if (_tokenExpiresAt - now < TimeSpan.FromMinutes(1))
        {
            _tokenExpiresAt += TimeSpan.FromMinutes(5);
        }

        return Ok(new JsonObject { ["access_token"] = _token, ["now"] = now.ToUnixTimeSeconds(), ["expired_at"] = _tokenExpiresAt.ToUnixTimeSeconds() });
    }
}
