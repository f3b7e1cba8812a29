using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>
/// Settles V1 money calls whose answer was lost, by the merchant's <c>merchant_uid</c>.
/// </summary>
/// <remarks>
/// What this relies on, from PortOne's V1 API description: a schedule's <c>merchant_uid</c> cannot be paid twice
/// ("duplicate payment with the same order number is not possible"), <c>onetime</c> wants a unique
/// <c>merchant_uid</c> per request, several payments (e.g. declined attempts) may share one <c>merchant_uid</c>, and
/// <c>GET /payments/find/{merchant_uid}/paid</c> returns the latest paid one; a refund's <c>checksum</c> is checked
/// against the refundable balance and the refund is not made when it differs. Hence a charge is sent again only after
/// a lookup found no paid payment under its <c>merchant_uid</c>, and a refund only when the balance is still the one it
/// carries. V1 refusals have no documented codes: a refusal answering a resend is explained by a lookup, never by its
/// message.
/// </remarks>
internal static class V1OutcomeResolver
{
    public const string IdField = "merchant_uid";

    /// <summary>A failure that leaves a V1 call's effect open.</summary>
    public static bool Ambiguous(PortOneException exception) =>
        PortOneOutcome.IsAmbiguous(exception, static e => e is PortOneV1ApiException)
        || (exception.GetType() == typeof(PortOneException) && (int?)exception.StatusCode is >= 200 and <= 299);

    /// <summary>A refusal of a resend (not of the first send): a lookup tells whether the earlier send landed.</summary>
    public static bool RefusedResend(PortOneException exception, int sends) =>
        sends > 1 && exception is PortOneV1ApiException && (int?)exception.StatusCode < 500;

    /// <summary>
    /// <c>again</c>, <c>onetime</c> and schedule <c>retry</c>: the latest paid payment under the <c>merchant_uid</c>, when
    /// <paramref name="isThisCharge"/> accepts it, is the answer; none means nothing was paid, and the charge is sent
    /// again (PortOne does not pay a <c>merchant_uid</c> twice).
    /// </summary>
    public static Task<V1Payment> ChargeAsync(
        V1Api api,
        PortOneOperation operation,
        string merchantUid,
        Func<CancellationToken, Task<V1Payment>> send,
        Func<V1Payment, bool> isThisCharge,
        CancellationToken cancellationToken) =>
        OutcomeResolution.RunAsync(
            new MoneyCall(api.Options, api.Logger, api.Transport, operation, merchantUid, IdField),
            (_, ct) => send(ct),
            Ambiguous,
            RefusedResend,
            async (last, ct) =>
            {
                var paid = await FindAsync(api, merchantUid, "paid", ct).ConfigureAwait(false);
                if (paid is null)
                {
                    return Settled<V1Payment>.Resend("no paid payment");
                }

                if (isThisCharge(paid))
                {
                    return Settled<V1Payment>.Done(paid, "paid");
                }

                // Paid by another charge: this call's resend is refused by PortOne, and that refusal is the answer.
                return last is PortOneV1ApiException
                    ? Settled<V1Payment>.Failed(last, "paid by a different charge")
                    : Settled<V1Payment>.Resend("a payment of a different charge");
            },
            cancellationToken);

