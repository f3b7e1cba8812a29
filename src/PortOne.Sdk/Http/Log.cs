using System;
using Microsoft.Extensions.Logging;

namespace PortOne.Sdk.Http;

/// <summary>
/// Every log line the SDK writes. Only allow-listed facts are logged: operation name, path template, method,
/// status, timing, request id, exception type. Never a body, a header value, a path with merchant data, a
/// token or a secret.
/// </summary>
internal static class Log
{
    private static readonly Action<ILogger, string, string, string, Exception?> RequestStarting =
        LoggerMessage.Define<string, string, string>(LogLevel.Debug, new EventId(1, "PortOneRequestStarting"), "PortOne {Operation} {Method} {PathTemplate} starting");

    private static readonly Action<ILogger, string, int, double, string?, Exception?> RequestFinished =
        LoggerMessage.Define<string, int, double, string?>(LogLevel.Information, new EventId(2, "PortOneRequestFinished"), "PortOne {Operation} answered {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})");

    private static readonly Action<ILogger, string, string, double, Exception?> RequestFailed =
        LoggerMessage.Define<string, string, double>(LogLevel.Warning, new EventId(3, "PortOneRequestFailed"), "PortOne {Operation} failed with {ExceptionType} after {ElapsedMs:0.0} ms");

    private static readonly Action<ILogger, string, int, int?, string?, double, Exception?> Retrying =
        LoggerMessage.Define<string, int, int?, string?, double>(LogLevel.Warning, new EventId(4, "PortOneRetry"), "PortOne {Operation} attempt {Attempt} failed (status {StatusCode}, exception {ExceptionType}); retrying in {DelayMs:0} ms");

    private static readonly Action<ILogger, string, Exception?> TokenRenewing =
        LoggerMessage.Define<string>(LogLevel.Debug, new EventId(5, "PortOneTokenRenewing"), "PortOne {Credential} access token is being renewed");

    private static readonly Action<ILogger, string, string, Exception?> TokenFetchFailed =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(8, "PortOneTokenFetchFailed"), "PortOne {Credential} could not obtain an access token ({ExceptionType}); the next call starts a new fetch");

    private static readonly Action<ILogger, string, double, Exception?> TokenWithoutLife =
        LoggerMessage.Define<string, double>(LogLevel.Warning, new EventId(9, "PortOneTokenWithoutLife"), "PortOne {Credential} received an access token that had already expired by the server's own clock; it is used for {ReuseSeconds:0} s before another is fetched");

    private static readonly Action<ILogger, string, Exception?> Unauthorized =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(6, "PortOneUnauthorized"), "PortOne {Operation} answered 401; renewing the token and sending once more");

    private static readonly Action<ILogger, string, int, string, Exception?> AnswerDiffersFromSpec =
        LoggerMessage.Define<string, int, string>(LogLevel.Warning, new EventId(7, "PortOneAnswerDiffersFromSpec"), "PortOne {Operation} answered with {Count} field(s) that differ from the API description; they were left empty or left out: {Paths}");

    private static readonly Action<ILogger, string, string, int, string, Exception?> OutcomeResolving =
        LoggerMessage.Define<string, string, int, string>(LogLevel.Warning, new EventId(10, "PortOneOutcomeResolving"), "PortOne {Operation} for payment {PaymentId}: send {Send} ended without an answer that settles it ({ExceptionType}); looking the payment up");

    private static readonly Action<ILogger, string, string, int, string, Exception?> OutcomeLookupFailed =
        LoggerMessage.Define<string, string, int, string>(LogLevel.Warning, new EventId(11, "PortOneOutcomeLookupFailed"), "PortOne {Operation} for payment {PaymentId}: lookup {Lookup} failed ({ExceptionType})");

    private static readonly Action<ILogger, string, string, string, int, Exception?> OutcomeResending =
        LoggerMessage.Define<string, string, string, int>(LogLevel.Warning, new EventId(12, "PortOneOutcomeResending"), "PortOne {Operation} for payment {PaymentId}: PortOne shows {State}; sending again under the same id (send {Send})");

    private static readonly Action<ILogger, string, string, string, Exception?> OutcomeResolved =
        LoggerMessage.Define<string, string, string>(LogLevel.Information, new EventId(13, "PortOneOutcomeResolved"), "PortOne {Operation} for payment {PaymentId} settled by lookup: {Resolution}");

    private static readonly Action<ILogger, string, string, string, Exception?> OutcomeUnknown =
        LoggerMessage.Define<string, string, string>(LogLevel.Error, new EventId(14, "PortOneOutcomeUnknown"), "PortOne {Operation} for payment {PaymentId}: the outcome is unknown ({Reason}); look the payment up later");

    public static void LogRequestStarting(this ILogger logger, string operation, string method, string pathTemplate) =>
        RequestStarting(logger, operation, method, pathTemplate, null);

    public static void LogRequestFinished(this ILogger logger, string operation, int statusCode, double elapsedMs, string? requestId) =>
        RequestFinished(logger, operation, statusCode, elapsedMs, requestId, null);

    // The exception object is deliberately not passed: its message may quote a URL with merchant data.
    public static void LogRequestFailed(this ILogger logger, string operation, string exceptionType, double elapsedMs) =>
        RequestFailed(logger, operation, exceptionType, elapsedMs, null);

    public static void LogRetry(this ILogger logger, string operation, int attempt, int? statusCode, string? exceptionType, double delayMs) =>
        Retrying(logger, operation, attempt, statusCode, exceptionType, delayMs, null);

    // Paths only (e.g. $.items[2].totalAmount), never values: a value may be card data.
    public static void LogAnswerDiffersFromSpec(this ILogger logger, string operation, int count, string paths) =>
        AnswerDiffersFromSpec(logger, operation, count, paths, null);

    public static void LogTokenRenewing(this ILogger logger, string credential) => TokenRenewing(logger, credential, null);

    public static void LogTokenFetchFailed(this ILogger logger, string credential, string exceptionType) => TokenFetchFailed(logger, credential, exceptionType, null);

    public static void LogTokenWithoutLife(this ILogger logger, string credential, double reuseSeconds) => TokenWithoutLife(logger, credential, reuseSeconds, null);

    public static void LogUnauthorized(this ILogger logger, string operation) => Unauthorized(logger, operation, null);

    // Ids are logged (the merchant chose them to find the payment); amounts, card data and bodies never are.
    public static void LogOutcomeResolving(this ILogger logger, string operation, string paymentId, int send, string exceptionType) =>
        OutcomeResolving(logger, operation, paymentId, send, exceptionType, null);

    public static void LogOutcomeLookupFailed(this ILogger logger, string operation, string paymentId, int lookup, string exceptionType) =>
        OutcomeLookupFailed(logger, operation, paymentId, lookup, exceptionType, null);

    public static void LogOutcomeResending(this ILogger logger, string operation, string paymentId, string state, int send) =>
        OutcomeResending(logger, operation, paymentId, state, send, null);

    public static void LogOutcomeResolved(this ILogger logger, string operation, string paymentId, string resolution) =>
        OutcomeResolved(logger, operation, paymentId, resolution, null);

    public static void LogOutcomeUnknown(this ILogger logger, string operation, string paymentId, string reason) =>
        OutcomeUnknown(logger, operation, paymentId, reason, null);
}
