using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// V2 billing keys (<c>portone.BillingKeys</c>): issue a key from card data, look keys up, search them, delete them.
/// Charge a key with <see cref="PortOneV2PaymentsClient.PayWithBillingKeyAsync"/> or schedule a charge with
/// <see cref="PortOneV2PaymentSchedulesClient.CreateAsync"/>.
/// </summary>
public partial class PortOneV2BillingKeysClient
{
    private readonly V2Api _api;

    internal PortOneV2BillingKeysClient(V2Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV2BillingKeysClient()
    {
        _api = null!;
    }

    /// <summary>Issues a billing key from card data, without the customer's browser (<c>POST /billing-keys</c>).</summary>
    /// <param name="request">The card (<see cref="InstantBillingKeyPaymentMethodInput.Card"/>) and optionally the channel and customer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new billing key with its channels, and the channels that failed when several were tried.</returns>
    /// <exception cref="System.ArgumentException">The method is missing, or the card data is not in PortOne's form (see <see cref="CardCredential"/>). Nothing is sent then.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="ChannelNotFoundError"/>, <see cref="PgProviderError"/> (the card was refused), <see cref="ChannelSpecificError"/>.</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne and no answer that settles it came back (a time-out, a connection broken
    /// after the request left, a 5xx without a documented error, an accepted answer that cannot be read, or your
    /// cancellation after it left): a key may have been issued. Nothing of yours makes a second request safe, so the
    /// SDK neither looks up nor resends. Search with <see cref="ListAsync(BillingKeyFilterInput?, CancellationToken)"/>
    /// (by <see cref="BillingKeyFilterInput.CustomerId"/> when you gave a customer ID; the exception's
    /// <see cref="PortOneOutcomeUnknownException.LookUp"/> says how) before issuing again, and delete a key you do not want.
    /// </exception>
    /// <exception cref="PortOneTimeoutException">Only when <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off: no answer in time; a key may have been issued.</exception>
    /// <remarks>
    /// PG-specific rule the SDK cannot check (it does not know the channel's PG): KG Inicis refuses an API billing-key
    /// issue without the customer's name, phone number and e-mail (<see cref="CustomerInput.Name"/>,
    /// <see cref="CustomerInput.PhoneNumber"/>, <see cref="CustomerInput.Email"/>).
    /// </remarks>
    public virtual async Task<IssueBillingKeyResponse> IssueAsync(IssueBillingKeyRequest request, CancellationToken cancellationToken = default)
    {
        V2Validation.NotNull(request, nameof(request));
        V2Validation.Present(request.Method, nameof(request), "Method");
        request.Validate(nameof(request), string.Empty);
        var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
        var customerId = request.Customer?.Id;
        var startedAt = (_api.Options.TimeProvider ?? System.TimeProvider.System).GetUtcNow();
        var lookUp = customerId is null
            ? $"V2 BillingKeys.ListAsync, for keys issued since {startedAt:yyyy-MM-dd'T'HH:mm:ss'Z'} (no customer ID was given)"
            : $"V2 BillingKeys.ListAsync with BillingKeyFilterInput.CustomerId \"{customerId}\"";
        return await OutcomeResolution.SendOnceAsync(
            new MoneyCall(_api.Options, _api.Logger, _api.Transport, V2Operations.IssueBillingKey, customerId ?? "(none given)", "customer.id"),
            lookUp,
            ct => _api.SendAsync(V2Operations.IssueBillingKey, HttpMethod.Post, "billing-keys", body, V2Api.Models.IssueBillingKeyRequest, V2Api.Models.IssueBillingKeyResponse, V2Accepted.BillingKeyFor(customerId), ct),
            static e => PortOneOutcome.IsAmbiguous(e, static x => x is PortOneApiException { Error: UnknownPortOneError }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches one billing key (<c>GET /billing-keys/{billingKey}</c>), in the configured store when there is one.</summary>
    /// <param name="billingKey">The billing key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key: <see cref="IssuedBillingKeyInfo"/>, <see cref="DeletedBillingKeyInfo"/> or <see cref="UnknownBillingKeyInfo"/>.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="billingKey"/> is empty.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="BillingKeyNotFoundError"/>.</exception>
    public virtual Task<BillingKeyInfo> GetAsync(string billingKey, CancellationToken cancellationToken = default)
    {
        try
        {
            V2Api.RequireId(billingKey, nameof(billingKey));
            var path = V2Api.WithQuery($"billing-keys/{V2Api.Segment(billingKey, nameof(billingKey))}", ("storeId", _api.StoreId));
            return _api.SendAsync(V2Operations.GetBillingKeyInfo, HttpMethod.Get, path, V2Api.Models.BillingKeyInfo, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<BillingKeyInfo>(exception);
        }
    }

    /// <summary>Fetches one page of a billing key search (<c>GET /billing-keys</c>).</summary>
    /// <param name="request">Page, sort order and filter; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys of the page and the page information.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The page number is negative or the size not positive.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="InvalidRequestError"/>.</exception>
    public virtual Task<GetBillingKeyInfosResponse> ListPageAsync(GetBillingKeyInfosRequest? request = null, CancellationToken cancellationToken = default)
    {
        try
        {
            request ??= new GetBillingKeyInfosRequest();
            V2Validation.Page(request.Page, nameof(request));
            var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
            var path = "billing-keys?" + V2Api.RequestBodyQuery(body, V2Api.Models.GetBillingKeyInfosRequest);
            return _api.SendAsync(V2Operations.GetBillingKeyInfos, HttpMethod.Get, path, V2Api.Models.GetBillingKeyInfosResponse, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<GetBillingKeyInfosResponse>(exception);
        }
    }

    /// <summary>Walks every billing key that matches a filter, page by page (<c>GET /billing-keys</c>).</summary>
    /// <param name="filter">The conditions; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The keys, fetched lazily as you enumerate.</returns>
    public virtual IAsyncEnumerable<BillingKeyInfo> ListAsync(BillingKeyFilterInput? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync(new GetBillingKeyInfosRequest { Filter = filter }, cancellationToken);

    /// <summary>Walks every billing key of a search, page by page, starting at the request's page (<c>GET /billing-keys</c>).</summary>
    /// <param name="request">Filter and sort order, and optionally the first page and the page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The keys, fetched lazily as you enumerate.</returns>
    public virtual IAsyncEnumerable<BillingKeyInfo> ListAsync(GetBillingKeyInfosRequest request, CancellationToken cancellationToken = default)
    {
        V2Validation.NotNull(request, nameof(request));
        V2Validation.Page(request.Page, nameof(request));
        return V2Api.PaginateAsync(
            request.Page,
            (page, ct) => ListPageAsync(request.WithPage(page), ct),
            answer => answer.Items,
            answer => answer.Page,
            cancellationToken);
    }

    /// <summary>Deletes a billing key (<c>DELETE /billing-keys/{billingKey}</c>).</summary>
    /// <param name="billingKey">The billing key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When the key was deleted.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="billingKey"/> is empty.</exception>
    /// <exception cref="PortOneApiException">
    /// E.g. <see cref="BillingKeyNotFoundError"/>, <see cref="BillingKeyAlreadyDeletedError"/> (also what a retried
    /// delete sees when the first attempt went through), <see cref="PaymentScheduleAlreadyExistsError"/>, <see cref="PgProviderError"/>.
    /// </exception>
    public virtual Task<DeleteBillingKeyResponse> DeleteAsync(string billingKey, CancellationToken cancellationToken = default) =>
        DeleteAsync(billingKey, new DeleteBillingKeyOptions(), cancellationToken);

    /// <summary>Deletes a billing key with a reason, requester or store (<c>DELETE /billing-keys/{billingKey}</c>).</summary>
    /// <param name="billingKey">The billing key.</param>
    /// <param name="options">Reason, requester, store and webhook settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When the key was deleted.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="billingKey"/> is empty.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="BillingKeyNotFoundError"/>, <see cref="BillingKeyAlreadyDeletedError"/>.</exception>
    public virtual Task<DeleteBillingKeyResponse> DeleteAsync(string billingKey, DeleteBillingKeyOptions options, CancellationToken cancellationToken = default)
    {
        try
        {
            V2Api.RequireId(billingKey, nameof(billingKey));
            V2Validation.NotNull(options, nameof(options));
            var path = V2Api.WithQuery(
                $"billing-keys/{V2Api.Segment(billingKey, nameof(billingKey))}",
                ("storeId", options.StoreId ?? _api.StoreId),
                ("reason", options.Reason),
                ("requester", options.Requester?.Value),
                ("skipWebhook", options.SkipWebhook is { } skip ? (skip ? "true" : "false") : null));
            return _api.SendAsync(V2Operations.DeleteBillingKey, HttpMethod.Delete, path, V2Api.Models.DeleteBillingKeyResponse, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<DeleteBillingKeyResponse>(exception);
        }
    }
}
