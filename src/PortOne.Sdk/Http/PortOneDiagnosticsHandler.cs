using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PortOne.Sdk.Http;

/// <summary>
/// The outermost handler: one <see cref="Activity"/> and one log line per call (all attempts together), with
/// allow-listed facts only. The activity source is named <see cref="PortOneDiagnostics.ActivitySourceName"/>.
/// </summary>
internal sealed class PortOneDiagnosticsHandler : DelegatingHandler
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public PortOneDiagnosticsHandler(ILogger logger, TimeProvider timeProvider)
    {
        _logger = logger;
        _timeProvider = timeProvider;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Nobody listening and no log level that records a call: pass the request on without a state machine of
        // our own, a clock read or an activity.
        if (!PortOneDiagnostics.Source.HasListeners()
            && !_logger.IsEnabled(LogLevel.Debug)
            && !_logger.IsEnabled(LogLevel.Information)
            && !_logger.IsEnabled(LogLevel.Warning))
        {
            return base.SendAsync(request, cancellationToken);
        }

        return SendObservedAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.GetPortOneOperation();
        var name = operation?.Name ?? "PortOne";
        var template = operation?.PathTemplate ?? "?";
        using var activity = PortOneDiagnostics.Source.StartActivity(name, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("server.address", request.RequestUri?.Host);
            activity.SetTag("url.template", template);
            activity.SetTag("portone.operation", name);
        }

        _logger.LogRequestStarting(name, request.Method.Method, template);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            // Looked for only when someone records it.
            var requestId = activity is not null || _logger.IsEnabled(LogLevel.Information) ? PortOneDiagnostics.FindRequestId(response) : null;
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", (int)response.StatusCode);
                if (requestId is not null)
                {
                    activity.SetTag("portone.request_id", requestId);
                }

                if (!response.IsSuccessStatusCode)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }

            _logger.LogRequestFinished(name, (int)response.StatusCode, elapsed, requestId);
            return response;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            _logger.LogRequestFailed(name, exception.GetType().Name, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
