using System;
using System.Net;

namespace PortOne.Sdk;

/// <summary>
/// Base type of every exception the SDK throws on purpose. Catch this to handle any failure of a PortOne call,
/// or one of its subtypes to tell an API refusal apart from a transport problem.
/// </summary>
/// <remarks>
/// Messages never contain credentials, access tokens or card data. The raw body is kept for diagnostics; it is
/// the server's answer, which PortOne does not use to echo secrets back.
/// </remarks>
public class PortOneException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PortOneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PortOneException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing an HTTP exchange with PortOne.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status of the answer, if one arrived.</param>
    /// <param name="rawBody">The body of the answer as text, if one arrived.</param>
    /// <param name="requestId">The request id the server attached to its answer, if any.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public PortOneException(string message, HttpStatusCode? statusCode, string? rawBody, string? requestId, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RawBody = rawBody;
        RequestId = requestId;
    }

    /// <summary>The HTTP status of the server's answer, or <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The body of the server's answer as text, or <see langword="null"/> when there was none.</summary>
    public string? RawBody { get; }

    /// <summary>The request id the server attached to its answer, when it sent one. Quote it to PortOne support.</summary>
    public string? RequestId { get; }
}

/// <summary>
/// A call did not complete within the time allowed by <see cref="PortOneClientOptions.Timeout"/> (all attempts
/// together) or <see cref="PortOneClientOptions.AttemptTimeout"/> (one attempt, once retries are exhausted).
/// Cancellation through the caller's own <see cref="System.Threading.CancellationToken"/> is reported as
/// <see cref="OperationCanceledException"/>, not as this type.
/// </summary>
/// <remarks>
/// For a charging call a time-out does not mean the charge failed: look the payment up before trying again.
/// </remarks>
public class PortOneTimeoutException : PortOneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">The time-out reported by the HTTP stack or the resilience pipeline.</param>
    public PortOneTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The request could not be delivered or its answer could not be received: DNS failure, refused or reset
/// connection, TLS failure. The inner exception keeps the details.
/// </summary>
public class PortOneNetworkException : PortOneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The transport failure.</param>
    public PortOneNetworkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// PortOne answered, but with something the SDK cannot read at all: a body that is not JSON, JSON of another shape
/// entirely, or a result whose identifying field (its own id, or the <c>status</c>/<c>type</c> that tells a
/// union's cases apart) is missing or unreadable. <see cref="PortOneException.RawBody"/> holds what arrived.
/// </summary>
/// <remarks>
/// <para>
/// A success answer that merely differs from the API description (a required field missing, a number sent as a
/// string, …) does not throw: the SDK leaves that property empty (null or the type's default) and logs one warning
/// (event <c>PortOneAnswerDiffersFromSpec</c>) naming the operation and the JSON paths it left empty, never the
/// values.
/// </para>
/// <para>
/// When <see cref="RequestAccepted"/> is true, PortOne accepted the request (a success status) and only its answer
/// is unreadable: a charge, refund, schedule or stored card may exist. The message names the payment or customer;
/// look it up before you send the request again.
/// </para>
/// </remarks>
public class PortOneInvalidResponseException : PortOneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the answer.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="rawBody">The body as text.</param>
    /// <param name="requestId">The server's request id, if any.</param>
    /// <param name="innerException">The parsing failure, if any.</param>
    public PortOneInvalidResponseException(string message, HttpStatusCode? statusCode, string? rawBody, string? requestId, Exception? innerException)
        : this(message, statusCode, rawBody, requestId, innerException, requestAccepted: false)
    {
    }

    /// <summary>Creates the exception, saying whether PortOne accepted the request.</summary>
    /// <param name="message">What was wrong with the answer.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="rawBody">The body as text.</param>
    /// <param name="requestId">The server's request id, if any.</param>
    /// <param name="innerException">The parsing failure, if any.</param>
    /// <param name="requestAccepted">Whether the answer's status shows that PortOne accepted a request that moves money or stores a card.</param>
    public PortOneInvalidResponseException(string message, HttpStatusCode? statusCode, string? rawBody, string? requestId, Exception? innerException, bool requestAccepted)
        : base(message, statusCode, rawBody, requestId, innerException)
    {
        RequestAccepted = requestAccepted;
    }

    /// <summary>
    /// True when the call moves money or stores card data (a charge, a refund, a payment schedule, a billing key)
    /// and PortOne answered with a success status: the request took effect even though its answer could not be
    /// read. Look the payment or customer up (the message names it) before you try again; never repeat it blindly.
    /// False for every other unreadable answer.
    /// </summary>
    public bool RequestAccepted { get; }

    /// <summary>
    /// The same failure without the body: for token answers, whose body may hold a live token even when it
    /// could not be decoded.
    /// </summary>
    internal PortOneInvalidResponseException WithoutBody() =>
        new(Message, StatusCode, null, RequestId, InnerException, RequestAccepted);
}

/// <summary>
/// The V1 (iamport) API answered with an envelope whose <c>code</c> is not 0, on any HTTP status.
/// Branch on <see cref="Code"/> and <see cref="PortOneException.StatusCode"/>, never on message text, which the
/// server has changed before.
/// </summary>
public class PortOneV1ApiException : PortOneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The envelope's <c>code</c>.</param>
    /// <param name="apiMessage">The envelope's <c>message</c>.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="rawBody">The body as text.</param>
    /// <param name="requestId">The server's request id, if any.</param>
    public PortOneV1ApiException(int code, string? apiMessage, HttpStatusCode statusCode, string? rawBody, string? requestId)
        : base(FormatMessage(code, apiMessage, statusCode), statusCode, rawBody, requestId, null)
    {
        Code = code;
        ApiMessage = apiMessage;
    }

    /// <summary>The envelope's <c>code</c>: any value but 0 is a failure.</summary>
    public int Code { get; }

    /// <summary>The envelope's <c>message</c> exactly as the server wrote it (usually Korean), or null.</summary>
    public string? ApiMessage { get; }

    private static string FormatMessage(int code, string? apiMessage, HttpStatusCode statusCode) =>
        $"PortOne V1 API refused the request (HTTP {(int)statusCode}, code {code}): {apiMessage ?? "(no message)"}";
}

