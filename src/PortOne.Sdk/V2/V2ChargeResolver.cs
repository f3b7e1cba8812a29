using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// Settles a V2 charge whose answer was lost: looks the payment up by its id and, when PortOne shows none (or one
/// not yet attempted), sends the charge again under the same id, which PortOne never pays twice. Everything runs
/// within the options' <see cref="PortOneClientOptions.Timeout"/>, counted on the client's clock from the first send.
/// </summary>
internal static class V2ChargeResolver
{
    public const string IdField = "paymentId";

    /// <summary>
    /// Sends the charge; when its answer is lost (and <see cref="PortOneClientOptions.ResolveUnknownOutcomes"/> is on),
    /// settles it as the class describes.
    /// </summary>
    /// <param name="charge">The charge: how to send it, look it up and recognise it.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static Task<TResult> ChargeAsync<TResult>(V2Charge<TResult> charge, CancellationToken cancellationToken) =>
        charge.Api.Options.ResolveUnknownOutcomes ? ResolveAsync(charge, cancellationToken) : charge.SendAsync(cancellationToken);

    private static async Task<TResult> ResolveAsync<TResult>(V2Charge<TResult> charge, CancellationToken cancellationToken)
    {
        var api = charge.Api;
        var operation = charge.Operation;
        var paymentId = charge.PaymentId;

        // The token (bearer mode) first, on the caller's own token: when none can be had, nothing was sent.
        await api.Transport.EnsureTokenAsync(operation, cancellationToken).ConfigureAwait(false);
        var logger = api.Logger;
        using var budget = new PortOneCallBudget(api.Options.TimeProvider ?? TimeProvider.System, api.Options.Timeout, cancellationToken);
        var token = budget.Token;

        var sends = 0;
        while (true)
        {
            Exception last;
            sends++;
            try
            {
                return await charge.SendAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (token.IsCancellationRequested)
            {
                throw Unknown(cancellationToken.IsCancellationRequested ? "cancelled by the caller after the request may have left" : "the call's time ran out", exception);
            }
            catch (PortOneApiException exception) when (exception.Error is AlreadyPaidError && sends > 1)
            {
                // A resend refused as already paid: the lost first send (or an earlier one) went through. Whose charge it
                // is, the lookup tells. On the first send the merchant reused an id: that is reported as it is.
                last = exception;
            }
            catch (PortOneException exception) when (PortOneOutcome.IsAmbiguous(exception, static e => e is PortOneApiException { Error: UnknownPortOneError }))
            {
                last = exception;
            }

            token = budget.Arm();
            logger.LogOutcomeResolving(operation.Name, paymentId, sends, last.GetType().Name);
            Payment? payment = null;
            for (var lookups = 1; ; lookups++)
            {
                try
                {
                    payment = await charge.LookUpAsync(token).ConfigureAwait(false);
                    break;
                }
                catch (PortOneApiException exception) when (exception.Error is PaymentNotFoundError)
                {
                    break;
                }
                catch (OperationCanceledException exception) when (token.IsCancellationRequested)
                {
                    throw Unknown(cancellationToken.IsCancellationRequested ? "cancelled by the caller while looking the payment up" : "the call's time ran out while looking the payment up", exception);
                }
                catch (PortOneException exception)
                {
                    logger.LogOutcomeLookupFailed(operation.Name, paymentId, lookups, exception.GetType().Name);
                    last = exception;
                    if (token.IsCancellationRequested)
                    {
                        throw Unknown("the call's time ran out while looking the payment up", exception);
                    }

                    if (lookups >= PortOneOutcome.MaxLookupFailures)
                    {
                        throw Unknown($"{lookups} lookups failed", exception);
                    }
                }
            }

            switch (payment)
            {
                case null or ReadyPayment:
                case FailedPayment when !charge.IsThisCharge(payment):
                    // Nothing was charged under this id by this request: sending again cannot charge twice.
                    var state = payment is null ? "no payment" : payment.Status;
                    if (sends >= PortOneOutcome.MaxSends)
                    {
                        throw Unknown($"still {state} after {sends} sends", last);
                    }

                    logger.LogOutcomeResending(operation.Name, paymentId, state, sends + 1);
                    continue;
                case PaidPayment paid when charge.IsThisCharge(paid):
                    logger.LogOutcomeResolved(operation.Name, paymentId, "paid");
                    return charge.Answer(paid.PgTxId ?? string.Empty, paid.PaidAt);
                case PartialCancelledPayment { PaidAt: { } paidAt } cancelled when charge.IsThisCharge(cancelled):
                    logger.LogOutcomeResolved(operation.Name, paymentId, "paid, since partly cancelled");
                    return charge.Answer(cancelled.PgTxId ?? string.Empty, paidAt);
                case CancelledPayment { PaidAt: { } paidAt } cancelled when charge.IsThisCharge(cancelled):
                    logger.LogOutcomeResolved(operation.Name, paymentId, "paid, since cancelled");
                    return charge.Answer(cancelled.PgTxId ?? string.Empty, paidAt);
                case FailedPayment failed:
                    logger.LogOutcomeResolved(operation.Name, paymentId, "failed");
                    throw Failed(failed);
                case PaidPayment or PartialCancelledPayment or CancelledPayment:
                    logger.LogOutcomeResolved(operation.Name, paymentId, "paid by a different charge");
                    throw new PortOneApiException(
                        new AlreadyPaidError { Message = $"Payment ID \"{paymentId}\" was already paid by a different charge (its amount, currency or billing key differ); this call charged nothing." },
                        HttpStatusCode.Conflict,
                        null,
                        last is PortOneException portOne ? portOne.RequestId : null);
                default:
                    throw Unknown($"PortOne shows the payment as {payment?.Status}, which is not final", last);
            }
        }

        PortOneOutcomeUnknownException Unknown(string reason, Exception cause)
        {
            logger.LogOutcomeUnknown(operation.Name, paymentId, reason);
            return new PortOneOutcomeUnknownException(operation.Name, paymentId, IdField, cause);
        }
    }

    /// <summary>
    /// The failure a lost answer would have reported: a <see cref="PgProviderError"/> with the gateway's code and
    /// message as PortOne recorded them on the payment (no body or request id: it was read from the payment).
    /// </summary>
    private static PortOneApiException Failed(FailedPayment payment)
    {
        var failure = payment.Failure;
        var error = new PgProviderError
        {
            PgCode = failure?.PgCode ?? string.Empty,
            PgMessage = failure?.PgMessage ?? string.Empty,
            Message = failure?.Reason ?? "The payment failed.",
        };
        return new PortOneApiException(error, HttpStatusCode.BadGateway, null, null);
    }
}

/// <summary>
/// One V2 charge, for <see cref="V2ChargeResolver"/>: sends it once, looks its payment up, tells whether a payment
/// found under its id is this charge, and builds the operation's answer from a paid payment. One object per call
/// instead of a delegate and a closure for each of these.
/// </summary>
/// <typeparam name="TResult">The operation's answer.</typeparam>
internal abstract class V2Charge<TResult>
{
    /// <param name="api">The client's wire conventions, options and logger.</param>
    /// <param name="operation">The charging operation.</param>
    /// <param name="paymentId">The id the merchant chose.</param>
    protected V2Charge(V2Api api, PortOneOperation operation, string paymentId)
    {
        Api = api;
        Operation = operation;
        PaymentId = paymentId;
    }

    public V2Api Api { get; }

    public PortOneOperation Operation { get; }

    public string PaymentId { get; }

    /// <summary>Sends the charge once.</summary>
    public abstract Task<TResult> SendAsync(CancellationToken cancellationToken);

    /// <summary>Fetches the payment under <see cref="PaymentId"/> (a safe read).</summary>
    public Task<Payment> LookUpAsync(CancellationToken cancellationToken) =>
        PortOneV2PaymentsClient.GetPaymentAsync(Api, PaymentId, cancellationToken);

    /// <summary>Whether a payment found under the id is the one this call asked for.</summary>
    public abstract bool IsThisCharge(Payment payment);

    /// <summary>Builds the operation's answer from a paid payment's gateway transaction id and time of payment.</summary>
    public abstract TResult Answer(string pgTxId, DateTimeOffset paidAt);
}
