using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>The call shapes the V1 resource clients share: a required answer, a batch lookup, a schedule window.</summary>
internal static class V1Calls
{
    // The four below hand back the transport's task: the envelope is opened and its response required in the
    // transport's own async step, so a call has no state machine of its own and an error is not thrown twice.

    /// <summary>Sends a call without a body whose answer must carry a <c>response</c>.</summary>
    public static Task<T> GetValueAsync<T>(V1Api api, PortOneOperation operation, HttpMethod method, string relativeUri, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        api.SendForValueAsync(operation, method, relativeUri, responseType, accepted: null, cancellationToken);

    /// <summary>Sends a call without a body that moves money; the answer must carry a <c>response</c>.</summary>
    public static Task<T> GetValueAsync<T>(V1Api api, PortOneOperation operation, HttpMethod method, string relativeUri, JsonTypeInfo<T> responseType, string accepted, CancellationToken cancellationToken) =>
        api.SendForValueAsync(operation, method, relativeUri, responseType, accepted, cancellationToken);

    /// <summary>Sends a JSON body; the answer must carry a <c>response</c>.</summary>
    public static Task<TResponse> SendValueAsync<TRequest, TResponse>(V1Api api, PortOneOperation operation, HttpMethod method, string relativeUri, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TRequest : class =>
        api.SendForValueAsync(operation, method, relativeUri, body, requestType, responseType, accepted: null, cancellationToken);

    /// <summary>
    /// Sends a JSON body that moves money or stores a card; the answer must carry a <c>response</c>. An answer that
    /// cannot be read after PortOne accepted the request says so, naming <paramref name="accepted"/>.
    /// </summary>
    public static Task<TResponse> SendValueAsync<TRequest, TResponse>(V1Api api, PortOneOperation operation, HttpMethod method, string relativeUri, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, string accepted, CancellationToken cancellationToken)
        where TRequest : class =>
        api.SendForValueAsync(operation, method, relativeUri, body, requestType, responseType, accepted, cancellationToken);

    /// <summary>How an accepted-but-unreadable message names a V1 id (merchant-chosen, never card data).</summary>
    public static string Accepted(string field, string? value) => $"{field} \"{value}\"";

    /// <summary>
    /// Looks up several ids in one call (<c>key[]=a&amp;key[]=b</c>). 200 and 207 give what was found; the ids not
    /// returned are reported as missing. A 404 means none was found: an empty result, not an exception.
    /// </summary>
    public static async Task<V1LookupResult<T>> LookupAsync<T>(
        V1Api api,
        PortOneOperation operation,
        string path,
        string queryName,
        IReadOnlyList<string> ids,
        JsonTypeInfo<IReadOnlyList<T>> responseType,
        Func<T, string?> idOf,
        CancellationToken cancellationToken)
    {
        var uri = new V1Query(path).AddEach(queryName, ids).ToString();
        IReadOnlyList<T> found;
        try
        {
            var result = await api.SendAsync(operation, HttpMethod.Get, uri, responseType, cancellationToken).ConfigureAwait(false);
            found = result.Value ?? Array.Empty<T>();
        }
        catch (PortOneV1ApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            found = Array.Empty<T>();
        }

        var returned = new HashSet<string>(found.Select(idOf).Where(id => id is not null)!, StringComparer.Ordinal);
        var missing = ids.Where(id => !returned.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        return new V1LookupResult<T>(found, missing);
    }

    /// <summary>One page of a customer's schedules; both per-customer endpoints take the same query.</summary>
    public static Task<V1Page<V1Schedule>> CustomerSchedulesPageAsync(V1Api api, PortOneOperation operation, string path, V1CustomerScheduleQuery query, int page, CancellationToken cancellationToken)
    {
        V1Validation.NotNull(query, nameof(query)).Validate();
        V1Paging.ThrowIfInvalidPage(page);
        var uri = new V1Query(path)
            .Add("from", query.From)
            .Add("to", query.To)
            .Add("schedule-status", query.Status?.Value)
            .Add("page", page)
            .ToString();
        return GetValueAsync(api, operation, HttpMethod.Get, uri, V1Api.Json.V1PageV1Schedule, cancellationToken);
    }
}
