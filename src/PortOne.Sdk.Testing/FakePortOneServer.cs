using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace PortOne.Sdk.Testing;

/// <summary>
/// Serves a <see cref="FakePortOne"/> over real HTTP on 127.0.0.1: <c>/v2/…</c> answers as the V2 API,
/// <c>/v1/…</c> as the V1 API. Requests take the same path through the fake as in-memory ones.
/// </summary>
internal sealed class FakePortOneServer : IDisposable
{
    private readonly FakePortOne _fake;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakePortOneServer(FakePortOne fake)
    {
        _fake = fake;
        var port = FreePort();
        Root = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Root.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Root { get; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's ObjectDisposedException/HttpListenerException; nothing to report.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var incoming = context.Request;
            string body;
            using (var reader = new StreamReader(incoming.InputStream, incoming.ContentEncoding ?? Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), Translate(incoming.Url!));
            foreach (var name in incoming.Headers.AllKeys)
            {
                if (name is not null)
                {
                    request.Headers.TryAddWithoutValidation(name, incoming.Headers.GetValues(name) ?? []);
                }
            }

            var (fault, silenceFor) = _fake.NextFault(request);
            if (fault == FakeFault.RequestLost)
            {
                response.Abort();
                return;
            }

            using var answer = _fake.Handle(request, body.Length == 0 ? null : body);
            switch (fault)
            {
                case FakeFault.AnswerLost:
                    response.Abort();
                    return;
                case FakeFault.Silence:
                    // The client's time-outs run on the fake's clock and were armed before the request left, so
                    // moving the clock makes it give up now; only then is the connection closed.
                    _fake.Clock.Advance(silenceFor);
                    response.Abort();
                    return;
                case FakeFault.ServerError:
                    var error = Encoding.UTF8.GetBytes(FakeFaultAnswers.ServerErrorBody);
                    response.StatusCode = 500;
                    response.ContentType = "text/plain";
                    response.ContentLength64 = error.Length;
                    await response.OutputStream.WriteAsync(error).ConfigureAwait(false);
                    return;
            }

            var bytes = answer.Content is null ? [] : await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            response.StatusCode = (int)answer.StatusCode;
            response.ContentType = answer.Content?.Headers.ContentType?.ToString() ?? "application/json";
            response.ContentLength64 = bytes.Length;
            if (fault == FakeFault.AnswerCut)
            {
                await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                response.Abort();
                return;
            }

            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed by the client, or aborted on purpose (an injected fault).
            }
        }
    }

    // http://127.0.0.1:port/v2/payments/x → https://v2.fake-portone.test/payments/x, so both transports share one router.
    private static Uri Translate(Uri url)
    {
        var path = url.AbsolutePath;
        var target = path.StartsWith("/v1/", StringComparison.Ordinal) ? FakePortOne.V1BaseAddress
            : path.StartsWith("/v2/", StringComparison.Ordinal) ? FakePortOne.V2BaseAddress
            : new Uri("https://unknown.fake-portone.test/");
        var rest = path.Length >= 4 ? url.AbsoluteUri.Substring(url.AbsoluteUri.IndexOf(path, StringComparison.Ordinal) + 4) : string.Empty;
        return new Uri(target, rest);
    }
}
