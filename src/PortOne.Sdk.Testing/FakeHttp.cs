using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace PortOne.Sdk.Testing;

/// <summary>A request as the fake sees it: method, unescaped path segments, query and parsed JSON body.</summary>
internal sealed class FakeRequest
{
    public FakeRequest(HttpRequestMessage message, string? body)
    {
        Message = message;
        Method = message.Method;
        var uri = message.RequestUri!;
        Segments = uri.AbsolutePath.Trim('/').Split('/');
        for (var i = 0; i < Segments.Length; i++)
        {
            Segments[i] = Uri.UnescapeDataString(Segments[i]);
        }

        Query = uri.Query;
        RawBody = body;
        Body = string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body);
    }

    public HttpRequestMessage Message { get; }

    public HttpMethod Method { get; }

    public string[] Segments { get; }

    public string Query { get; }

    public string? RawBody { get; }

    public JsonNode? Body { get; }

    public bool Is(HttpMethod method, int segmentCount) => Method == method && Segments.Length == segmentCount;

    /// <summary>The values of a query parameter, unescaped (repeated keys give several).</summary>
    public string[] QueryValues(string name)
    {
        var result = new System.Collections.Generic.List<string>();
        foreach (var pair in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((index < 0 ? pair : pair[..index]).Replace('+', ' '));
            if (key == name)
            {
                result.Add(index < 0 ? string.Empty : Uri.UnescapeDataString(pair[(index + 1)..].Replace('+', ' ')));
            }
        }

        return result.ToArray();
    }

    public string? QueryValue(string name) => QueryValues(name) is { Length: > 0 } values ? values[0] : null;
}

internal static class FakeResponses
{
    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) => new(status)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };
}
