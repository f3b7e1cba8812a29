namespace PortOne.Sdk.Samples.WebhookReceiver;

/// <summary>Reads a webhook body once, as the exact bytes that were signed.</summary>
internal static class WebhookBody
{
    // PortOne's payloads are a few hundred bytes; anything far larger is not from PortOne.
    private const int MaxBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than a webhook can be.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
