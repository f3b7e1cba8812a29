using PortOne.Sdk.Tests.Foundation;

namespace PortOne.Sdk.Tests.Reliability;

/// <summary>
/// Ids travel in paths. Whatever a caller passes, the server sees either nothing (the SDK refused the id with an
/// <see cref="ArgumentException"/> naming the parameter) or exactly the operation's route with the id as one escaped
/// segment. Checked on the wire, by a raw server that records each request line as it arrived.
/// </summary>
public sealed class HostileIdTests : IDisposable
{
    /// <summary>Ids that cannot stand for themselves in a path: refused before anything is sent.</summary>
    public static readonly string[] Refused = [".", "..", " ", "\t", "\r\n", "\ud800", "\udc00", "a\ud800b", "b\udc00\ud800"];

    /// <summary>Ids that are odd but valid: sent, escaped as exactly one segment.</summary>
    public static readonly string[] Escaped =
    [
        "/", "?", "#", "%", "\\", "a b", " a", "a/../b", "../x", "..%2F", "%2e%2e", "...", ".a", "a.", "a?b=c#d", "a;b", "a%00", "\u0000", "\u0001x", "\u007f",
        "x\ny", "결제-1", "😀", new string('a', 10_000), string.Concat(Enumerable.Repeat("/.%?", 2_500)),
    ];

    private readonly Harness _h = new();

    public static TheoryData<string> Operations => new(OperationTable.TakingIds.Select(c => c.Operation));

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Every_operation_with_an_id_in_its_path_is_in_the_table()
    {
        var expected = OperationTable.Descriptors.Values.Where(o => o.PathTemplate.Contains('{', StringComparison.Ordinal)).Select(o => o.Name).Order().ToList();

        Assert.Equal(expected, OperationTable.TakingIds.Select(c => c.Operation).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_hostile_id_is_refused_before_sending_or_reaches_the_exact_route_as_one_segment(string operation)
    {
        var call = OperationTable.TakingIds.Single(c => c.Operation == operation);
        var descriptor = OperationTable.Descriptors[operation];
        using var server = new ScriptedRawServer(request => request.Path switch
        {
            "/users/getToken" => ScriptedRawServer.Json(200, Bodies.V1Token("token-1", Harness.Start, TimeSpan.FromMinutes(30))),
            _ when call.V1 is not null => ScriptedRawServer.Json(404, Bodies.V1Error(-1, "not found")),
            _ => ScriptedRawServer.Json(404, """{"type":"PAYMENT_NOT_FOUND","message":"not found"}"""),
        });
        using var v1 = _h.V1(o =>
        {
            o.BaseAddress = server.Url;
            o.Retry.MaxRetries = 0;
        });
        using var v2 = _h.V2(o =>
        {
            o.BaseAddress = server.Url;
            o.Retry.MaxRetries = 0;
        });
        Task Call(string id) => call.V1 is { } onV1 ? onV1(v1, id) : call.V2!(v2, id);

        foreach (var id in Refused)
        {
            server.Clear();
            var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => Call(id).Guard());
            Assert.Equal(call.Parameter, refused.ParamName);
            Assert.DoesNotContain(server.Requests, r => r.Path != "/users/getToken");
        }

        foreach (var id in Escaped)
        {
            server.Clear();
            var failure = await Record.ExceptionAsync(() => Call(id).Guard());
            Assert.True(failure is null or PortOneException, $"{Printable(id)}: {failure}");
            var sent = Assert.Single(server.Requests, r => r.Path != "/users/getToken");
            var expected = OperationTable.Route(descriptor, Uri.EscapeDataString(id));
            Assert.True(expected == sent.Path, $"{Printable(id)}: expected {Shorten(expected)}, the server saw {Shorten(sent.Path)}");
        }
    }

    private static string Printable(string id) => Shorten(string.Concat(id.Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())));

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + $"… ({text.Length} chars)" : text;
}
