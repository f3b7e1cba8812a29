using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.Http;

/// <summary>
/// Reads the body of a success answer: strictly first (no extra cost for an answer that matches the API
/// description), then tolerantly, logging the paths of what had to be left empty. Turns an answer that cannot be
/// read at all into <see cref="PortOneInvalidResponseException"/>, which says so plainly when the request moved money
/// or stored a card and PortOne accepted it.
/// </summary>
internal static class PortOneAnswers
{
    /// <param name="response">The answer.</param>
    /// <param name="json">The part of the body to read (V1: the envelope's <c>response</c>).</param>
    /// <param name="strict">The source-generated metadata.</param>
    /// <param name="tolerant">The API's tolerant reader; null keeps the read strict (token answers, whose timing must not be guessed).</param>
    /// <param name="rootPath">Where <paramref name="json"/> sits in the body, for the logged paths.</param>
    /// <param name="operationName">The operation, for messages and logs.</param>
    /// <param name="accepted">For a call that moves money or stores a card: what it was about (e.g. <c>payment ID "x"</c>); null otherwise.</param>
    /// <param name="logger">Where the warning goes when fields were left empty.</param>
    public static T Read<T>(in PortOneResponse response, ReadOnlySpan<byte> json, JsonTypeInfo<T> strict, TolerantReader? tolerant, string rootPath, string operationName, string? accepted, ILogger logger)
    {
        try
        {
            var value = JsonSerializer.Deserialize(json, strict);
            if (value is not null)
            {
                return value;
            }
        }
        catch (Exception exception) when (TolerantReader.IsReadFailure(exception))
        {
            if (tolerant is null)
            {
                throw Invalid(response, operationName, accepted, exception);
            }
        }

        if (tolerant is null)
        {
            throw Invalid(response, operationName, accepted, new JsonException("The body was JSON null."));
        }

        var emptied = new List<string>();
        T? tolerated;
        try
        {
            tolerated = tolerant.Read<T>(json, rootPath, emptied);
        }
        catch (Exception exception) when (TolerantReader.IsReadFailure(exception))
        {
            throw Invalid(response, operationName, accepted, exception);
        }

        if (tolerated is null)
        {
            throw Invalid(response, operationName, accepted, new JsonException("The body was JSON null."));
        }

        if (emptied.Count > 0)
        {
            logger.LogAnswerDiffersFromSpec(operationName, emptied.Count, string.Join(", ", emptied));
        }

        return tolerated;
    }

    /// <summary>
    /// The exception for an answer that cannot be read. For a call that moves money or stores a card and got a
    /// success status, its message says that PortOne accepted the request and names what to look up.
    /// </summary>
    public static PortOneInvalidResponseException Invalid(in PortOneResponse response, string operationName, string? accepted, Exception? inner)
    {
        if (accepted is null || !response.IsSuccess)
        {
            return PortOneTransport.Invalid(response, operationName, inner);
        }

        return new PortOneInvalidResponseException(
            $"PortOne ACCEPTED {operationName} for {accepted} (HTTP {(int)response.StatusCode}), but its answer could not be read"
                + (inner is null ? "." : $": {inner.Message}")
                + $" Do not send the request again as it is: look up {accepted} first to see what PortOne did. The raw answer is in RawBody.",
            response.StatusCode,
            response.BodyText,
            response.RequestId,
            inner,
            requestAccepted: true);
    }
}
