using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PortOne.Sdk.Benchmarks.Fair;

/// <summary>
/// The fair hand-written V2 client: one <see cref="HttpClient"/> with the API secret in a default
/// <c>Authorization: PortOne …</c> header, source-generated System.Text.Json into the typed POCOs of
/// <see cref="Payment"/> and friends, a documented error answer decoded by <c>type</c> and thrown as
/// <see cref="PortOneApiException"/>. No retries, no time-out policy, no logging or tracing, no outcome resolution.
/// </summary>
public sealed class FairV2Client : IDisposable
{
    private readonly HttpClient _http;

    public FairV2Client(HttpMessageHandler handler, Uri baseAddress, string apiSecret)
    {
        _http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PortOne", apiSecret);
    }

    public async Task<Payment> GetPaymentAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri("payments/" + Uri.EscapeDataString(paymentId), UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync(FairV2Json.Default.Payment, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<PayWithBillingKeyResponse> PayWithBillingKeyAsync(string paymentId, BillingKeyPaymentRequest request, CancellationToken cancellationToken = default)
    {
        using var content = JsonContent.Create(request, FairV2Json.Default.BillingKeyPaymentRequest);
        using var response = await _http.PostAsync(new Uri("payments/" + Uri.EscapeDataString(paymentId) + "/billing-key", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync(FairV2Json.Default.PayWithBillingKeyResponse, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>One page of <c>GET /payment-schedules</c>; the request body goes in the <c>requestBody</c> query parameter, as PortOne's GET-with-body operations take it.</summary>
    public async Task<GetPaymentSchedulesResponse> GetPaymentSchedulesAsync(GetPaymentSchedulesRequest request, CancellationToken cancellationToken = default)
    {
        var query = Uri.EscapeDataString(JsonSerializer.Serialize(request, FairV2Json.Default.GetPaymentSchedulesRequest));
        using var response = await _http.GetAsync(new Uri("payment-schedules?requestBody=" + query, UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync(FairV2Json.Default.GetPaymentSchedulesResponse, cancellationToken).ConfigureAwait(false))!;
    }

    public void Dispose() => _http.Dispose();

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // The body is small and already buffered: read it whole, so an unknown error type can fall back.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        throw new PortOneApiException(FairErrors.Decode(body), response.StatusCode);
    }
}

/// <summary>The fair hand-written V1 client: a bearer token set once as a default header, the envelope decoded by the source generator.</summary>
public sealed class FairV1Client : IDisposable
{
    private readonly HttpClient _http;

    public FairV1Client(HttpMessageHandler handler, Uri baseAddress, string accessToken)
    {
        _http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public async Task<V1Payment> GetPaymentAsync(string impUid, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri("payments/" + Uri.EscapeDataString(impUid), UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var envelope = await response.Content.ReadFromJsonAsync(FairV1Json.Default.V1EnvelopeV1Payment, cancellationToken).ConfigureAwait(false);
        if (envelope is null || envelope.Code != 0 || envelope.Response is null)
        {
            throw new HttpRequestException($"PortOne V1 error {envelope?.Code}: {envelope?.Message}", null, response.StatusCode == HttpStatusCode.OK ? null : response.StatusCode);
        }

        return envelope.Response;
    }

    public void Dispose() => _http.Dispose();
}
