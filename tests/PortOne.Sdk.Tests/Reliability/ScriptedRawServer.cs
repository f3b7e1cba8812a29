using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PortOne.Sdk.Tests.Reliability;

/// <summary>One request as it reached the socket: the request line's method and target, exactly as sent.</summary>
internal sealed record RawRequest(string Method, string Target, string Body)
{
    public string Path => Target.Split('?')[0];
}

/// <summary>
/// A raw loopback HTTP/1.1 server that records every request exactly as it arrived on the wire (method, raw
/// target, body) and answers each with what the test's script says: a raw answer, or nothing at all (the
/// connection is closed without a byte). Below every .NET HTTP abstraction, so it also sees requests that the
/// client's own connection handling sends again.
/// </summary>
internal sealed class ScriptedRawServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawRequest, string?> _script;
    private readonly List<RawRequest> _requests = [];
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();

    /// <param name="script">The raw answer to a request, or null to close the connection without answering.</param>
    public ScriptedRawServer(Func<RawRequest, string?> script)
    {
        _script = script;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    public IReadOnlyList<RawRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public void Clear()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public static string Json(int status, string body) =>
        $"HTTP/1.1 {status} {(status < 300 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = ServeAsync(client);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped at the end of the test.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffered = new List<byte>();
            var buffer = new byte[16384];
            while (true)
            {
                var request = await ReadRequestAsync(stream, buffered, buffer);
                if (request is null)
                {
                    return;
                }

                lock (_requests)
                {
                    _requests.Add(request);
                }

                var answer = _script(request);
                if (answer is null)
                {
                    return;
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client went away, or the test ended.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<RawRequest?> ReadRequestAsync(NetworkStream stream, List<byte> buffered, byte[] buffer)
    {
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffered)) < 0)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            buffered.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var head = Encoding.Latin1.GetString(buffered.GetRange(0, headerEnd).ToArray());
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var total = headerEnd + 4 + length;
        while (buffered.Count < total)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            buffered.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var body = Encoding.UTF8.GetString(buffered.GetRange(headerEnd + 4, length).ToArray());
        buffered.RemoveRange(0, total);
        return new RawRequest(requestLine[0], requestLine[1], body);
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
