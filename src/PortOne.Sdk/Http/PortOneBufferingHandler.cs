using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Sdk.Http;

/// <summary>
/// The innermost SDK handler: reads the whole answer body before the answer leaves the resilience pipeline.
/// </summary>
/// <remarks>
/// <see cref="HttpClient"/> reads the body only after the handler chain has returned, that is outside the
/// pipeline's time-outs. A server that sent its headers and then stopped would hold the call (and, for a token
/// request, every caller waiting on that token) for ever. Read here, the body is covered by the attempt and total
/// time-outs, and a body cut off half-way surfaces inside the pipeline like any other transport failure.
/// </remarks>
internal sealed class PortOneBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#elif NET5_0_OR_GREATER
            // Reading the bytes buffers the content; later reads are served from memory.
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
            // No cancellable overload here: cancellation disposes the response, which aborts the read.
            if (response.Content is not null)
            {
                using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
                {
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                }
            }
#endif
            return response;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            response.Dispose();
            throw new OperationCanceledException("Reading the answer was cancelled.", exception, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
