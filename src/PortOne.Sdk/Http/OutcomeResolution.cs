using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PortOne.Sdk.Http;

/// <summary>What a lookup made of a money call whose answer was lost.</summary>
internal enum SettledAs
{
    /// <summary>PortOne shows the call took effect: return what it shows.</summary>
    Done,

    /// <summary>PortOne shows the call did not take effect, and sending it again cannot do it twice.</summary>
    Resend,

    /// <summary>PortOne shows the call was refused or failed: throw that.</summary>
    Failed,

    /// <summary>PortOne shows something that does not tell: the outcome is unknown.</summary>
    Unknown,
}

/// <summary>The verdict of one lookup; build it with the static methods.</summary>
internal readonly struct Settled<T>
{
    private Settled(SettledAs kind, T? value, Exception? error, string note)
    {
        Kind = kind;
        Value = value;
        Error = error;
        Note = note;
    }

    public SettledAs Kind { get; }

    public T? Value { get; }

    public Exception? Error { get; }

    /// <summary>For the logs: what PortOne showed (never amounts or card data).</summary>
    public string Note { get; }

    public static Settled<T> Done(T value, string note) => new(SettledAs.Done, value, null, note);

    public static Settled<T> Resend(string state) => new(SettledAs.Resend, default, null, state);

    public static Settled<T> Failed(Exception error, string note) => new(SettledAs.Failed, default, error, note);

    public static Settled<T> Unknown(string reason) => new(SettledAs.Unknown, default, null, reason);
}

/// <summary>One money call to settle: where it goes, and the id PortOne keeps it under.</summary>
internal sealed class MoneyCall
{
    public MoneyCall(PortOneClientOptions options, ILogger logger, PortOneTransport transport, PortOneOperation operation, string id, string idField)
    {
        Options = options;
        Logger = logger;
        Transport = transport;
        Operation = operation;
        Id = id;
        IdField = idField;
    }

    public PortOneClientOptions Options { get; }

    public ILogger Logger { get; }

    public PortOneTransport Transport { get; }

    public PortOneOperation Operation { get; }

    public string Id { get; }

    public string IdField { get; }

    public PortOneOutcomeUnknownException Unknown(string reason, Exception? cause)
    {
        Logger.LogOutcomeUnknown(Operation.Name, Id, reason);
        return new PortOneOutcomeUnknownException(Operation.Name, Id, IdField, cause);
    }
}

