using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// Settles a V2 refund whose answer was lost. The refund carries the cancellable amount the caller believes in
/// (<c>currentCancellableAmount</c>, given by the caller or read by the SDK first); PortOne refuses a refund whose
/// amount is stale, so a resend can never refund twice. A lookup tells which: the cancellable amount unchanged (the
/// refund did not land: send again), dropped by exactly this refund with a matching cancellation (it landed: that
/// cancellation is the answer), or anything else (unknown).
/// </summary>
internal static class V2CancelResolver
{
    public static async Task<CancelPaymentResponse> CancelAsync(
        V2Api api,
        PortOneOperation operation,
        string paymentId,
        CancelPaymentRequest body,
        Func<CancelPaymentRequest, CancellationToken, Task<CancelPaymentResponse>> send,
        Func<CancellationToken, Task<Payment>> lookUp,
        CancellationToken cancellationToken)
    {
        var options = api.Options;
        if (!options.ResolveUnknownOutcomes)
        {
            return await send(body, cancellationToken).ConfigureAwait(false);
        }

        if (body.CurrentCancellableAmount is null && options.FillCancellableAmount)
        {
            // Nothing was sent yet: a failure of this read is reported as it is.
            var before = await lookUp(cancellationToken).ConfigureAwait(false);
            if (Cancellable(before) is { } found)
            {
                body = WithCancellableAmount(body, found);
            }
        }

        var call = new MoneyCall(options, api.Logger, api.Transport, operation, paymentId, V2ChargeResolver.IdField);
        var expected = body.CurrentCancellableAmount;
        var amount = body.Amount ?? expected;
        return await OutcomeResolution.RunAsync(
            call,
            (_, ct) => send(body, ct),
            Ambiguous,
            // A resend refused because the balance moved or is gone: did the first send move it?
            (exception, sends) => sends > 1 && exception is PortOneApiException
            {
                Error: CancellableAmountConsistencyBrokenError or PaymentAlreadyCancelledError or CancelAmountExceedsCancellableAmountError,
            },
            async (last, ct) =>
            {
                if (expected is not { } before || amount is not { } refund)
                {
                    return Settled<CancelPaymentResponse>.Unknown("the refund carried no cancellable amount, so a lookup cannot tell whether it landed");
                }

                Payment payment;
                try
                {
                    payment = await lookUp(ct).ConfigureAwait(false);
                }
                catch (PortOneApiException exception) when (exception.Error is PaymentNotFoundError)
                {
                    return Settled<CancelPaymentResponse>.Unknown("the payment was not found");
                }

                var now = Cancellable(payment) ?? (payment is CancelledPayment ? 0 : null);
                if (now == before)
                {
                    return Settled<CancelPaymentResponse>.Resend("the cancellable amount unchanged");
                }

                var cancellations = payment switch
                {
                    PaidPayment paid => paid.Cancellations,
                    PartialCancelledPayment partial => partial.Cancellations,
                    CancelledPayment cancelled => cancelled.Cancellations,
                    _ => null,
                };
                var mine = cancellations?.LastOrDefault(c =>
                    c.TotalAmount == refund &&
                    string.Equals(c.Reason, body.Reason, StringComparison.Ordinal) &&
                    c is SucceededPaymentCancellation or RequestedPaymentCancellation);
                if (now == before - refund && mine is not null)
                {
                    return Settled<CancelPaymentResponse>.Done(new CancelPaymentResponse { Cancellation = mine }, "refunded, found among the cancellations");
                }

                return Settled<CancelPaymentResponse>.Unknown("the cancellable amount moved by something other than this refund");
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static bool Ambiguous(PortOneException exception) =>
        PortOneOutcome.IsAmbiguous(exception, static e => e is PortOneApiException { Error: UnknownPortOneError });

    /// <summary>What is still refundable on a paid payment; null when it is not in a refundable state.</summary>
    private static long? Cancellable(Payment payment) => payment switch
    {
        PaidPayment or PartialCancelledPayment when payment.Amount is { } amount => amount.Paid - amount.Cancelled,
        _ => null,
    };

    /// <summary>A copy of the request carrying <paramref name="amount"/> as its <c>currentCancellableAmount</c>.</summary>
    private static CancelPaymentRequest WithCancellableAmount(CancelPaymentRequest request, long amount)
    {
        var node = JsonSerializer.SerializeToNode(request, V2Api.Models.CancelPaymentRequest)!.AsObject();
        node["currentCancellableAmount"] = amount;
        return node.Deserialize(V2Api.Models.CancelPaymentRequest)!;
    }
}
