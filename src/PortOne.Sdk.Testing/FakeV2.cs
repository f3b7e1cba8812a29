using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using PortOne.Sdk.Http;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Testing;

/// <summary>The V2 half of the fake: state, credentials and routing; each resource's operations live in a file of their own (FakeV2.*.cs) and their JSON shapes in <see cref="FakeV2Wire"/>. Called under the fake's lock.</summary>
internal sealed partial class FakeV2
{
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(1);

    private readonly FakePortOne _fake;
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _refreshTokens = new(StringComparer.Ordinal);
    private int _sequence;

    public FakeV2(FakePortOne fake)
    {
        _fake = fake;
    }

    public Dictionary<string, FakeBillingKey> BillingKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakePayment> Payments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeSchedule> Schedules { get; } = new(StringComparer.Ordinal);

    private DateTimeOffset Now => _fake.Clock.GetUtcNow();

    public HttpResponseMessage Handle(FakeRequest request)
    {
        var s = request.Segments;
        if (request.Is(HttpMethod.Post, 2) && s[0] == "login" && s[1] == "api-secret")
        {
            return Login(request);
        }

        if (request.Is(HttpMethod.Post, 2) && s[0] == "token" && s[1] == "refresh")
        {
            return Refresh(request);
        }

        if (!IsAuthorized(request.Message))
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "The credential is missing, wrong or expired.");
        }

        var operation = V2Operations.All
            .Select(o => (Operation: o, Score: o.Match(request.Method.Method, s)))
            .Where(m => m.Score >= 0)
            .OrderByDescending(m => m.Score)
            .Select(m => m.Operation)
            .FirstOrDefault();
        if (operation is null)
        {
            return Error(HttpStatusCode.NotFound, "INVALID_REQUEST", $"PortOne's V2 API has no {request.Method} /{string.Join("/", s)}.");
        }

        return Routes.TryGetValue(operation, out var handle)
            ? handle(this, request)
            : Error(HttpStatusCode.NotImplemented, "NOT_EMULATED", $"The fake PortOne does not emulate {operation.OperationId} ({operation.Method} {operation.PathTemplate}); only its answer is missing, the request reached the right operation.");
    }

    // The operations the fake emulates, keyed by the same descriptors the client sends them with.
    private static readonly Dictionary<PortOneOperation, Func<FakeV2, FakeRequest, HttpResponseMessage>> Routes = new()
    {
        [V2Operations.IssueBillingKey] = (f, r) => f.IssueBillingKey(r),
        [V2Operations.GetBillingKeyInfos] = (f, r) => f.ListBillingKeys(r),
        [V2Operations.GetBillingKeyInfo] = (f, r) => f.GetBillingKey(r.Segments[1]),
        [V2Operations.DeleteBillingKey] = (f, r) => f.DeleteBillingKey(r.Segments[1]),
        [V2Operations.GetPayments] = (f, r) => f.ListPayments(r),
        [V2Operations.GetPayment] = (f, r) => f.GetPayment(r.Segments[1]),
        [V2Operations.PayWithBillingKey] = (f, r) => f.PayWithBillingKey(r.Segments[1], r.Body),
        [V2Operations.PayInstantly] = (f, r) => f.PayInstantly(r.Segments[1], r.Body),
        [V2Operations.CancelPayment] = (f, r) => f.Cancel(r.Segments[1], r.Body),
        [V2Operations.CloseVirtualAccount] = (f, r) => f.CloseVirtualAccount(r.Segments[1]),
        [V2Operations.PreRegisterPayment] = (f, r) => f.PreRegister(r.Segments[1], r.Body),
        [V2Operations.ConfirmPayment] = (f, r) => f.ConfirmPayment(r.Segments[1], r.Body),
        [V2Operations.ConfirmBillingKey] = (f, r) => f.ConfirmBillingKey(r.Body, andPay: false),
        [V2Operations.ConfirmBillingKeyIssueAndPay] = (f, r) => f.ConfirmBillingKey(r.Body, andPay: true),
        [V2Operations.CreatePaymentSchedule] = (f, r) => f.CreateSchedule(r.Segments[1], r.Body),
        [V2Operations.GetPaymentSchedules] = (f, r) => f.ListSchedules(r),
        [V2Operations.GetPaymentSchedule] = (f, r) => f.GetSchedule(r.Segments[1]),
        [V2Operations.RevokePaymentSchedules] = (f, r) => f.RevokeSchedules(r),
    };

    /// <summary>Runs every schedule that is due, oldest first.</summary>


    private static HttpResponseMessage Ok(JsonNode body) => FakeResponses.Json(HttpStatusCode.OK, body);

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["type"] = type, ["message"] = message };
        if (extra is not null)
        {
            foreach (var pair in extra.ToList())
            {
                extra.Remove(pair.Key);
                body[pair.Key] = pair.Value;
            }
        }

        return FakeResponses.Json(status, body);
    }

    private static HttpResponseMessage Invalid(string message) => Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", message);

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence):D6}";

    private string StoreIdOf(JsonNode? body) => FakeJson.String(body, "storeId") ?? _fake.StoreId;

    private bool IsAuthorized(HttpRequestMessage message)
    {
        var header = message.Headers.Authorization;
        if (header is null)
        {
            return false;
        }

        if (string.Equals(header.Scheme, "PortOne", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter == _fake.V2ApiSecret;
        }

        return string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } token
            && _accessTokens.TryGetValue(token, out var expiresAt)
            && Now < expiresAt;
    }

    private HttpResponseMessage Login(FakeRequest request)
    {
        if (FakeJson.String(request.Body, "apiSecret") != _fake.V2ApiSecret)
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "The API secret is not valid.");
        }

        return IssueTokens();
    }

    private HttpResponseMessage Refresh(FakeRequest request)
    {
        var refreshToken = FakeJson.String(request.Body, "refreshToken");
        if (refreshToken is null || !_refreshTokens.TryGetValue(refreshToken, out var expiresAt) || Now >= expiresAt)
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "The refresh token is not valid.");
        }

        _refreshTokens.Remove(refreshToken);
        return IssueTokens();
    }

    private HttpResponseMessage IssueTokens()
    {
        var now = Now;
        var access = Jwt(now, now + AccessTokenLifetime, "access");
        var refresh = Jwt(now, now + RefreshTokenLifetime, "refresh");
        _accessTokens[access] = now + AccessTokenLifetime;
        _refreshTokens[refresh] = now + RefreshTokenLifetime;
        _fake.Counters.Increment("V2.Login");
        return Ok(new JsonObject { ["accessToken"] = access, ["refreshToken"] = refresh });
    }

    private string Jwt(DateTimeOffset issuedAt, DateTimeOffset expiresAt, string kind)
    {
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64Url(new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["sub"] = _fake.StoreId,
            ["kind"] = kind,
            ["jti"] = NextId("jwt"),
        }.ToJsonString());
        return $"{header}.{payload}.fake-signature";
    }

    private static JsonNode? RequestBody(FakeRequest request) =>
        request.QueryValue("requestBody") is { Length: > 0 } text ? JsonNode.Parse(text) : null;

    private static HashSet<string> Strings(JsonNode? node, string name)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) && value is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }

    private static HttpResponseMessage Page(JsonNode? body, IEnumerable<JsonNode> items)
    {
        var page = FakeJson.Object(body, "page");
        var number = (int)(FakeJson.Long(page, "number") ?? 0);
        var size = (int)(FakeJson.Long(page, "size") ?? 10);
        if (number < 0 || size <= 0)
        {
            return Invalid("page.number must be 0 or more and page.size more than 0.");
        }

        var all = items.ToList();
        return Ok(new JsonObject
        {
            ["items"] = new JsonArray(all.Skip(number * size).Take(size).ToArray()),
            ["page"] = new JsonObject { ["number"] = number, ["size"] = size, ["totalCount"] = all.Count },
        });
    }
}
