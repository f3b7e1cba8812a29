using System;
using System.Buffers;
using System.IO;
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
/// The body is read once into an array of its exact size and handed on as <see cref="PortOneBufferedContent"/>, so
/// the transport decodes that array itself instead of copying the body a second and third time (as
/// <c>LoadIntoBufferAsync</c> followed by <c>ReadAsByteArrayAsync</c> would).
/// </remarks>
internal sealed class PortOneBufferingHandler : DelegatingHandler
{
    // Above this a declared length is not trusted for one allocation up front; the body is read in pieces instead.
    private const int LargestUpFront = 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        if (original is null or PortOneBufferedContent)
        {
            return response;
        }

        try
        {
            byte[] body;
#if NET5_0_OR_GREATER
            body = await ReadAllAsync(original, cancellationToken).ConfigureAwait(false);
#else
            // No cancellable read here: cancellation disposes the response, which aborts the read.
            using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
            {
                body = await ReadAllAsync(original, cancellationToken).ConfigureAwait(false);
            }
#endif
            var buffered = new PortOneBufferedContent(body);
            CopyHeaders(original, buffered);
            response.Content = buffered;
            original.Dispose();
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

    private static async ValueTask<byte[]> ReadAllAsync(HttpContent content, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        using (stream)
        {
            var declared = content.Headers.ContentLength;
            if (declared is { } length and >= 0 and <= LargestUpFront)
            {
                var exact = new byte[length];
                var filled = await FillAsync(stream, exact, 0, exact.Length, cancellationToken).ConfigureAwait(false);
                if (filled < exact.Length)
                {
                    throw new IOException($"The answer ended after {filled} of the {length} bytes it announced.");
                }

                return exact;
            }

            return await ReadToEndAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    // A body of unknown length: read into pooled buffers that double as needed, then copy out exactly once.
    private static async ValueTask<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    Buffer.BlockCopy(buffer, 0, larger, 0, count);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await FillAsync(stream, buffer, count, buffer.Length - count, cancellationToken).ConfigureAwait(false);
                count += read;
                if (count < buffer.Length)
                {
                    break;
                }
            }

            var body = new byte[count];
            Buffer.BlockCopy(buffer, 0, body, 0, count);
            return body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads until the range is full or the stream ends; returns the number of bytes read. ValueTask: a body that
    // has already arrived is read without a task per step.
    private static async ValueTask<int> FillAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
#if NET5_0_OR_GREATER
            var read = await stream.ReadAsync(buffer.AsMemory(offset + total, count - total), cancellationToken).ConfigureAwait(false);
#else
            var read = await stream.ReadAsync(buffer, offset + total, count - total, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    // Content-Length is left out: the buffered content states the length of the bytes it holds itself.
    private static void CopyHeaders(HttpContent from, HttpContent to)
    {
#if NET6_0_OR_GREATER
        foreach (var header in from.Headers.NonValidated)
        {
            if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (header.Value.Count == 1)
            {
                to.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
            }
            else
            {
                to.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
#else
        foreach (var header in from.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
#endif
    }
}

/// <summary>
/// An answer body the SDK has already read whole. Behaves as any in-memory content for code that reads it through
/// <see cref="HttpContent"/>; the SDK's own transport takes <see cref="Bytes"/> without another copy.
/// </summary>
internal sealed class PortOneBufferedContent : ByteArrayContent
{
    public PortOneBufferedContent(byte[] bytes)
        : base(bytes)
    {
        Bytes = bytes;
    }

    /// <summary>The body exactly as received. Not to be changed: it is also what the content serves.</summary>
    public byte[] Bytes { get; }
}
