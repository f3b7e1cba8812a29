using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>V1 payments (<c>/payments</c>): look them up and refund them.</summary>
public class PortOneV1PaymentsClient
{
    internal static readonly PortOneOperation GetOperation = new("V1.Payments.Get", "/payments/{imp_uid}", retryable: true);
    internal static readonly PortOneOperation GetManyOperation = new("V1.Payments.GetMany", "/payments", retryable: true);
    internal static readonly PortOneOperation FindOperation = new("V1.Payments.FindByMerchantUid", "/payments/find/{merchant_uid}/{payment_status}", retryable: true);

    // A repeated partial refund would pay out twice, and the pipeline cannot know whether a checksum was set.
    internal static readonly PortOneOperation CancelOperation = new("V1.Payments.Cancel", "/payments/cancel", retryable: false);

    private readonly V1Api _api;

    internal PortOneV1PaymentsClient(V1Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV1PaymentsClient()
    {
        _api = null!;
    }

    /// <summary>Gets a payment by PortOne's id (<c>GET /payments/{imp_uid}</c>).</summary>
    /// <param name="impUid">PortOne's id of the payment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment; <see cref="V1Payment.IsPaid"/> tells whether it is paid.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="impUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">Not found (HTTP 404) or refused.</exception>
    public virtual Task<V1Payment> GetAsync(string impUid, CancellationToken cancellationToken = default) =>
        V1Calls.GetValueAsync(_api, GetOperation, HttpMethod.Get, "payments/" + V1Api.Segment(V1Validation.Id(impUid, nameof(impUid))), V1Api.Json.V1Payment, cancellationToken);

    /// <summary>
    /// Turns an (unsigned, untrusted) V1 notification into the payment as the API reports it: fetches the payment
    /// by the notification's <c>imp_uid</c> and checks that it belongs to the order the notification names. Act on
    /// the returned payment's status and amount, never on the notification's.
    /// </summary>
    /// <param name="notification">The notification as parsed by <see cref="V1Notification.Parse(string, string?)"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment as PortOne reports it now.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="notification"/> is null.</exception>
    /// <exception cref="PortOneV1ApiException">No such payment (a forged or mistyped <c>imp_uid</c>) or PortOne refused the call.</exception>
    /// <exception cref="PortOneException">The payment exists but belongs to another order than the notification claims.</exception>
    public virtual async Task<V1Payment> GetVerifiedAsync(V1Notification notification, CancellationToken cancellationToken = default)
    {
        if (notification is null)
        {
            throw new System.ArgumentNullException(nameof(notification));
        }

        var payment = await GetAsync(notification.ImpUid, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(payment.MerchantUid, notification.MerchantUid, System.StringComparison.Ordinal))
        {
            throw new PortOneException(
                $"The V1 notification for imp_uid {notification.ImpUid} names merchant_uid {notification.MerchantUid}, but PortOne has that payment under {payment.MerchantUid}; the notification is not trustworthy.");
        }

        return payment;
    }

    /// <summary>Looks up several payments by PortOne's ids at once (<c>GET /payments?imp_uid[]=…</c>).</summary>
    /// <param name="impUids">The ids; at least one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The payments found and the ids that were not. "None found" is an empty result with every id missing, not
    /// an exception.
    /// </returns>
    /// <exception cref="System.ArgumentException">No ids, or a blank one.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the call (other than "not found").</exception>
    public virtual Task<V1LookupResult<V1Payment>> GetManyAsync(IEnumerable<string> impUids, CancellationToken cancellationToken = default)
    {
        var ids = V1Validation.Ids(impUids, nameof(impUids));
        return V1Calls.LookupAsync(_api, GetManyOperation, "payments", "imp_uid[]", ids, V1Api.Json.IReadOnlyListV1Payment, p => p.ImpUid, cancellationToken);
    }

    /// <summary>
    /// Finds the latest payment made under an order id (<c>GET /payments/find/{merchant_uid}/{payment_status}</c>),
    /// optionally only one in a given state.
    /// </summary>
    /// <param name="merchantUid">Your order id.</param>
    /// <param name="status">Only a payment in this state; any state when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="merchantUid"/> is blank.</exception>
    /// <exception cref="PortOneV1ApiException">None found (HTTP 404) or refused.</exception>
    public virtual Task<V1Payment> FindByMerchantUidAsync(string merchantUid, V1PaymentStatus? status = null, CancellationToken cancellationToken = default)
    {
        var path = "payments/find/" + V1Api.Segment(V1Validation.Id(merchantUid, nameof(merchantUid)));
        if (status?.Value is { Length: > 0 } value)
        {
            path += "/" + V1Api.Segment(value);
        }

        return V1Calls.GetValueAsync(_api, FindOperation, HttpMethod.Get, path, V1Api.Json.V1Payment, cancellationToken);
    }

    /// <summary>
    /// Refunds a payment in full or in part (<c>POST /payments/cancel</c>). Never repeated blindly: the refund carries
    /// the refundable balance (<see cref="CancelPaymentRequest.Checksum"/>), which PortOne checks, so that a repeat
    /// cannot refund twice.
    /// </summary>
    /// <param name="request">Which payment and how much (<see cref="V1CancelAmount.Full"/> or <see cref="V1CancelAmount.Partial"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment after the refund.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="System.ArgumentException">Neither or both ids set, an amount not chosen, or a negative figure.</exception>
    /// <exception cref="PortOneV1ApiException">PortOne refused the refund (e.g. the checksum did not match).</exception>
    /// <exception cref="PortOneOutcomeUnknownException">
    /// The request may have reached PortOne, and within the call's time the SDK could not learn whether the money
    /// was refunded. Look the payment up later (its <c>cancel_history</c>) before you refund again.
    /// </exception>
    /// <remarks>
    /// <para>
    /// When <see cref="CancelPaymentRequest.Checksum"/> is unset and <see cref="PortOneClientOptions.FillCancellableAmount"/>
    /// is on (off by default), the SDK first reads the payment (by <c>imp_uid</c>, or the paid one under the
    /// <c>merchant_uid</c>) and sends its refundable balance as the checksum: one extra lookup, and a refund made by
    /// someone else in between makes PortOne refuse this one.
    /// </para>
    /// <para>
    /// When the answer is lost (a time-out, a connection broken after the request left, a 5xx, or a success whose body
    /// cannot be read), the call looks the payment up within <see cref="PortOneClientOptions.Timeout"/>: the balance
    /// still equal to the checksum means the refund did not land, and it is sent again as it was (three sends at most;
    /// PortOne's check makes a second refund impossible); the balance lowered by exactly this refund, with a
    /// cancellation of this amount (and reason) in its history, means it landed, and the payment is returned as if the
    /// answer had arrived. A refusal answering a resend is settled by the same lookup. Anything else, or a refund
    /// without a checksum (the option off), ends in <see cref="PortOneOutcomeUnknownException"/>.
    /// </para>
    /// </remarks>
    public virtual Task<V1Payment> CancelAsync(CancelPaymentRequest request, CancellationToken cancellationToken = default)
    {
        V1Validation.NotNull(request, nameof(request)).Validate();
        var accepted = request.ImpUid is null ? V1Calls.Accepted("merchant_uid", request.MerchantUid) : V1Calls.Accepted("imp_uid", request.ImpUid);
        return V1OutcomeResolver.CancelAsync(
            _api,
            CancelOperation,
            request,
            (sent, ct) => V1Calls.SendValueAsync(_api, CancelOperation, HttpMethod.Post, "payments/cancel", sent, V1Api.Json.CancelPaymentRequest, V1Api.Json.V1Payment, accepted, ct),
            cancellationToken);
    }
}
