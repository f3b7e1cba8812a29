using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using PortOne.Sdk.V2;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Tests.V2;

/// <summary>A WireMock server on loopback plus helpers to stub V2 answers and read what the client sent.</summary>
public sealed class V2TestServer : IDisposable
{
    public const string Secret = "test-api-secret";
    public const string StoreId = "store-configured";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public PortOneV2Client CreateClient(string? storeId = StoreId, Action<PortOneV2Options>? configure = null)
    {
        var options = new PortOneV2Options
        {
            ApiSecret = Secret,
            StoreId = storeId,
            BaseAddress = new Uri(Server.Url!),
            Retry = new PortOneRetryOptions { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new PortOneV2Client(options);
    }

    public void Stub(string method, string path, int status, string body) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>Answers a search only when its <c>requestBody</c> asks for the given page number.</summary>
    public void StubPage(string path, int number, string body) =>
        Server.Given(Request.Create().WithPath(path).UsingGet()
                .WithParam("requestBody", new WireMock.Matchers.WildcardMatcher($"*\"number\":{number}*")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    public IRequestMessage Single() => Assert.Single(Server.LogEntries).RequestMessage;

    /// <summary>The query parameters as the server decoded them.</summary>
    public static System.Collections.Specialized.NameValueCollection Query(IRequestMessage request) =>
        HttpUtility.ParseQueryString(new Uri(request.AbsoluteUrl).Query, Encoding.UTF8);

    /// <summary>The JSON of the <c>requestBody</c> query parameter.</summary>
    public static JsonNode RequestBodyQuery(IRequestMessage request)
    {
        var raw = Query(request)["requestBody"];
        Assert.NotNull(raw);
        return JsonNode.Parse(raw)!;
    }

    public static JsonNode Body(IRequestMessage request)
    {
        Assert.False(string.IsNullOrEmpty(request.Body), "the request had no body");
        return JsonNode.Parse(request.Body!)!;
    }

    /// <summary>Asserts two JSON documents are equal regardless of property order, showing both when not.</summary>
    public static void JsonEqual(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"expected {expectedNode?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }

    public void Dispose() => Server.Stop();
}
