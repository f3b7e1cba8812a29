using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>
/// Billing-key customers (<c>/subscribe/customers</c>): issue a billing key from card data under your own
/// <c>customer_uid</c>, look it up, delete it, and list what was charged or scheduled on it.
/// </summary>
public class PortOneV1CustomersClient
{
    internal static readonly PortOneOperation GetManyOperation = new("V1.Customers.GetMany", "/subscribe/customers", retryable: true);
    internal static readonly PortOneOperation GetOperation = new("V1.Customers.Get", "/subscribe/customers/{customer_uid}", retryable: true);

    // Issuing goes to the PG with the card; a repeat after a lost answer could issue a second key there. Not retried:
    // on a time-out, GetAsync tells whether the key exists.
    internal static readonly PortOneOperation SaveOperation = new("V1.Customers.Save", "/subscribe/customers/{customer_uid}", retryable: false);

    // Deleting twice ends in the same state (the repeat may answer 404).
    internal static readonly PortOneOperation DeleteOperation = new("V1.Customers.Delete", "/subscribe/customers/{customer_uid}", retryable: true);
    internal static readonly PortOneOperation ListPaymentsOperation = new("V1.Customers.ListPayments", "/subscribe/customers/{customer_uid}/payments", retryable: true);
    internal static readonly PortOneOperation ListSchedulesOperation = new("V1.Customers.ListSchedules", "/subscribe/customers/{customer_uid}/schedules", retryable: true);

    private readonly V1Api _api;