/// <summary>
/// The loop every money call but the V2 charges (see <c>V2ChargeResolver</c>) runs when its answer is lost: send;
/// on an ambiguous failure, or on a refusal of a resend that a lookup can explain, look up what PortOne holds under
/// the call's id and do what the lookup says (return it, send again, throw PortOne's refusal, or give up with
/// <see cref="PortOneOutcomeUnknownException"/>). Everything runs within <see cref="PortOneClientOptions.Timeout"/>
/// on the client's clock, counted from the first send.
/// </summary>
internal static class OutcomeResolution
{
    /// <param name="call">The call and its id.</param>
    /// <param name="send">Sends once; gets the send's number (1 for the first).</param>
    /// <param name="ambiguous">Whether a failure of a send leaves its effect open.</param>
    /// <param name="settledByLookup">
    /// Whether a refusal of send number n (&gt; 1 in practice) is to be explained by a lookup (e.g. "already exists":
    /// the earlier send landed) instead of being thrown as it is.
    /// </param>
    /// <param name="lookUp">
    /// Looks up and judges; gets the last failure. A <see cref="PortOneException"/> it throws counts as a failed
    /// lookup and is tried again (<see cref="PortOneOutcome.MaxLookupFailures"/> in a row at most).
    /// </param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static async Task<T> RunAsync<T>(
        MoneyCall call,
        Func<int, CancellationToken, Task<T>> send,
        Func<PortOneException, bool> ambiguous,
        Func<PortOneException, int, bool> settledByLookup,
        Func<Exception, CancellationToken, Task<Settled<T>>> lookUp,
        CancellationToken cancellationToken)
    {
        if (!call.Options.ResolveUnknownOutcomes)
        {
            return await send(1, cancellationToken).ConfigureAwait(false);
        }

        await call.Transport.EnsureTokenAsync(call.Operation, cancellationToken).ConfigureAwait(false);
        var logger = call.Logger;
        var name = call.Operation.Name;
        using var budget = new PortOneCallBudget(call.Options.TimeProvider ?? TimeProvider.System, call.Options.Timeout, cancellationToken);
        var token = budget.Token;

        var sends = 0;
        while (true)
        {
            Exception last;
            bool refused;
            sends++;
            try
            {
                return await send(sends, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (token.IsCancellationRequested)
            {
                throw call.Unknown(cancellationToken.IsCancellationRequested ? "cancelled by the caller after the request may have left" : "the call's time ran out", exception);
            }
            catch (PortOneException exception) when (ambiguous(exception))
            {
                last = exception;
                refused = false;
            }
            catch (PortOneException exception) when (settledByLookup(exception, sends))
            {
                last = exception;
                refused = true;
            }

            token = budget.Arm();
            logger.LogOutcomeResolving(name, call.Id, sends, last.GetType().Name);
            Settled<T> verdict;
            for (var lookups = 1; ; lookups++)
            {
                try
                {
                    verdict = await lookUp(last, token).ConfigureAwait(false);
                    break;
                }
                catch (OperationCanceledException exception) when (token.IsCancellationRequested)
                {
                    throw call.Unknown(cancellationToken.IsCancellationRequested ? "cancelled by the caller while looking it up" : "the call's time ran out while looking it up", exception);
                }
                catch (PortOneException exception)
                {
                    logger.LogOutcomeLookupFailed(name, call.Id, lookups, exception.GetType().Name);
                    if (token.IsCancellationRequested)
                    {
                        throw call.Unknown("the call's time ran out while looking it up", exception);
                    }

                    if (lookups >= PortOneOutcome.MaxLookupFailures)
                    {
                        throw call.Unknown($"{lookups} lookups failed", exception);
                    }
                }
            }

            switch (verdict.Kind)
            {
                case SettledAs.Done:
                    logger.LogOutcomeResolved(name, call.Id, verdict.Note);
                    return verdict.Value!;
                case SettledAs.Failed:
                    logger.LogOutcomeResolved(name, call.Id, verdict.Note);
                    throw verdict.Error!;
                case SettledAs.Resend when refused:
                    // PortOne refused a resend and holds nothing of this call: its refusal is the answer.
                    logger.LogOutcomeResolved(name, call.Id, "refused, and nothing of this call found");
                    throw last;
                case SettledAs.Resend when sends >= PortOneOutcome.MaxSends:
                    throw call.Unknown($"still {verdict.Note} after {sends} sends", last);
                case SettledAs.Resend:
                    logger.LogOutcomeResending(name, call.Id, verdict.Note, sends + 1);
                    continue;
                default:
                    throw call.Unknown(verdict.Note, last);
            }
        }
    }

    /// <summary>
    /// For calls that no id of the merchant's makes safe to repeat (issuing a billing key): sends once, and turns a
    /// failure that leaves the outcome open into <see cref="PortOneOutcomeUnknownException"/> naming where to check.
    /// </summary>
    /// <param name="call">The call and the id what it made can be found by.</param>
    /// <param name="lookUp">Where to check, for the exception.</param>
    /// <param name="send">Sends once.</param>
    /// <param name="ambiguous">Whether a failure leaves the outcome open.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static async Task<T> SendOnceAsync<T>(
        MoneyCall call,
        string lookUp,
        Func<CancellationToken, Task<T>> send,
        Func<PortOneException, bool> ambiguous,
        CancellationToken cancellationToken)
    {
        if (!call.Options.ResolveUnknownOutcomes)
        {
            return await send(cancellationToken).ConfigureAwait(false);
        }

        await call.Transport.EnsureTokenAsync(call.Operation, cancellationToken).ConfigureAwait(false);
        try
        {
            return await send(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            call.Logger.LogOutcomeUnknown(call.Operation.Name, call.Id, "cancelled by the caller after the request may have left");
            throw new PortOneOutcomeUnknownException(call.Operation.Name, call.Id, call.IdField, lookUp, exception);
        }
        catch (PortOneException exception) when (ambiguous(exception))
        {
            call.Logger.LogOutcomeUnknown(call.Operation.Name, call.Id, "a card may have been stored; nothing safe to resend");
            throw new PortOneOutcomeUnknownException(call.Operation.Name, call.Id, call.IdField, lookUp, exception);
        }
    }
}
