using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.Tests.Foundation;

/// <summary>
/// Unit tests of the pipeline's body reader on its own (a stub inner handler stands in for the network): what the
/// handlers above it and the application see of an answer it has read whole.
/// </summary>
public sealed class BufferingHandlerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_answer_is_read_whole_and_keeps_its_content_headers_with_the_length_of_what_was_read(bool lengthDeclared)
    {
        var json = "{\"message\":\"결제 완료\"}";
        var bytes = Encoding.UTF8.GetBytes(json);
        using var invoker = new HttpMessageInvoker(new PortOneBufferingHandler { InnerHandler = new Answering(bytes, lengthDeclared) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/payments/p-1");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        var buffered = Assert.IsType<PortOneBufferedContent>(response.Content);
        Assert.Equal(bytes, buffered.Bytes);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(["ko"], response.Content.Headers.ContentLanguage);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Single(response.Content.Headers.GetValues("Content-Length"));
        Assert.Equal(json, await response.Content.ReadAsStringAsync());
        Assert.Equal(json, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Answers with the given bytes through a stream that reads a few bytes at a time, as a socket does.</summary>
    private sealed class Answering(byte[] body, bool lengthDeclared) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new TrickleStream(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            content.Headers.ContentLanguage.Add("ko");
            if (lengthDeclared)
            {
                content.Headers.ContentLength = body.Length;
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    private sealed class TrickleStream(byte[] body) : MemoryStream(body)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 5));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 5)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 5), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 5)], cancellationToken);
    }
}