/// <summary>
/// A call that moves money (a charge, a refund, a payment schedule) or stores a card may or may not have taken
/// effect, and the SDK could not find out which within the call's time: the outcome is unknown. Nothing else the
/// SDK throws means that.
/// </summary>
/// <remarks>
/// <para>
/// The SDK throws this only after trying to settle the question itself: when the request may have reached
/// PortOne but no readable answer came back, it looks the payment up by the id you chose and, where it is safe,
/// sends the request again with the same id (PortOne never pays one id twice, and checks the cancellable amount a
/// refund carries). This exception means that those steps ran out of time (<see cref="PortOneClientOptions.Timeout"/>,
/// counted from the start of the call), kept failing, found the payment in a state that does not tell, or that you
/// cancelled the call after the request may have left. Issuing a billing key (V2 <c>BillingKeys.IssueAsync</c>, V1
/// <c>Customers.SaveAsync</c>) has no id of yours that makes a second request safe: there the SDK does not look up
/// or resend, and throws this at once on a lost answer; <see cref="LookUp"/> says where to check.
/// </para>
/// <para>
/// Do not send the request again under a new id. Look the payment up later by <see cref="PaymentId"/> (V2
/// <c>Payments.GetAsync</c>, V1 <c>Payments.FindByMerchantUidAsync</c>; <see cref="LookUp"/> names the call), or
/// wait for the webhook, and act on what it shows. <see cref="Exception.InnerException"/> is the last failure seen
/// on the way.
/// </para>
/// </remarks>
public class PortOneOutcomeUnknownException : PortOneException
{
    /// <summary>Creates the exception for a payment.</summary>
    /// <param name="operation">The operation whose outcome is unknown, e.g. <c>V2.Payments.PayWithBillingKey</c>.</param>
    /// <param name="paymentId">The id the payment can be looked up by.</param>
    /// <param name="idField">Which id <paramref name="paymentId"/> is: <c>paymentId</c> (V2) or <c>merchant_uid</c> (V1).</param>
    /// <param name="innerException">The last failure seen, if any.</param>
    public PortOneOutcomeUnknownException(string operation, string paymentId, string idField, Exception? innerException)
        : this(operation, paymentId, idField, null, innerException)
    {
    }

    /// <summary>Creates the exception, saying where the outcome can be checked.</summary>
    /// <param name="operation">The operation whose outcome is unknown, e.g. <c>V1.Customers.Save</c>.</param>
    /// <param name="paymentId">The id what the call made can be looked up by (a payment id, or a customer id for a stored card).</param>
    /// <param name="idField">Which id <paramref name="paymentId"/> is, e.g. <c>paymentId</c>, <c>merchant_uid</c>, <c>customer_uid</c>.</param>
    /// <param name="lookUp">Where to check the outcome, e.g. <c>Payments.GetAsync(paymentId)</c>; null for the payment lookup of the id's API.</param>
    /// <param name="innerException">The last failure seen, if any.</param>
    public PortOneOutcomeUnknownException(string operation, string paymentId, string idField, string? lookUp, Exception? innerException)
        : base(
            FormatMessage(operation, paymentId, idField, lookUp, innerException),
            (innerException as PortOneException)?.StatusCode,
            (innerException as PortOneException)?.RawBody,
            (innerException as PortOneException)?.RequestId,
            innerException)
    {
        Operation = operation;
        PaymentId = paymentId;
        IdField = idField;
        LookUp = lookUp ?? DefaultLookUp(idField);
    }

    /// <summary>The operation whose outcome is unknown, e.g. <c>V2.Payments.PayWithBillingKey</c>.</summary>
    public string Operation { get; }

    /// <summary>The id you chose for the payment, to look it up by later (see <see cref="IdField"/>).</summary>
    public string PaymentId { get; }

    /// <summary>
    /// Which id <see cref="PaymentId"/> is: <c>paymentId</c> for V2, <c>merchant_uid</c> for V1; for a stored card,
    /// <c>customer_uid</c> (V1) or <c>customer.id</c> (V2).
    /// </summary>
    public string IdField { get; }

    /// <summary>Which call tells the outcome later, e.g. <c>Payments.GetAsync(paymentId)</c>.</summary>
    public string LookUp { get; }

    private static string DefaultLookUp(string idField) => idField switch
    {
        "paymentId" => "V2 Payments.GetAsync(paymentId)",
        "merchant_uid" => "V1 Payments.FindByMerchantUidAsync(merchant_uid)",
        "imp_uid" => "V1 Payments.GetAsync(imp_uid)",
        _ => $"a lookup by {idField}",
    };

    private static string FormatMessage(string operation, string paymentId, string idField, string? lookUp, Exception? inner) =>
        $"PortOne {operation} ({idField} \"{paymentId}\"): the outcome is unknown; look this {(idField is "customer_uid" or "customer.id" ? "card" : "payment")} up later with {lookUp ?? DefaultLookUp(idField)}." +
        (inner is null ? string.Empty : $" Last failure: {inner.GetType().Name}.");
}
