using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace PortOne.Sdk.Http;

/// <summary>
/// Runs each request through the client's resilience pipeline (total time-out, retry, per-attempt time-out). The
/// pipeline reads the request's <see cref="PortOneOperation"/> from the execution's pooled context, where this
/// handler puts it, so a call neither allocates a context nor touches the request's option bag.
/// </summary>
/// <remarks>
/// This does what <c>Microsoft.Extensions.Http.Resilience</c>'s <c>ResilienceHandler</c> does for one fixed
/// pipeline, without its per-request work for features the SDK does not use (pipeline selection per request,
/// request metadata for telemetry enrichment, and the context stored in <see cref="HttpRequestMessage"/> options).
/// </remarks>
internal sealed class PortOneResilienceHandler : DelegatingHandler
{
    /// <summary>Where the pipeline's strategies find the operation being sent (null for a request the SDK did not make).</summary>
    public static readonly ResiliencePropertyKey<PortOneOperation?> OperationKey = new("PortOne.Sdk.Operation");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public PortOneResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        _pipeline = pipeline;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, request.GetPortOneOperation());
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.SendInnerAsync(state.Request, context.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