    /// <summary>
    /// <c>POST /payments/cancel</c>: with a <c>checksum</c> (the caller's, or read first when
    /// <see cref="PortOneClientOptions.FillCancellableAmount"/> is on), a lookup tells whether the refund landed.
    /// </summary>
    public static async Task<V1Payment> CancelAsync(
        V1Api api,
        PortOneOperation operation,
        CancelPaymentRequest request,
        Func<CancelPaymentRequest, CancellationToken, Task<V1Payment>> send,
        CancellationToken cancellationToken)
    {
        var options = api.Options;
        if (!options.ResolveUnknownOutcomes)
        {
            return await send(request, cancellationToken).ConfigureAwait(false);
        }

        var impUid = request.ImpUid;
        if (request.Checksum is null && options.FillCancellableAmount)
        {
            // Nothing was sent yet: a failure of this read is reported as it is.
            var before = impUid is not null
                ? await GetAsync(api, impUid, cancellationToken).ConfigureAwait(false)
                : await FindAsync(api, request.MerchantUid!, "paid", cancellationToken).ConfigureAwait(false);
            if (before is { Status.Value: "paid" })
            {
                request = WithChecksum(request, before.Amount - before.CancelAmount);
                impUid ??= before.ImpUid;
            }
        }

        var call = impUid is not null && request.MerchantUid is null
            ? new MoneyCall(options, api.Logger, api.Transport, operation, impUid, "imp_uid")
            : new MoneyCall(options, api.Logger, api.Transport, operation, request.MerchantUid!, IdField);
        var expected = request.Checksum;
        var refund = request.Amount.PartialAmount ?? expected;
        var sent = request;
        return await OutcomeResolution.RunAsync(
            call,
            (_, ct) => send(sent, ct),
            Ambiguous,
            RefusedResend,
            async (last, ct) =>
            {
                if (expected is not { } balance || refund is not { } amount)
                {
                    return Settled<V1Payment>.Unknown("the refund carried no checksum, so a lookup cannot tell whether it landed");
                }

                var payment = impUid is not null
                    ? await GetAsync(api, impUid, ct).ConfigureAwait(false)
                    : await FindAsync(api, sent.MerchantUid!, null, ct).ConfigureAwait(false);
                if (payment is null)
                {
                    return Settled<V1Payment>.Unknown("the payment was not found");
                }

                var now = payment.Amount - payment.CancelAmount;
                if (now == balance)
                {
                    return last is PortOneV1ApiException
                        ? Settled<V1Payment>.Failed(last, "refused, and the balance unchanged")
                        : Settled<V1Payment>.Resend("the refundable balance unchanged");
                }

                var mine = payment.CancelHistory?.Any(c => c.Amount == amount && (sent.Reason is null || string.Equals(c.Reason, sent.Reason, StringComparison.Ordinal))) ?? false;
                return now == balance - amount && mine
                    ? Settled<V1Payment>.Done(payment, "refunded, found in the cancel history")
                    : Settled<V1Payment>.Unknown("the refundable balance moved by something other than this refund");
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /subscribe/payments/schedule</c>: each schedule is looked up by its <c>merchant_uid</c>. Those found as
    /// requested are this call's; the rest are sent again (PortOne refuses a <c>merchant_uid</c> it already holds).
    /// </summary>
    public static Task<IReadOnlyList<V1Schedule>> ScheduleAsync(
        V1Api api,
        PortOneOperation operation,
        ScheduleRequest request,
        Func<IReadOnlyList<ScheduleItem>, CancellationToken, Task<IReadOnlyList<V1Schedule>>> send,
        CancellationToken cancellationToken)
    {
        var items = request.Schedules;
        var found = new Dictionary<string, V1Schedule>(StringComparer.Ordinal);
        return OutcomeResolution.RunAsync(
            new MoneyCall(api.Options, api.Logger, api.Transport, operation, string.Join(", ", items.Select(i => i.MerchantUid)), IdField),
            async (_, ct) =>
            {
                var remaining = items.Where(i => !found.ContainsKey(i.MerchantUid)).ToList();
                var answer = found.Count == 0 ? await send(items, ct).ConfigureAwait(false) : await send(remaining, ct).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    return answer;
                }

                var all = new Dictionary<string, V1Schedule>(found, StringComparer.Ordinal);
                foreach (var schedule in answer)
                {
                    all[schedule.MerchantUid] = schedule;
                }

                return items.Select(i => all.TryGetValue(i.MerchantUid, out var s) ? s : null).OfType<V1Schedule>().ToList();
            },
            Ambiguous,
            RefusedResend,
            async (last, ct) =>
            {
                var foreign = 0;
                foreach (var item in items)
                {
                    if (found.ContainsKey(item.MerchantUid))
                    {
                        continue;
                    }

                    var schedule = await GetScheduleAsync(api, item.MerchantUid, ct).ConfigureAwait(false);
                    if (schedule is null)
                    {
                        continue;
                    }

                    if (IsThisSchedule(schedule, request.CustomerUid, item))
                    {
                        found[item.MerchantUid] = schedule;
                    }
                    else
                    {
                        foreign++;
                    }
                }

                if (found.Count == items.Count)
                {
                    return Settled<IReadOnlyList<V1Schedule>>.Done(items.Select(i => found[i.MerchantUid]).ToList(), "scheduled");
                }

                return foreign > 0 && last is PortOneV1ApiException
                    ? Settled<IReadOnlyList<V1Schedule>>.Failed(last, "a merchant_uid is scheduled for a different charge")
                    : Settled<IReadOnlyList<V1Schedule>>.Resend($"{items.Count - found.Count} of {items.Count} not scheduled");
            },
            cancellationToken);
    }

    private static bool IsThisSchedule(V1Schedule schedule, string customerUid, ScheduleItem item) =>
        string.Equals(schedule.CustomerUid, customerUid, StringComparison.Ordinal)
        && schedule.Amount == item.Amount
        && schedule.ScheduleAt?.ToUnixTimeSeconds() == item.ScheduleAt.ToUnixTimeSeconds()
        && schedule.RevokedAt is null;

    private static async Task<V1Payment?> FindAsync(V1Api api, string merchantUid, string? status, CancellationToken cancellationToken)
    {
        var path = "payments/find/" + V1Api.Segment(merchantUid) + (status is null ? string.Empty : "/" + status);
        return await NotFoundAsNull(() => V1Calls.GetValueAsync(api, PortOneV1PaymentsClient.FindOperation, HttpMethod.Get, path, V1Api.Json.V1Payment, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<V1Payment> GetAsync(V1Api api, string impUid, CancellationToken cancellationToken) =>
        await V1Calls.GetValueAsync(api, PortOneV1PaymentsClient.GetOperation, HttpMethod.Get, "payments/" + V1Api.Segment(impUid), V1Api.Json.V1Payment, cancellationToken).ConfigureAwait(false);

    private static async Task<V1Schedule?> GetScheduleAsync(V1Api api, string merchantUid, CancellationToken cancellationToken) =>
        await NotFoundAsNull(() => V1Calls.GetValueAsync(api, PortOneV1SubscriptionsClient.GetScheduleOperation, HttpMethod.Get, "subscribe/payments/schedule/" + V1Api.Segment(merchantUid), V1Api.Json.V1Schedule, cancellationToken)).ConfigureAwait(false);

    private static async Task<T?> NotFoundAsNull<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (PortOneV1ApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static CancelPaymentRequest WithChecksum(CancelPaymentRequest request, decimal checksum) => new()
    {
        ImpUid = request.ImpUid,
        MerchantUid = request.MerchantUid,
        Amount = request.Amount,
        Checksum = checksum,
        TaxFree = request.TaxFree,
        VatAmount = request.VatAmount,
        Reason = request.Reason,
        RefundHolder = request.RefundHolder,
        RefundBank = request.RefundBank,
        RefundAccount = request.RefundAccount,
        RefundTel = request.RefundTel,
        RetainPromotion = request.RetainPromotion,
        EnableWebhook = request.EnableWebhook,
        Requester = request.Requester,
    };
}
