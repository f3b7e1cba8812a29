using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// Settles a V2 schedule request whose answer was lost, or that PortOne refused with
/// <see cref="PaymentScheduleAlreadyExistsError"/>. PortOne keeps one live schedule per payment ID, so a resend cannot
/// book a second charge. The lookup searches the billing key's schedules due at the requested time and takes the one
/// under this payment ID: the same billing key, total, currency and time means it is this call's.
/// </summary>
internal static class V2ScheduleResolver
{
    public static async Task<CreatePaymentScheduleResponse> CreateAsync(
        V2Api api,
        PortOneOperation operation,
        string paymentId,
        CreatePaymentScheduleRequest request,
        Func<CancellationToken, Task<CreatePaymentScheduleResponse>> send,
        Func<GetPaymentSchedulesRequest, CancellationToken, Task<GetPaymentSchedulesResponse>> list,
        CancellationToken cancellationToken)
    {
        var call = new MoneyCall(api.Options, api.Logger, api.Transport, operation, paymentId, V2ChargeResolver.IdField);
        var input = request.Payment;
        var search = new GetPaymentSchedulesRequest
        {
            Filter = new PaymentScheduleFilterInput
            {
                StoreId = input.StoreId ?? api.StoreId,
                BillingKey = input.BillingKey,
                From = request.TimeToPay.AddSeconds(-1),
                Until = request.TimeToPay.AddSeconds(1),
            },
            Page = new PageInput { Number = 0, Size = 100 },
        };
        return await OutcomeResolution.RunAsync(
            call,
            (_, ct) => send(ct),
            static e => PortOneOutcome.IsAmbiguous(e, static x => x is PortOneApiException { Error: UnknownPortOneError }),
            // Also on the first send: the pipeline repeats this operation by itself, so the send that landed may have
            // been its own. An identical schedule is what either request asked for.
            static (e, _) => e is PortOneApiException { Error: PaymentScheduleAlreadyExistsError },
            async (last, ct) =>
            {
                var page = await list(search, ct).ConfigureAwait(false);
                var live = (page.Items ?? Array.Empty<PaymentSchedule>())
                    .Where(s => s.PaymentId == paymentId && s is not (RevokedPaymentSchedule or FailedPaymentSchedule or UnknownPaymentSchedule))
                    .ToList();
                var mine = live.FirstOrDefault(s =>
                    s.BillingKey == input.BillingKey &&
                    s.TotalAmount == input.Amount.Total &&
                    s.Currency == input.Currency &&
                    Math.Abs((s.TimeToPay - request.TimeToPay).TotalSeconds) < 1);
                if (mine is not null)
                {
                    return Settled<CreatePaymentScheduleResponse>.Done(new CreatePaymentScheduleResponse { Schedule = new PaymentScheduleSummary { Id = mine.Id } }, "scheduled, found by lookup");
                }

                // None of this call's; a schedule of another charge under this payment ID makes PortOne refuse a resend.
                return Settled<CreatePaymentScheduleResponse>.Resend(live.Count == 0 ? "no schedule" : "a schedule of another charge");
            },
            cancellationToken).ConfigureAwait(false);
    }
}
