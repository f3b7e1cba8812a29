using System.Net;
using System.Net.Http.Headers;

namespace PortOne.Sdk.Benchmarks;

/// <summary>Answers every request in memory with fixed bytes: the SDK's own cost, without a network in the way.</summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = path switch
        {
            "/users/getToken" => Payloads.V1Token,
            _ when request.RequestUri.Host.StartsWith("v1", StringComparison.Ordinal) => Payloads.V1Payment,
            _ => Payloads.V2PaidPayment,
        };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
