using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// V2 payments (<c>portone.Payments</c>): charge a billing key, charge card data or issue a virtual account
/// directly, look payments up, search them, cancel them.
/// </summary>
/// <remarks>
/// The charging calls (<see cref="PayWithBillingKeyAsync"/>, <see cref="PayInstantlyAsync"/>) are never repeated
/// blindly. When their answer is lost, they settle the outcome themselves (unless
/// <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off): they look the payment up by its ID and send
/// again under the same ID only when PortOne shows no payment, which it never pays twice. They return the charge
/// PortOne made, throw the refusal it recorded, or throw <see cref="PortOneOutcomeUnknownException"/>.
/// <see cref="CancelAsync"/> settles a lost answer too, by the cancellable amount PortOne checks.
/// </remarks>
public partial class PortOneV2PaymentsClient
{
    private readonly V2Api _api;

    internal PortOneV2PaymentsClient(V2Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV2PaymentsClient()
    {
        _api = null!;
    }

    /// <summary>Charges a billing key now (<c>POST /payments/{paymentId}/billing-key</c>).</summary>
    /// <param name="paymentId">The payment ID you choose; it must not have been paid before.</param>
    /// <param name="request">What to charge: billing key, order name, amount, currency, …</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gateway's transaction ID and the time of payment. Fetch the payment for everything else.</returns>
    /// <exception cref="System.ArgumentException">
    /// An ID, the billing key, the order name, the amount or the currency is missing or invalid, or the amount's
    /// tax-free part and VAT together exceed its total. Nothing is sent then.
    /// </exception>
    /// <exception cref="PortOneApiException">
    /// The API refused: e.g. <see cref="AlreadyPaidError"/>, <see cref="BillingKeyNotFoundError"/>,
    /// <see cref="BillingKeyAlreadyDeletedError"/>, <see cref="PgProviderError"/> (the card was declined; see its
    /// <see cref="PgProviderError.PgCode"/>).
    /// </exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the card was
    /// charged. Look the payment up later; never charge again under another payment ID.
    /// </exception>
    /// <exception cref="PortOneTimeoutException">Only when <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off: no answer in time; whether the card was charged is unknown.</exception>
    /// <remarks>
    /// <para>
    /// When the answer is lost (a time-out, a connection broken after the request left, a 5xx without a documented
    /// error, or a success whose body cannot be read), the call looks the payment up and settles it within
    /// <see cref="PortOneClientOptions.Timeout"/>: a paid payment for the same amount, currency and billing key is
    /// returned as if its answer had arrived (its gateway transaction ID and time of payment); a failed one is
    /// thrown as a <see cref="PortOneApiException"/> whose <see cref="PgProviderError"/> carries the gateway's code
    /// and message as PortOne recorded them; no payment, or one not attempted yet, is sent again under the same ID
    /// (three sends at most); a paid payment for another charge is thrown as <see cref="AlreadyPaidError"/> (this
    /// call charged nothing). An <see cref="AlreadyPaidError"/> answering the first send is thrown as it is: the
    /// payment ID was used before.
    /// </para>
    /// <para>Cancelling the call once the request may have left also ends in <see cref="PortOneOutcomeUnknownException"/>.</para>
    /// <para>
    /// PG-specific rule the SDK cannot check (it does not know the channel's PG): KG Inicis refuses a billing-key
    /// payment without the customer's name, phone number and e-mail (<see cref="CustomerInput.Name"/>,
    /// <see cref="CustomerInput.PhoneNumber"/>, <see cref="CustomerInput.Email"/>).
    /// </para>
    /// </remarks>
    public virtual async Task<PayWithBillingKeyResponse> PayWithBillingKeyAsync(string paymentId, BillingKeyPaymentRequest request, CancellationToken cancellationToken = default)
    {
        V2Api.RequireId(paymentId, nameof(paymentId));
        V2Validation.NotNull(request, nameof(request));
        V2Validation.Text(request.BillingKey, nameof(request), "BillingKey");
        V2Validation.Text(request.OrderName, nameof(request), "OrderName");
        V2Validation.Amount(request.Amount, nameof(request), "Amount");
        V2Validation.Currency(request.Currency, nameof(request), "Currency");
        request.Validate(nameof(request), string.Empty);
        var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
        var path = $"payments/{V2Api.Segment(paymentId, nameof(paymentId))}/billing-key";
        return await V2ChargeResolver.ChargeAsync(new BillingKeyCharge(_api, paymentId, path, request, body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pays without a billing key and without the customer's browser: charges card data, or issues a virtual
    /// account for the customer to pay into (<c>POST /payments/{paymentId}/instant</c>).
    /// </summary>
    /// <param name="paymentId">The payment ID you choose; it must not have been paid before.</param>
    /// <param name="request">What to charge and how (<see cref="InstantPaymentMethodInput.Card"/> or <see cref="InstantPaymentMethodInput.VirtualAccount"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gateway's transaction ID and the time of payment.</returns>
    /// <exception cref="System.ArgumentException">
    /// An ID, the method, the order name, the amount or the currency is missing or invalid; the amount's tax-free part
    /// and VAT together exceed its total; or the card data is not in PortOne's form (see <see cref="CardCredential"/>).
    /// Nothing is sent then.
    /// </exception>
    /// <exception cref="PortOneApiException">The API refused: e.g. <see cref="AlreadyPaidError"/>, <see cref="ChannelNotFoundError"/>, <see cref="PgProviderError"/>.</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the payment
    /// was made. Look it up later; never pay again under another payment ID.
    /// </exception>
    /// <exception cref="PortOneTimeoutException">Only when <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is off: no answer in time; whether the card was charged is unknown.</exception>
    /// <remarks>
    /// A lost answer is settled as described for <see cref="PayWithBillingKeyAsync"/>: a payment found under the ID
    /// is this call's when its total and currency match. A virtual account found issued (not paid) cannot be turned
    /// into this call's answer and ends in <see cref="PortOneOutcomeUnknownException"/>; look it up.
    /// <para>
    /// PG-specific rules the SDK cannot check (it does not know the channel's PG): KG Inicis refuses an instant
    /// payment without the customer's name, phone number and e-mail (<see cref="CustomerInput.Name"/>,
    /// <see cref="CustomerInput.PhoneNumber"/>, <see cref="CustomerInput.Email"/>), and issues only fixed virtual
    /// accounts (<see cref="InstantPaymentMethodInputVirtualAccountOption.Type"/> <c>FIXED</c>).
    /// </para>
    /// </remarks>
    public virtual async Task<PayInstantlyResponse> PayInstantlyAsync(string paymentId, InstantPaymentRequest request, CancellationToken cancellationToken = default)
    {
        V2Api.RequireId(paymentId, nameof(paymentId));
        V2Validation.NotNull(request, nameof(request));
        V2Validation.Present(request.Method, nameof(request), "Method");
        V2Validation.Text(request.OrderName, nameof(request), "OrderName");
        V2Validation.Amount(request.Amount, nameof(request), "Amount");
        V2Validation.Currency(request.Currency, nameof(request), "Currency");
        request.Validate(nameof(request), string.Empty);
        var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
        var path = $"payments/{V2Api.Segment(paymentId, nameof(paymentId))}/instant";
        return await V2ChargeResolver.ChargeAsync(new InstantCharge(_api, paymentId, path, request, body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches one payment (<c>GET /payments/{paymentId}</c>), in the configured store when there is one.</summary>
    /// <param name="paymentId">The payment ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment; switch on its type (<see cref="PaidPayment"/>, <see cref="CancelledPayment"/>, …, <see cref="UnknownPayment"/>).</returns>
    /// <exception cref="System.ArgumentException"><paramref name="paymentId"/> is empty.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="PaymentNotFoundError"/>, <see cref="ForbiddenError"/>.</exception>
    public virtual Task<Payment> GetAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        try
        {
            V2Api.RequireId(paymentId, nameof(paymentId));
            return GetCoreAsync(paymentId, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<Payment>(exception);
        }
    }

    // The charging calls look payments up through this, not through the overridable GetAsync.
    private Task<Payment> GetCoreAsync(string paymentId, CancellationToken cancellationToken) =>
        GetPaymentAsync(_api, paymentId, cancellationToken);

    /// <summary><c>GET /payments/{paymentId}</c> in the configured store, for the client and the charge resolver.</summary>
    internal static Task<Payment> GetPaymentAsync(V2Api api, string paymentId, CancellationToken cancellationToken)
    {
        var path = V2Api.WithQuery($"payments/{V2Api.Segment(paymentId, nameof(paymentId))}", ("storeId", api.StoreId));
        return api.SendAsync(V2Operations.GetPayment, HttpMethod.Get, path, V2Api.Models.Payment, cancellationToken);
    }

    // A payment found under the id is this call's charge when it is for the same total in the same currency.
    private static bool IsSameCharge(Payment payment, PaymentAmountInput amount, Currency currency) =>
        payment.Amount is { } paid && paid.Total == amount.Total && payment.Currency == currency;

    /// <summary>A charge sent as a JSON body to a payment's path: what the two charging operations share.</summary>
    private abstract class BodyCharge<TRequest, TResult> : V2Charge<TResult>
        where TRequest : class
    {
        protected BodyCharge(V2Api api, PortOneOperation operation, string paymentId, string path, TRequest request, TRequest body)
            : base(api, operation, paymentId)
        {
            Path = path;
            Request = request;
            Body = body;
        }

        /// <summary>The payment's path.</summary>
        protected string Path { get; }

        /// <summary>The request as the caller gave it.</summary>
        protected TRequest Request { get; }

        /// <summary>The request as sent (with the configured store ID filled in).</summary>
        protected TRequest Body { get; }
    }

    /// <summary><c>POST /payments/{paymentId}/billing-key</c> as a charge the resolver can settle: the same billing key, total and currency.</summary>
    private sealed class BillingKeyCharge(V2Api api, string paymentId, string path, BillingKeyPaymentRequest request, BillingKeyPaymentRequest body)
        : BodyCharge<BillingKeyPaymentRequest, PayWithBillingKeyResponse>(api, V2Operations.PayWithBillingKey, paymentId, path, request, body)
    {
        public override Task<PayWithBillingKeyResponse> SendAsync(CancellationToken cancellationToken) =>
            Api.SendAsync(Operation, HttpMethod.Post, Path, Body, V2Api.Models.BillingKeyPaymentRequest, V2Api.Models.PayWithBillingKeyResponse, V2Accepted.Payment(PaymentId), cancellationToken);

        public override bool IsThisCharge(Payment payment) =>
            IsSameCharge(payment, Request.Amount, Request.Currency) && payment.BillingKey == Request.BillingKey;

        public override PayWithBillingKeyResponse Answer(string pgTxId, DateTimeOffset paidAt) =>
            new() { Payment = new BillingKeyPaymentSummary { PgTxId = pgTxId, PaidAt = paidAt } };
    }

    /// <summary><c>POST /payments/{paymentId}/instant</c> as a charge the resolver can settle: the same total and currency.</summary>
    private sealed class InstantCharge(V2Api api, string paymentId, string path, InstantPaymentRequest request, InstantPaymentRequest body)
        : BodyCharge<InstantPaymentRequest, PayInstantlyResponse>(api, V2Operations.PayInstantly, paymentId, path, request, body)
    {
        public override Task<PayInstantlyResponse> SendAsync(CancellationToken cancellationToken) =>
            Api.SendAsync(Operation, HttpMethod.Post, Path, Body, V2Api.Models.InstantPaymentRequest, V2Api.Models.PayInstantlyResponse, V2Accepted.Payment(PaymentId), cancellationToken);

        public override bool IsThisCharge(Payment payment) => IsSameCharge(payment, Request.Amount, Request.Currency);

        public override PayInstantlyResponse Answer(string pgTxId, DateTimeOffset paidAt) =>
            new() { Payment = new InstantPaymentSummary { PgTxId = pgTxId, PaidAt = paidAt } };
    }

    /// <summary>Fetches one page of a payment search (<c>GET /payments</c>).</summary>
    /// <param name="request">Page and filter; null for the server's defaults (first page, its default size, recent payments).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payments of the page and the page information.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The page number is negative or the size not positive.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="InvalidRequestError"/>.</exception>
    public virtual Task<GetPaymentsResponse> ListPageAsync(GetPaymentsRequest? request = null, CancellationToken cancellationToken = default)
    {
        try
        {
            request ??= new GetPaymentsRequest();
            V2Validation.Page(request.Page, nameof(request));
            var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
            var path = "payments?" + V2Api.RequestBodyQuery(body, V2Api.Models.GetPaymentsRequest);
            return _api.SendAsync(V2Operations.GetPayments, HttpMethod.Get, path, V2Api.Models.GetPaymentsResponse, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<GetPaymentsResponse>(exception);
        }
    }

    /// <summary>Walks every payment that matches a filter, page by page (<c>GET /payments</c>).</summary>
    /// <param name="filter">The conditions; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The payments, fetched lazily as you enumerate.</returns>
    public virtual IAsyncEnumerable<Payment> ListAsync(PaymentFilterInput? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync(new GetPaymentsRequest { Filter = filter }, cancellationToken);

    /// <summary>Walks every payment of a search, page by page, starting at the request's page (<c>GET /payments</c>).</summary>
    /// <param name="request">Filter, and optionally the first page and the page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The payments, fetched lazily as you enumerate.</returns>
    /// <remarks>The API refuses pages beyond its search window (page number × size is capped); narrow the filter for very large results.</remarks>
    public virtual IAsyncEnumerable<Payment> ListAsync(GetPaymentsRequest request, CancellationToken cancellationToken = default)
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

    /// <summary>Cancels a payment in full or in part (<c>POST /payments/{paymentId}/cancel</c>).</summary>
    /// <param name="paymentId">The payment ID.</param>
    /// <param name="request">The reason, and for a partial cancel the amount (leave it out to refund everything still refundable).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cancellation; check its type (<see cref="SucceededPaymentCancellation"/>, <see cref="RequestedPaymentCancellation"/>, …).</returns>
    /// <exception cref="System.ArgumentException">
    /// The reason is missing, an amount is negative, or <see cref="CancelPaymentRequest.Amount"/> is 0 (leave it
    /// unset to cancel everything; a cancel of nothing is refused before sending).
    /// </exception>
    /// <exception cref="PortOneApiException">
    /// E.g. <see cref="PaymentNotPaidError"/>, <see cref="PaymentAlreadyCancelledError"/>,
    /// <see cref="CancelAmountExceedsCancellableAmountError"/>, <see cref="CancellableAmountConsistencyBrokenError"/>, <see cref="PgProviderError"/>.
    /// </exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the money
    /// was refunded. Look the payment up later (its cancellations) before you refund again.
    /// </exception>
    /// <remarks>
    /// <para>
    /// Never repeated blindly: a repeated partial refund could pay out twice. The refund carries the amount the
    /// caller believes is still refundable (<see cref="CancelPaymentRequest.CurrentCancellableAmount"/>), which
    /// PortOne checks, refusing a refund whose premise is stale. When the request leaves it unset and
    /// <see cref="PortOneClientOptions.FillCancellableAmount"/> is on (off by default), the SDK reads the payment first
    /// and sends what it found (one extra lookup; a refund made by someone else in between then makes PortOne refuse
    /// this one with <see cref="CancellableAmountConsistencyBrokenError"/>).
    /// </para>
    /// <para>
    /// When the answer is lost (a time-out, a connection broken after the request left, a 5xx without a documented
    /// error, or a success whose body cannot be read), the call looks the payment up within
    /// <see cref="PortOneClientOptions.Timeout"/>: the cancellable amount unchanged means the refund did not land, and
    /// it is sent again as it was (three sends at most; PortOne's check makes a second refund impossible); the amount
    /// dropped by exactly this refund, with a cancellation of this amount and reason, means it landed, and that
    /// cancellation is returned as if the answer had arrived. A <see cref="CancellableAmountConsistencyBrokenError"/>,
    /// <see cref="PaymentAlreadyCancelledError"/> or <see cref="CancelAmountExceedsCancellableAmountError"/> answering a
    /// resend is settled the same way; answering the first send, it is thrown as it is. Anything else, or a refund
    /// without a cancellable amount (the option off), ends in <see cref="PortOneOutcomeUnknownException"/>.
    /// </para>
    /// </remarks>
    public virtual async Task<CancelPaymentResponse> CancelAsync(string paymentId, CancelPaymentRequest request, CancellationToken cancellationToken = default)
    {
        V2Api.RequireId(paymentId, nameof(paymentId));
        V2Validation.NotNull(request, nameof(request));
        V2Validation.Text(request.Reason, nameof(request), "Reason");
        V2Validation.Positive(request.Amount, nameof(request), "Amount");
        V2Validation.NotNegative(request.CurrentCancellableAmount, nameof(request), "CurrentCancellableAmount");
        request.Validate(nameof(request), string.Empty);
        var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
        var path = $"payments/{V2Api.Segment(paymentId, nameof(paymentId))}/cancel";
        return await V2CancelResolver.CancelAsync(
            _api,
            V2Operations.CancelPayment,
            paymentId,
            body,
            (sent, ct) => _api.SendAsync(V2Operations.CancelPayment, HttpMethod.Post, path, sent, V2Api.Models.CancelPaymentRequest, V2Api.Models.CancelPaymentResponse, V2Accepted.Payment(paymentId), ct),
            ct => GetCoreAsync(paymentId, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds sub-store transactions to a payment's receipt (<c>POST /payments/{paymentId}/register-store-receipt</c>),
    /// for gateways that support it.
    /// </summary>
    /// <param name="paymentId">The payment ID.</param>
    /// <param name="request">The sub-store transactions (at least one).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The receipt URL, when the gateway gives one.</returns>
    /// <remarks>
    /// PG-specific rule the SDK cannot check (it does not know the channel's PG): KG Inicis wants the tax-free, VAT
    /// and supply amounts on every item (<see cref="RegisterStoreReceiptItem.TaxFreeAmount"/>,
    /// <see cref="RegisterStoreReceiptItem.VatAmount"/>, <see cref="RegisterStoreReceiptItem.SupplyAmount"/>).
    /// </remarks>
    /// <exception cref="System.ArgumentException">No item was given, or an item's amounts are negative or its tax-free part and VAT together exceed its total. Nothing is sent then.</exception>
    /// <exception cref="PortOneApiException">E.g. <see cref="PaymentNotFoundError"/>, <see cref="PaymentNotPaidError"/>, <see cref="PgProviderError"/>.</exception>
    public virtual Task<RegisterStoreReceiptResponse> RegisterStoreReceiptAsync(string paymentId, RegisterStoreReceiptRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            V2Api.RequireId(paymentId, nameof(paymentId));
            V2Validation.NotNull(request, nameof(request));
            if (request.Items is null || request.Items.Count == 0)
            {
                throw new System.ArgumentException("Items must hold at least one sub-store transaction.", nameof(request));
            }

            request.Validate(nameof(request), string.Empty);

            var body = _api.StoreId is { } storeId ? request.WithDefaultStoreId(storeId) : request;
            return _api.SendAsync(V2Operations.RegisterStoreReceipt, HttpMethod.Post, $"payments/{V2Api.Segment(paymentId, nameof(paymentId))}/register-store-receipt", body, V2Api.Models.RegisterStoreReceiptRequest, V2Api.Models.RegisterStoreReceiptResponse, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<RegisterStoreReceiptResponse>(exception);
        }
    }
}
