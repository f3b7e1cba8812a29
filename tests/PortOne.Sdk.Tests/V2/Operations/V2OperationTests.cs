using System.Globalization;
using System.Text;
using System.Web;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PortOne.Sdk.Http;
using PortOne.Sdk.V2;
using PortOne.Sdk.Tests.Reliability;
using PortOne.Sdk.Tests.V2.Generated;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit.Abstractions;

namespace PortOne.Sdk.Tests.V2.Operations;

/// <summary>
/// Every operation of the V2 spec, from the generated table: it has a client method, sends exactly the request the
/// spec describes (method, escaped path, query, body), decodes a success answer without leaving the description,
/// and decodes every one of its error cases into its class.
/// </summary>
public sealed class V2OperationTests : IDisposable
{
    private const string SampleId = "id/1 ?";
    private readonly V2TestServer _server = new();
    private readonly ITestOutputHelper _output;

    public V2OperationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Operations => new(V2OperationCases.All.Select(c => c.OperationId));

    public static TheoryData<string, string> ErrorCases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var operation in V2OperationCases.All)
            {
                foreach (var error in operation.Errors)
                {
                    data.Add(operation.OperationId, error.Type);
                }
            }

            return data;
        }
    }

    [Fact]
    public void EveryOperationOfTheSpecHasAClientMethodAndADescriptor()
    {
        var descriptors = V2Operations.All.ToDictionary(d => d.OperationId!);
        var covered = V2OperationCases.All.Where(c => c.Call is not null || V2HandCalls.OperationIds.Contains(c.OperationId)).Select(c => c.OperationId).ToList();
        _output.WriteLine($"{covered.Count}/{V2OperationCases.All.Length} operations of the spec have a client method");
        Assert.Equal(147, V2OperationCases.All.Length);
        Assert.Equal(V2OperationCases.All.Length, covered.Count);
        Assert.Equal(V2OperationCases.All.Select(c => c.OperationId).Order(StringComparer.Ordinal), descriptors.Keys.Order(StringComparer.Ordinal));
        foreach (var operation in V2OperationCases.All)
        {
            var descriptor = descriptors[operation.OperationId];
            Assert.Equal(operation.Descriptor, descriptor.Name);
            Assert.Equal(operation.PathTemplate, descriptor.PathTemplate);
            Assert.Equal(operation.Method, descriptor.Method);
            Assert.Equal(operation.Retried, descriptor.Retryable);
            Assert.Equal(operation.Unstable, descriptor.Unstable);
        }

        // Only reads are retried, and the few other operations the table gives a reason for.
        var retriedWrites = V2Operations.All.Where(d => d.Retryable && d.Method != "GET").Select(d => d.OperationId).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["createPaymentSchedule", "deleteBillingKey", "getB2bBusinessInfos", "loginViaApiSecret", "refreshToken", "revokePaymentSchedules", "validateB2bCounterpartyCertificate"],
            retriedWrites);
    }

    [Fact]
    public void UnstableOperationsAreExperimental()
    {
        var unstable = V2Operations.All.Where(d => d.Unstable).ToList();
        Assert.Equal(27, unstable.Count);
        var methods = typeof(PortOneV2Client).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Name.StartsWith("PortOneV2", StringComparison.Ordinal) && t.Name.EndsWith("Client", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(false).Any(a => a.GetType().Name == "ExperimentalAttribute"))
            .ToList();
        // One method per unstable operation, and the page walker of the one unstable search.
        Assert.Equal(27, methods.Count(m => typeof(Task).IsAssignableFrom(m.ReturnType)));
        Assert.Single(methods, m => !typeof(Task).IsAssignableFrom(m.ReturnType));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task SendsTheRequestOfTheSpecAndDecodesItsAnswer(string operationId)
    {
        var operation = V2OperationCases.All.Single(c => c.OperationId == operationId);
        if (operation.Call is null)
        {
            return; // hand-written: their own tests pin their requests (they fill the store ID, page, validate money)
        }

        // A raw socket server: it sees the request line exactly as sent, escapes included.
        var answer = operation.Answer ?? string.Empty;
        using var server = new ScriptedRawServer(_ =>
            $"HTTP/1.1 200 OK\r\nContent-Type: {(operation.AnswerIsText ? "text/csv" : "application/json")}\r\nContent-Length: {Encoding.UTF8.GetByteCount(answer)}\r\n\r\n{answer}");
        var logs = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        using var client = new PortOneV2Client(
            new PortOneV2Options { ApiSecret = V2TestServer.Secret, BaseAddress = server.Url, Retry = new PortOneRetryOptions { MaxRetries = 0 } },
            factory);

        var call = operation.Call(client, SampleId);
        await call;

        var request = Assert.Single(server.Requests);
        Assert.Equal(operation.Method, request.Method);
        Assert.Equal(operation.ExpectedPath, request.Path);
        var questionMark = request.Target.IndexOf('?', StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(questionMark < 0 ? string.Empty : request.Target[(questionMark + 1)..], Encoding.UTF8);
        foreach (var (name, value) in operation.ExpectedQuery)
        {
            Assert.Equal(value, query[name]);
        }

        var expectedKeys = operation.ExpectedQuery.Length + (operation.BodyInQuery && operation.ExpectedBody is not null ? 1 : 0);
        Assert.Equal(expectedKeys, query.Count);
        if (operation.ExpectedBody is { } body)
        {
            var sent = operation.BodyInQuery ? query["requestBody"] : request.Body;
            Assert.False(string.IsNullOrEmpty(sent), "the request carried no body");
            AssertSameJson(body, JsonNode.Parse(sent!));
        }

        if (operation.AnswerIsText)
        {
            Assert.Equal(operation.Answer, await (Task<string>)call);
        }

        // The sample answer has every member the spec requires: it decodes strictly, without the tolerant reader.
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 7);
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task DecodesEachErrorCaseIntoItsClass(string operationId, string type)
    {
        var operation = V2OperationCases.All.Single(c => c.OperationId == operationId);
        var error = operation.Errors.Single(e => e.Type == type);
        _server.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(error.Status).WithHeader("Content-Type", "application/json").WithBody(error.Json));
        using var client = _server.CreateClient(configure: o => o.ResolveUnknownOutcomes = false);

        var exception = await Assert.ThrowsAsync<PortOneApiException>(() => operation.Invoke(client, "id"));

        Assert.Equal(error.ClassName, exception.Error.GetType().Name);
        Assert.Equal(type, exception.Error.Type);
        Assert.Equal(error.Status, (int?)exception.StatusCode);
        Assert.Equal(error.Json, exception.RawBody);
    }

    [Fact]
    public async Task AGeneratedSearchWalksEveryPageAndStopsAtAShortOne()
    {
        var receipt = UnionDecodingTests.SampleJson.WithDiscriminator(
            UnionDecodingTests.SampleJson.Object(typeof(CancelledCashReceipt), depth: 0), "status", "CANCELLED", UnionDecodingTests.Position.First);
        string Page(int number, int count) => new JsonObject
        {
            ["items"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)JsonNode.Parse(receipt.ToJsonString())!).ToArray()),
            ["page"] = new JsonObject { ["number"] = number, ["size"] = 2, ["totalCount"] = 3 },
        }.ToJsonString();
        _server.StubPage("/cash-receipts", 0, Page(0, 2));
        _server.StubPage("/cash-receipts", 1, Page(1, 1));
        using var client = _server.CreateClient();

        var receipts = new List<CashReceipt>();
        await foreach (var item in client.CashReceipts.ListAsync(new GetCashReceiptsRequest { Page = new PageInput { Size = 2 } }))
        {
            receipts.Add(item);
        }

        Assert.Equal(3, receipts.Count);
        Assert.All(receipts, r => Assert.IsType<CancelledCashReceipt>(r));
        // A third page would have been answered 404 (no stub) and thrown: the walk stopped at the short page.
    }

    private static void AssertSameJson(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(Same(expectedNode, actual), $"expected {expectedNode?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }

    // Deep equality, where two strings that are the same instant in different notations are equal.
    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue va && b is JsonValue vb && va.TryGetValue<string>(out var sa) && vb.TryGetValue<string>(out var sb))
        {
            return sa == sb || (DateTimeOffset.TryParse(sa, CultureInfo.InvariantCulture, DateTimeStyles.None, out var da)
                && DateTimeOffset.TryParse(sb, CultureInfo.InvariantCulture, DateTimeStyles.None, out var db) && da == db);
        }

        if (a is JsonObject oa && b is JsonObject ob)
        {
            return oa.Count == ob.Count && oa.All(p => ob.TryGetPropertyValue(p.Key, out var other) && Same(p.Value, other));
        }

        if (a is JsonArray aa && b is JsonArray ab)
        {
            return aa.Count == ab.Count && aa.Zip(ab).All(p => Same(p.First, p.Second));
        }

        return JsonNode.DeepEquals(a, b);
    }

    public void Dispose() => _server.Dispose();
}
