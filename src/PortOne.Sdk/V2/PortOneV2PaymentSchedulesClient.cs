using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// V2 payment schedules (<c>portone.PaymentSchedules</c>): book a billing-key payment for a later time, look
/// schedules up, search them, revoke them. PortOne runs a due schedule itself and reports it by webhook.
/// </summary>
public partial class PortOneV2PaymentSchedulesClient
{
    private readonly V2Api _api;

    internal PortOneV2PaymentSchedulesClient(V2Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV2PaymentSchedulesClient()
    {
        _api = null!;
    }

    /// <summary>Books a billing-key payment for a later time (<c>POST /payments/{paymentId}/schedule</c>).</summary>
    /// <param name="paymentId">The payment ID the scheduled payment will have; one schedule per payment ID.</param>
    /// <param name="request">The payment to run (<see cref="CreatePaymentScheduleRequest.Payment"/>) and when (<see cref="CreatePaymentScheduleRequest.TimeToPay"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new schedule's ID.</returns>
    /// <exception cref="System.ArgumentException">An ID, the payment, its billing key, order name, amount or currency, or the time is missing, or the amount's tax-free part and VAT together exceed its total. Nothing is sent then.</exception>
    /// <exception cref="PortOneApiException">
    /// E.g. <see cref="PaymentScheduleAlreadyExistsError"/> (a schedule of another charge exists under this payment
    /// ID), <see cref="AlreadyPaidOrWaitingError"/>, <see cref="BillingKeyNotFoundError"/>, <see cref="BillingKeyAlreadyDeletedError"/>.
    /// </exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the
    /// schedule was booked. Search the billing key's schedules later; never book it again under another payment ID.
    /// </exception>
    /// <remarks>
    /// PortOne keeps one schedule per payment ID, so a repeat cannot book a second charge. When the answer is lost
    /// (after the pipeline's own retries), the call searches the billing key's schedules due at
    /// <see cref="CreatePaymentScheduleRequest.TimeToPay"/> within <see cref="PortOneClientOptions.Timeout"/>: one under
    /// this payment ID with the same billing key, total, currency and time is returned as if its answer had arrived;
    /// none means the request did not land, and it is sent again (three sends at most). A
    /// <see cref="PaymentScheduleAlreadyExistsError"/> is settled by the same search, also on the first send (the
    /// pipeline's retry may have been the repeat): the existing schedule is returned when it is this one, and the
    /// error is thrown when it is another. Off with <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/>.
    /// <para>
    /// PG-specific rule the SDK cannot check (it does not know the channel's PG): the scheduled payment is a
    /// billing-key payment, and KG Inicis refuses one without the customer's name, phone number and e-mail
    /// (<see cref="CustomerInput.Name"/>, <see cref="CustomerInput.PhoneNumber"/>, <see cref="CustomerInput.Email"/>).
    /// </para>
    /// </remarks>
    public virtual async Task<CreatePaymentScheduleResponse> CreateAsync(string paymentId, CreatePaymentScheduleRequest request, CancellationToken cancellationToken = default)
    {
        V2Api.RequireId(paymentId, nameof(paymentId));
        V2Validation.NotNull(request, nameof(request));
        V2Validation.Present(request.Payment, nameof(request), "Payment");
        V2Validation.Text(request.Payment.BillingKey, nameof(request), "Payment.BillingKey");
        V2Validation.Text(request.Payment.OrderName, nameof(request), "Payment.OrderName");
        V2Validation.Amount(request.Payment.Amount, nameof(request), "Payment.Amount");
        V2Validation.Currency(request.Payment.Currency, nameof(request), "Payment.Currency");
        V2Validation.Time(request.TimeToPay, nameof(request), "TimeToPay");
        request.Validate(nameof(request), string.Empty);
        var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
        var path = $"payments/{V2Api.Segment(paymentId, nameof(paymentId))}/schedule";
        return await V2ScheduleResolver.CreateAsync(
            _api,
            V2Operations.CreatePaymentSchedule,
            paymentId,
            request,
            ct => _api.SendAsync(V2Operations.CreatePaymentSchedule, HttpMethod.Post, path, body, V2Api.Models.CreatePaymentScheduleRequest, V2Api.Models.CreatePaymentScheduleResponse, V2Accepted.Payment(paymentId), ct),
            (search, ct) => _api.SendAsync(V2Operations.GetPaymentSchedules, HttpMethod.Get, "payment-schedules?" + V2Api.RequestBodyQuery(search, V2Api.Models.GetPaymentSchedulesRequest), V2Api.Models.GetPaymentSchedulesResponse, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches one schedule (<c>GET /payment-schedules/{paymentScheduleId}</c>), in the configured store when there is one.</summary>
    /// <param name="paymentScheduleId">The schedule ID (from <see cref="CreateAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule; switch on its type (<see cref="ScheduledPaymentSchedule"/>, <see cref="SucceededPaymentSchedule"/>, …).</returns>
    /// <exception cref="System.ArgumentException"><paramref name="paymentScheduleId"/> is empty.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="PaymentScheduleNotFoundError"/>.</exception>
    public virtual Task<PaymentSchedule> GetAsync(string paymentScheduleId, CancellationToken cancellationToken = default)
    {
        try
        {
            V2Api.RequireId(paymentScheduleId, nameof(paymentScheduleId));
            var path = V2Api.WithQuery($"payment-schedules/{V2Api.Segment(paymentScheduleId, nameof(paymentScheduleId))}", ("storeId", _api.StoreId));
            return _api.SendAsync(V2Operations.GetPaymentSchedule, HttpMethod.Get, path, V2Api.Models.PaymentSchedule, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<PaymentSchedule>(exception);
        }
    }

    /// <summary>Fetches one page of a schedule search (<c>GET /payment-schedules</c>).</summary>
    /// <param name="request">Page, sort order and filter; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedules of the page and the page information.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The page number is negative or the size not positive.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="InvalidRequestError"/>.</exception>
    /// <remarks>
    /// Without <see cref="PaymentScheduleFilterInput.From"/>/<see cref="PaymentScheduleFilterInput.Until"/> the server
    /// searches a window in the past only; set them to find schedules that are still to run.
    /// </remarks>
    public virtual Task<GetPaymentSchedulesResponse> ListPageAsync(GetPaymentSchedulesRequest? request = null, CancellationToken cancellationToken = default)
    {
        try
        {
            request ??= new GetPaymentSchedulesRequest();
            V2Validation.Page(request.Page, nameof(request));
            var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
            var path = "payment-schedules?" + V2Api.RequestBodyQuery(body, V2Api.Models.GetPaymentSchedulesRequest);
            return _api.SendAsync(V2Operations.GetPaymentSchedules, HttpMethod.Get, path, V2Api.Models.GetPaymentSchedulesResponse, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<GetPaymentSchedulesResponse>(exception);
        }
    }

    /// <summary>Walks every schedule that matches a filter, page by page (<c>GET /payment-schedules</c>).</summary>
    /// <param name="filter">The conditions; null for the server's defaults (which look at the past only).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The schedules, fetched lazily as you enumerate.</returns>
    public virtual IAsyncEnumerable<PaymentSchedule> ListAsync(PaymentScheduleFilterInput? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync(new GetPaymentSchedulesRequest { Filter = filter }, cancellationToken);

    /// <summary>Walks every schedule of a search, page by page, starting at the request's page (<c>GET /payment-schedules</c>).</summary>
    /// <param name="request">Filter and sort order, and optionally the first page and the page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The schedules, fetched lazily as you enumerate.</returns>
    public virtual IAsyncEnumerable<PaymentSchedule> ListAsync(GetPaymentSchedulesRequest request, CancellationToken cancellationToken = default)
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

    /// <summary>Revokes schedules that have not run yet (<c>DELETE /payment-schedules</c>).</summary>
    /// <param name="request">
    /// Which schedules: <see cref="RevokePaymentSchedulesRequest.ScheduleIds"/>, or every schedule of
    /// <see cref="RevokePaymentSchedulesRequest.BillingKey"/>; with both, the listed schedules, which must belong to that key.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The IDs of the revoked schedules. If any one schedule cannot be revoked, none is.</returns>
    /// <exception cref="System.ArgumentException">Neither a billing key nor a schedule ID was given.</exception>
    /// <exception cref="PortOneApiException">
    /// E.g. <see cref="PaymentScheduleNotFoundError"/>, <see cref="PaymentScheduleAlreadyProcessedError"/>,
    /// <see cref="PaymentScheduleAlreadyRevokedError"/>, <see cref="BillingKeyNotFoundError"/>.
    /// </exception>
    public virtual Task<RevokePaymentSchedulesResponse> RevokeAsync(RevokePaymentSchedulesRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            V2Validation.NotNull(request, nameof(request));
            if (string.IsNullOrWhiteSpace(request.BillingKey) && (request.ScheduleIds is null || request.ScheduleIds.Count == 0))
            {
                throw new System.ArgumentException("Give BillingKey, ScheduleIds or both.", nameof(request));
            }

            if (request.ScheduleIds is not null && request.ScheduleIds.Any(string.IsNullOrWhiteSpace))
            {
                throw new System.ArgumentException("ScheduleIds must not hold empty IDs.", nameof(request));
            }

            var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
            var path = "payment-schedules?" + V2Api.RequestBodyQuery(body, V2Api.Models.RevokePaymentSchedulesRequest);
            return _api.SendAsync(V2Operations.RevokePaymentSchedules, HttpMethod.Delete, path, V2Api.Models.RevokePaymentSchedulesResponse, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<RevokePaymentSchedulesResponse>(exception);
        }
    }
}
