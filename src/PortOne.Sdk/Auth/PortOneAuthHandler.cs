using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.Auth;

/// <summary>
/// Puts the credential on every attempt. It sits inside the retry handler, so each retry gets a current token.
/// On a 401 with a renewable credential it drops the rejected token, gets a new one (shared with any concurrent
/// callers) and sends the same request once more; a second 401 is returned as it is.
/// </summary>
internal sealed class PortOneAuthHandler : DelegatingHandler
{
    private readonly PortOneCredential _credential;
    private readonly ILogger _logger;

    public PortOneAuthHandler(PortOneCredential credential, ILogger logger)
    {
        _credential = credential;
        _logger = logger;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.GetPortOneOperation();
        if (operation is { Authenticated: false })
        {
            return base.SendAsync(request, cancellationToken);
        }

        if (_credential.FixedAuthorization is { } fixedHeader)
        {
            // A fixed API secret: nothing to wait for and no 401 to cure, so no state machine of our own per attempt.
            request.Headers.Authorization = fixedHeader;
            return base.SendAsync(request, cancellationToken);
        }

        return SendWithTokenAsync(request, operation, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, PortOneOperation? operation, CancellationToken cancellationToken)
    {
        var header = await _credential.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = header;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !_credential.CanRenew)
        {
            return response;
        }

        _logger.LogUnauthorized(operation?.Name ?? "PortOne");
        _credential.Invalidate(header);
        response.Dispose();
        request.Headers.Authorization = await _credential.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
