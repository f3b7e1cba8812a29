using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>
/// Billing-key charges and payment schedules (<c>/subscribe/payments</c>). A charge call that returns normally
/// has not necessarily charged the card: check <see cref="V1Payment.IsPaid"/>. The calls that charge or schedule
/// settle a lost answer themselves, by <c>merchant_uid</c> (see each one), or throw
/// <see cref="PortOneOutcomeUnknownException"/>.
/// </summary>
public class PortOneV1SubscriptionsClient
{
    // Charging calls are never repeated by the pipeline: a lost answer does not mean a lost charge.
    internal static readonly PortOneOperation OnetimeOperation = new("V1.Subscriptions.Onetime", "/subscribe/payments/onetime", retryable: false);
    internal static readonly PortOneOperation AgainOperation = new("V1.Subscriptions.Again", "/subscribe/payments/again", retryable: false);
    internal static readonly PortOneOperation RetryOperation = new("V1.Subscriptions.Retry", "/subscribe/payments/schedule/{merchant_uid}/retry", retryable: false);

    // Scheduling may issue a billing key and run a test authorization (checking_amount) on the way: not repeated.
    internal static readonly PortOneOperation ScheduleOperation = new("V1.Subscriptions.Schedule", "/subscribe/payments/schedule", retryable: false);

    // Revoking, or setting a schedule's time, twice ends in the same state.
    internal static readonly PortOneOperation UnscheduleOperation = new("V1.Subscriptions.Unschedule", "/subscribe/payments/unschedule", retryable: true);
    internal static readonly PortOneOperation UpdateScheduleOperation = new("V1.Subscriptions.UpdateSchedule", "/subscribe/payments/schedule/{merchant_uid}", retryable: true);
    internal static readonly PortOneOperation RescheduleOperation = new("V1.Subscriptions.Reschedule", "/subscribe/payments/schedule/{merchant_uid}/reschedule", retryable: true);
    internal static readonly PortOneOperation SearchSchedulesOperation = new("V1.Subscriptions.SearchSchedules", "/subscribe/payments/schedule", retryable: true);
    internal static readonly PortOneOperation GetScheduleOperation = new("V1.Subscriptions.GetSchedule", "/subscribe/payments/schedule/{merchant_uid}", retryable: true);
    internal static readonly PortOneOperation ListCustomerSchedulesOperation = new("V1.Subscriptions.ListCustomerSchedules", "/subscribe/payments/schedule/customers/{customer_uid}", retryable: true);

    private readonly V1Api _api;