    internal PortOneV1CustomersClient(V1Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV1CustomersClient()
    {
        _api = null!;
    }

    /// <summary>Looks up several billing-key customers at once (<c>GET /subscribe/customers?customer_uid[]=…</c>).</summary>
    /// <param name="customerUids">The ids to look up; at least one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The customers found and the requested ids that were not (unknown, deleted or not visible to this account).
    /// "None found" is an empty <see cref="V1LookupResult{T}.Found"/> with every id in
    /// <see cref="V1LookupResult{T}.Missing"/>, not an exception.
    /// </returns>
    /// <exception cref="System.ArgumentException">No ids, or a blank one.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the call (other than "not found").</exception>
    public virtual Task<V1LookupResult<V1Customer>> GetManyAsync(IEnumerable<string> customerUids, CancellationToken cancellationToken = default)
    {
        var ids = V1Validation.Ids(customerUids, nameof(customerUids));
        return V1Calls.LookupAsync(_api, GetManyOperation, "subscribe/customers", "customer_uid[]", ids, V1Api.Json.IReadOnlyListV1Customer, c => c.CustomerUid, cancellationToken);
    }

    /// <summary>Gets one billing-key customer (<c>GET /subscribe/customers/{customer_uid}</c>).</summary>
    /// <param name="customerUid">Your id of the customer's card.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer, an ordinary or a smart-routing billing key.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="customerUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">Not found (HTTP 404) or refused.</exception>
    public virtual Task<V1Customer> GetAsync(string customerUid, CancellationToken cancellationToken = default) =>
        V1Calls.GetValueAsync(_api, GetOperation, HttpMethod.Get, CustomerPath(customerUid), V1Api.Json.V1Customer, cancellationToken);

    /// <summary>
    /// Issues a billing key from card data and stores it as <paramref name="customerUid"/>, replacing any card
    /// stored there before (<c>POST /subscribe/customers/{customer_uid}</c>). Not retried automatically.
    /// </summary>
    /// <param name="customerUid">Your id for this customer's card; at most 80 characters.</param>
    /// <param name="request">The card and the holder's details.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored customer.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="request"/> or its card is null.</exception>
    /// <exception cref="System.ArgumentException">A blank id, or a malformed card number, expiry, birth, password or CVC (the message names the field, never its value).</exception>
    /// <exception cref="PortOneV1ApiException">The PG or PortOne refused the card.</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne and no answer that settles it came back (a time-out, a connection broken
    /// after the request left, a 5xx, a success whose body cannot be read, or your cancellation after it left): the
    /// card may or may not be stored under <paramref name="customerUid"/>. Saving goes to the PG with the card, and
    /// PortOne documents no check that would make a second save harmless (it may issue a second key at the PG), so the
    /// SDK neither looks up nor resends. Check with <see cref="GetAsync"/> (the masked card number and the
    /// <c>updated</c> time tell whether your save took effect) before saving again.
    /// </exception>
    public virtual Task<V1Customer> SaveAsync(string customerUid, SaveCustomerRequest request, CancellationToken cancellationToken = default)
    {
        var path = CustomerPath(customerUid);
        V1Validation.NotNull(request, nameof(request));
        V1Validation.NotNull(request.Card, $"{nameof(request)}.{nameof(request.Card)}").Validate($"{nameof(request)}.{nameof(request.Card)}");
        return OutcomeResolution.SendOnceAsync(
            new MoneyCall(_api.Options, _api.Logger, _api.Transport, SaveOperation, customerUid, "customer_uid"),
            "V1 Customers.GetAsync(customer_uid), comparing its card and updated time with what you sent",
            ct => V1Calls.SendValueAsync(_api, SaveOperation, HttpMethod.Post, path, request, V1Api.Json.SaveCustomerRequest, V1Api.Json.V1Customer, V1Calls.Accepted("customer_uid", customerUid), ct),
            V1OutcomeResolver.Ambiguous,
            cancellationToken);
    }

    /// <summary>Deletes a billing key (<c>DELETE /subscribe/customers/{customer_uid}</c>).</summary>
    /// <param name="customerUid">Your id of the customer's card.</param>
    /// <param name="reason">Why, kept with the deletion; optional.</param>
    /// <param name="requester">Who asked (<c>customer</c> or <c>admin</c>), for PGs that want to know (Naver Pay); optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer as it was when deleted.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="customerUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">Not found (HTTP 404) or refused.</exception>
    public virtual Task<V1Customer> DeleteAsync(string customerUid, string? reason = null, string? requester = null, CancellationToken cancellationToken = default)
    {
        var uri = new V1Query(CustomerPath(customerUid)).Add("reason", reason).Add("extra[requester]", requester).ToString();
        return V1Calls.GetValueAsync(_api, DeleteOperation, HttpMethod.Delete, uri, V1Api.Json.V1Customer, cancellationToken);
    }

    /// <summary>One page of the payments made with a billing key (<c>GET /subscribe/customers/{customer_uid}/payments</c>).</summary>
    /// <param name="customerUid">Your id of the customer's card.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; follow <see cref="V1Page{T}.Next"/> for more.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="customerUid"/> is blank.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="page"/> is below 1.</exception>
    /// <exception cref="PortOneV1ApiException">Unknown customer (HTTP 404) or refused.</exception>
    public virtual Task<V1Page<V1Payment>> ListPaymentsPageAsync(string customerUid, int page = 1, CancellationToken cancellationToken = default)
    {
        var path = CustomerPath(customerUid) + "/payments";
        V1Paging.ThrowIfInvalidPage(page);
        return V1Calls.GetValueAsync(_api, ListPaymentsOperation, HttpMethod.Get, new V1Query(path).Add("page", page).ToString(), V1Api.Json.V1PageV1Payment, cancellationToken);
    }

    /// <summary>Every payment made with a billing key, fetching page after page as you read.</summary>
    /// <param name="customerUid">Your id of the customer's card.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The payments, newest first as PortOne orders them.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="customerUid"/> is blank (thrown by this call, before any request).</exception>
    /// <exception cref="PortOneV1ApiException">A page was refused.</exception>
    public virtual IAsyncEnumerable<V1Payment> ListPaymentsAsync(string customerUid, CancellationToken cancellationToken = default)
    {
        CustomerPath(customerUid);
        return V1Paging.EnumerateAsync((page, ct) => ListPaymentsPageAsync(customerUid, page, ct), cancellationToken);
    }

    /// <summary>One page of a customer's schedules due in a window (<c>GET /subscribe/customers/{customer_uid}/schedules</c>).</summary>
    /// <param name="customerUid">Your id of the customer's card.</param>
    /// <param name="query">The window (<c>from</c>/<c>to</c>) and an optional status.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; follow <see cref="V1Page{T}.Next"/> for more.</returns>
    /// <exception cref="System.ArgumentException">A blank id or a window that ends before it starts.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the query (e.g. a window that is too long).</exception>
    public virtual Task<V1Page<V1Schedule>> ListSchedulesPageAsync(string customerUid, V1CustomerScheduleQuery query, int page = 1, CancellationToken cancellationToken = default) =>
        V1Calls.CustomerSchedulesPageAsync(_api, ListSchedulesOperation, CustomerPath(customerUid) + "/schedules", query, page, cancellationToken);

    /// <summary>Every schedule of a customer due in a window, fetching page after page as you read.</summary>
    /// <param name="customerUid">Your id of the customer's card.</param>
    /// <param name="query">The window and an optional status.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The schedules.</returns>
    /// <exception cref="System.ArgumentException">A blank id or a bad window (thrown by this call, before any request).</exception>
    /// <exception cref="PortOneV1ApiException">A page was refused.</exception>
    public virtual IAsyncEnumerable<V1Schedule> ListSchedulesAsync(string customerUid, V1CustomerScheduleQuery query, CancellationToken cancellationToken = default)
    {
        CustomerPath(customerUid);
        V1Validation.NotNull(query, nameof(query)).Validate();
        return V1Paging.EnumerateAsync((page, ct) => ListSchedulesPageAsync(customerUid, query, page, ct), cancellationToken);
    }

    private static string CustomerPath(string customerUid) =>
        "subscribe/customers/" + V1Api.Segment(V1Validation.Id(customerUid, nameof(customerUid)));
}