    internal PortOneV1SubscriptionsClient(V1Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV1SubscriptionsClient()
    {
        _api = null!;
    }

    private TimeProvider Clock => _api.Options.TimeProvider ?? TimeProvider.System;

    /// <summary>
    /// Charges a card given in full, once (<c>POST /subscribe/payments/onetime</c>). Never repeated blindly.
    /// </summary>
    /// <param name="request">The card and the charge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment. <see cref="V1Payment.IsPaid"/> says whether the card was charged; a declined card still returns normally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or its card is null.</exception>
    /// <exception cref="ArgumentException">A blank id, an amount that is not greater than zero, or malformed card data (the message names the field, never its value).</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the request (e.g. the <c>merchant_uid</c> was paid before).</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the card was
    /// charged. Look the payment up later by its <c>merchant_uid</c>; never charge again under another one.
    /// </exception>
    /// <remarks>
    /// When the answer is lost (a time-out, a connection broken after the request left, a 5xx, or a success whose
    /// body cannot be read), the call settles it within <see cref="PortOneClientOptions.Timeout"/> (unless
    /// <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off): it looks up the latest paid payment under the
    /// <c>merchant_uid</c> (<c>GET /payments/find/{merchant_uid}/paid</c>). One for this charge (the same amount) is returned as if
    /// the answer had arrived; none means nothing was paid, and the request is sent again under the same
    /// <c>merchant_uid</c> (three sends at most), which PortOne does not pay twice (its API description says so of
    /// schedules' order ids and asks for a unique one per charge; the SDK relies on it). A refusal answering a resend
    /// is settled by the same lookup and thrown when nothing of this call's is found; a refusal of the first send is
    /// thrown as it is. A declined card is not a lost answer: it comes back as a payment whose status is not paid.
    /// </remarks>
    public virtual Task<V1Payment> OnetimeAsync(OnetimePaymentRequest request, CancellationToken cancellationToken = default)
    {
        V1Validation.NotNull(request, nameof(request)).ValidateCharge(nameof(request));
        V1Validation.NotNull(request.Card, $"{nameof(request)}.{nameof(request.Card)}").Validate($"{nameof(request)}.{nameof(request.Card)}");
        if (request.CustomerUid is not null)
        {
            V1Validation.Id(request.CustomerUid, $"{nameof(request)}.{nameof(request.CustomerUid)} (customer_uid)");
        }

        return V1OutcomeResolver.ChargeAsync(
            _api,
            OnetimeOperation,
            request.MerchantUid,
            ct => V1Calls.SendValueAsync(_api, OnetimeOperation, HttpMethod.Post, "subscribe/payments/onetime", request, V1Api.Json.OnetimePaymentRequest, V1Api.Json.V1Payment, V1Calls.Accepted("merchant_uid", request.MerchantUid), ct),
            paid => paid.Amount == request.Amount,
            cancellationToken);
    }

    /// <summary>Charges a stored billing key now (<c>POST /subscribe/payments/again</c>). Never repeated blindly.</summary>
    /// <param name="request">The customer and the charge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment. <see cref="V1Payment.IsPaid"/> says whether the card was charged; a declined card still returns normally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">A blank id or an amount that is not greater than zero.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the request (e.g. the <c>merchant_uid</c> was paid before).</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the card was
    /// charged. Look the payment up later by its <c>merchant_uid</c>; never charge again under another one.
    /// </exception>
    /// <remarks>
    /// When the answer is lost (a time-out, a connection broken after the request left, a 5xx, or a success whose
    /// body cannot be read), the call settles it within <see cref="PortOneClientOptions.Timeout"/> (unless
    /// <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off): it looks up the latest paid payment under the
    /// <c>merchant_uid</c> (<c>GET /payments/find/{merchant_uid}/paid</c>). One for this charge (the same amount and <c>customer_uid</c>) is returned as if
    /// the answer had arrived; none means nothing was paid, and the request is sent again under the same
    /// <c>merchant_uid</c> (three sends at most), which PortOne does not pay twice (its API description says so of
    /// schedules' order ids and asks for a unique one per charge; the SDK relies on it). A refusal answering a resend
    /// is settled by the same lookup and thrown when nothing of this call's is found; a refusal of the first send is
    /// thrown as it is. A declined card is not a lost answer: it comes back as a payment whose status is not paid.
    /// </remarks>
    public virtual Task<V1Payment> AgainAsync(AgainPaymentRequest request, CancellationToken cancellationToken = default)
    {
        V1Validation.NotNull(request, nameof(request)).ValidateCharge(nameof(request));
        V1Validation.Id(request.CustomerUid, $"{nameof(request)}.{nameof(request.CustomerUid)} (customer_uid)");
        V1Validation.Required(request.Name, $"{nameof(request)}.{nameof(request.Name)} (name)");
        return V1OutcomeResolver.ChargeAsync(
            _api,
            AgainOperation,
            request.MerchantUid,
            ct => V1Calls.SendValueAsync(_api, AgainOperation, HttpMethod.Post, "subscribe/payments/again", request, V1Api.Json.AgainPaymentRequest, V1Api.Json.V1Payment, V1Calls.Accepted("merchant_uid", request.MerchantUid), ct),
            paid => paid.Amount == request.Amount && (paid.CustomerUid is null || paid.CustomerUid == request.CustomerUid),
            cancellationToken);
    }

    /// <summary>Schedules one or more future charges of a customer (<c>POST /subscribe/payments/schedule</c>).</summary>
    /// <param name="request">The customer and the charges.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedules as PortOne stored them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/>, its list or one of its items is null.</exception>
    /// <exception cref="ArgumentException">
    /// No schedules, a blank id, an amount that is not greater than zero, a missing currency or name, a time that is not in the future (by
    /// the client's <see cref="PortOneClientOptions.TimeProvider"/>), or malformed card data.
    /// </exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the request (e.g. a <c>merchant_uid</c> already scheduled for another charge).</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the
    /// schedules were stored. Look them up later with <see cref="GetScheduleAsync"/>; never schedule them again under
    /// other order ids.
    /// </exception>
    /// <remarks>
    /// When the answer is lost, each schedule is looked up by its <c>merchant_uid</c>
    /// (<c>GET /subscribe/payments/schedule/{merchant_uid}</c>) within <see cref="PortOneClientOptions.Timeout"/>:
    /// those found with this customer, amount and time are this call's; the others are sent again (three sends at
    /// most), which cannot book a charge twice because PortOne keeps one schedule per <c>merchant_uid</c>. The answer
    /// lists every schedule in the order of the request. A refusal answering a resend is settled by the same lookups.
    /// </remarks>
    public virtual Task<IReadOnlyList<V1Schedule>> ScheduleAsync(ScheduleRequest request, CancellationToken cancellationToken = default)
    {
        V1Validation.NotNull(request, nameof(request));
        V1Validation.Id(request.CustomerUid, $"{nameof(request)}.{nameof(request.CustomerUid)} (customer_uid)");
        var schedules = V1Validation.NotNull(request.Schedules, $"{nameof(request)}.{nameof(request.Schedules)}");
        if (schedules.Count == 0)
        {
            throw new ArgumentException($"{nameof(request)}.{nameof(request.Schedules)} must contain at least one schedule.", nameof(request));
        }

        var clock = Clock;
        for (var i = 0; i < schedules.Count; i++)
        {
            var owner = $"{nameof(request)}.{nameof(request.Schedules)}[{i}]";
            var item = V1Validation.NotNull(schedules[i], owner);
            item.ValidateCharge(owner);
            V1Validation.Required(item.Currency, $"{owner}.{nameof(item.Currency)} (currency)");
            V1Validation.Required(item.Name, $"{owner}.{nameof(item.Name)} (name)");
            V1Validation.InFuture(item.ScheduleAt, $"{owner}.{nameof(item.ScheduleAt)} (schedule_at)", clock);
        }

        V1Validation.NotNegative(request.CheckingAmount, $"{nameof(request)}.{nameof(request.CheckingAmount)} (checking_amount)");
        request.Card?.Validate($"{nameof(request)}.{nameof(request.Card)}");
        return V1OutcomeResolver.ScheduleAsync(
            _api,
            ScheduleOperation,
            request,
            (items, ct) =>
            {
                var body = ReferenceEquals(items, request.Schedules) ? request : new ScheduleRequest
                {
                    CustomerUid = request.CustomerUid,
                    Schedules = items,
                    CustomerId = request.CustomerId,
                    CheckingAmount = request.CheckingAmount,
                    ChannelKey = request.ChannelKey,
                    Card = request.Card,
                };
                return V1Calls.SendValueAsync(_api, ScheduleOperation, HttpMethod.Post, "subscribe/payments/schedule", body, V1Api.Json.ScheduleRequest, V1Api.Json.IReadOnlyListV1Schedule, V1Calls.Accepted("customer_uid", request.CustomerUid) + " (merchant_uid " + string.Join(", ", items.Select(s => "\"" + s.MerchantUid + "\"")) + ")", ct);
            },
            cancellationToken);
    }

    /// <summary>
    /// Revokes the named schedules (<c>POST /subscribe/payments/unschedule</c> with <c>merchant_uid</c>). To revoke
    /// every schedule of a customer, call <see cref="UnscheduleAllAsync"/>; this method never does that.
    /// </summary>
    /// <param name="customerUid">The customer the schedules belong to; may be null to find them by order id alone.</param>
    /// <param name="merchantUids">The order ids of the schedules to revoke; at least one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revoked schedules.</returns>
    /// <exception cref="ArgumentException">No order ids, or a blank one (or a blank customer id).</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the request (e.g. a schedule that already ran).</exception>
    public virtual Task<IReadOnlyList<V1Schedule>> UnscheduleAsync(string? customerUid, IEnumerable<string> merchantUids, CancellationToken cancellationToken = default)
    {
        if (customerUid is not null)
        {
            V1Validation.Id(customerUid, nameof(customerUid));
        }

        var body = new UnscheduleWire { CustomerUid = customerUid, MerchantUid = V1Validation.Ids(merchantUids, nameof(merchantUids)) };
        return SendUnscheduleAsync(body, cancellationToken);
    }

    /// <summary>
    /// Revokes every pending schedule of a customer (<c>POST /subscribe/payments/unschedule</c> without
    /// <c>merchant_uid</c>). Use <see cref="UnscheduleAsync"/> to revoke particular ones.
    /// </summary>
    /// <param name="customerUid">The customer whose schedules are all revoked.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revoked schedules.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the request.</exception>
    public virtual Task<IReadOnlyList<V1Schedule>> UnscheduleAllAsync(string customerUid, CancellationToken cancellationToken = default) =>
        SendUnscheduleAsync(new UnscheduleWire { CustomerUid = V1Validation.Id(customerUid, nameof(customerUid)) }, cancellationToken);

    /// <summary>One page of the account's schedules due in a window (<c>GET /subscribe/payments/schedule</c>).</summary>
    /// <param name="search">The window, and optional status, page size and order.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; follow <see cref="V1Page{T}.Next"/> for more.</returns>
    /// <exception cref="ArgumentException">A window that ends before it starts, or a page size outside 1–1000.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the query.</exception>
    public virtual Task<V1Page<V1Schedule>> SearchSchedulesPageAsync(V1ScheduleSearch search, int page = 1, CancellationToken cancellationToken = default)
    {
        V1Validation.NotNull(search, nameof(search)).Validate();
        V1Paging.ThrowIfInvalidPage(page);
        var uri = new V1Query("subscribe/payments/schedule")
            .Add("schedule_from", search.From)
            .Add("schedule_to", search.To)
            .Add("schedule_status", search.Status?.Value)
            .Add("page", page)
            .Add("limit", search.Limit)
            .Add("sorting", search.Sorting)
            .ToString();
        return V1Calls.GetValueAsync(_api, SearchSchedulesOperation, HttpMethod.Get, uri, V1Api.Json.V1PageV1Schedule, cancellationToken);
    }

    /// <summary>Every schedule of the account due in a window, fetching page after page as you read.</summary>
    /// <param name="search">The window, and optional status, page size and order.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The schedules.</returns>
    /// <exception cref="ArgumentException">A bad search (thrown by this call, before any request).</exception>
    /// <exception cref="PortOneV1ApiException">A page was refused.</exception>
    public virtual IAsyncEnumerable<V1Schedule> SearchSchedulesAsync(V1ScheduleSearch search, CancellationToken cancellationToken = default)
    {
        V1Validation.NotNull(search, nameof(search)).Validate();
        return V1Paging.EnumerateAsync((page, ct) => SearchSchedulesPageAsync(search, page, ct), cancellationToken);
    }

    /// <summary>Gets one schedule by its order id (<c>GET /subscribe/payments/schedule/{merchant_uid}</c>).</summary>
    /// <param name="merchantUid">The schedule's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException"><paramref name="merchantUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">Not found (HTTP 404) or refused.</exception>
    public virtual Task<V1Schedule> GetScheduleAsync(string merchantUid, CancellationToken cancellationToken = default) =>
        V1Calls.GetValueAsync(_api, GetScheduleOperation, HttpMethod.Get, SchedulePath(merchantUid), V1Api.Json.V1Schedule, cancellationToken);

    /// <summary>Moves a pending schedule to a new time (<c>PUT /subscribe/payments/schedule/{merchant_uid}</c>).</summary>
    /// <param name="merchantUid">The schedule's order id.</param>
    /// <param name="scheduleAt">The new time; must be in the future.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated schedule.</returns>
    /// <exception cref="ArgumentException">A blank id or a time that is not in the future.</exception>
    /// <exception cref="PortOneV1ApiException">Not found, already run, or refused.</exception>
    public virtual Task<V1Schedule> UpdateScheduleAsync(string merchantUid, DateTimeOffset scheduleAt, CancellationToken cancellationToken = default) =>
        SendScheduleTimeAsync(UpdateScheduleOperation, HttpMethod.Put, SchedulePath(merchantUid), scheduleAt, cancellationToken);

    /// <summary>
    /// Sets a failed schedule to run again at a given time (<c>POST /subscribe/payments/schedule/{merchant_uid}/reschedule</c>).
    /// </summary>
    /// <param name="merchantUid">The schedule's order id.</param>
    /// <param name="scheduleAt">When to try again; must be in the future.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule as it now stands.</returns>
    /// <exception cref="ArgumentException">A blank id or a time that is not in the future.</exception>
    /// <exception cref="PortOneV1ApiException">Not found, not failed, or refused.</exception>
    public virtual Task<V1Schedule> RescheduleAsync(string merchantUid, DateTimeOffset scheduleAt, CancellationToken cancellationToken = default) =>
        SendScheduleTimeAsync(RescheduleOperation, HttpMethod.Post, SchedulePath(merchantUid) + "/reschedule", scheduleAt, cancellationToken);

    /// <summary>
    /// Charges a failed schedule again right now (<c>POST /subscribe/payments/schedule/{merchant_uid}/retry</c>).
    /// Never retried automatically.
    /// </summary>
    /// <param name="merchantUid">The schedule's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment. <see cref="V1Payment.IsPaid"/> says whether the card was charged this time.</returns>
    /// <exception cref="ArgumentException"><paramref name="merchantUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">Not found, not failed, or refused.</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the card was
    /// charged. Look the payment up later by its <c>merchant_uid</c>; never charge again under another one.
    /// </exception>
    /// <remarks>
    /// When the answer is lost (a time-out, a connection broken after the request left, a 5xx, or a success whose
    /// body cannot be read), the call settles it within <see cref="PortOneClientOptions.Timeout"/> (unless
    /// <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off): it looks up the latest paid payment under the
    /// <c>merchant_uid</c> (<c>GET /payments/find/{merchant_uid}/paid</c>). One (the schedule's charge) is returned as if
    /// the answer had arrived; none means nothing was paid, and the request is sent again under the same
    /// <c>merchant_uid</c> (three sends at most), which PortOne does not pay twice (its API description says so of
    /// schedules' order ids and asks for a unique one per charge; the SDK relies on it). A refusal answering a resend
    /// is settled by the same lookup and thrown when nothing of this call's is found; a refusal of the first send is
    /// thrown as it is. A declined card is not a lost answer: it comes back as a payment whose status is not paid.
    /// </remarks>
    public virtual Task<V1Payment> RetryScheduleAsync(string merchantUid, CancellationToken cancellationToken = default)
    {
        var path = SchedulePath(merchantUid) + "/retry";
        return V1OutcomeResolver.ChargeAsync(
            _api,
            RetryOperation,
            merchantUid,
            ct => V1Calls.GetValueAsync(_api, RetryOperation, HttpMethod.Post, path, V1Api.Json.V1Payment, V1Calls.Accepted("merchant_uid", merchantUid), ct),
            static _ => true,
            cancellationToken);
    }

    /// <summary>
    /// One page of a customer's schedules due in a window (<c>GET /subscribe/payments/schedule/customers/{customer_uid}</c>;
    /// the same search as <see cref="PortOneV1CustomersClient.ListSchedulesPageAsync"/>).
    /// </summary>
    /// <param name="customerUid">The customer.</param>
    /// <param name="query">The window (<c>from</c>/<c>to</c>) and an optional status.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; follow <see cref="V1Page{T}.Next"/> for more.</returns>
    /// <exception cref="ArgumentException">A blank id or a window that ends before it starts.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the query.</exception>
    public virtual Task<V1Page<V1Schedule>> ListCustomerSchedulesPageAsync(string customerUid, V1CustomerScheduleQuery query, int page = 1, CancellationToken cancellationToken = default) =>
        V1Calls.CustomerSchedulesPageAsync(_api, ListCustomerSchedulesOperation, CustomerSchedulesPath(customerUid), query, page, cancellationToken);

    /// <summary>Every schedule of a customer due in a window, fetching page after page as you read.</summary>
    /// <param name="customerUid">The customer.</param>
    /// <param name="query">The window and an optional status.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The schedules.</returns>
    /// <exception cref="ArgumentException">A blank id or a bad window (thrown by this call, before any request).</exception>
    /// <exception cref="PortOneV1ApiException">A page was refused.</exception>
    public virtual IAsyncEnumerable<V1Schedule> ListCustomerSchedulesAsync(string customerUid, V1CustomerScheduleQuery query, CancellationToken cancellationToken = default)
    {
        CustomerSchedulesPath(customerUid);
        V1Validation.NotNull(query, nameof(query)).Validate();
        return V1Paging.EnumerateAsync((page, ct) => ListCustomerSchedulesPageAsync(customerUid, query, page, ct), cancellationToken);
    }

    private static string SchedulePath(string merchantUid) =>
        "subscribe/payments/schedule/" + V1Api.Segment(V1Validation.Id(merchantUid, nameof(merchantUid)));

    private static string CustomerSchedulesPath(string customerUid) =>
        "subscribe/payments/schedule/customers/" + V1Api.Segment(V1Validation.Id(customerUid, nameof(customerUid)));

    private Task<IReadOnlyList<V1Schedule>> SendUnscheduleAsync(UnscheduleWire body, CancellationToken cancellationToken) =>
        V1Calls.SendValueAsync(_api, UnscheduleOperation, HttpMethod.Post, "subscribe/payments/unschedule", body, V1Api.Json.UnscheduleWire, V1Api.Json.IReadOnlyListV1Schedule, cancellationToken);

    private Task<V1Schedule> SendScheduleTimeAsync(PortOneOperation operation, HttpMethod method, string path, DateTimeOffset scheduleAt, CancellationToken cancellationToken)
    {
        V1Validation.InFuture(scheduleAt, $"{nameof(scheduleAt)} (schedule_at)", Clock);
        return V1Calls.SendValueAsync(_api, operation, method, path, new ScheduleTimeWire { ScheduleAt = scheduleAt }, V1Api.Json.ScheduleTimeWire, V1Api.Json.V1Schedule, cancellationToken);
    }
}
