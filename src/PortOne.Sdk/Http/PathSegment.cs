using System;

namespace PortOne.Sdk.Http;

/// <summary>
/// Ids that the merchant or PortOne chose and that travel in a request path. Every such id passes through here,
/// for both APIs, so no id can change the route: it is either refused before anything is sent, or sent as exactly
/// one escaped path segment.
/// </summary>
internal static class PathSegment
{
    /// <summary>Checks an id (see <see cref="Check"/>) and escapes it as one path segment.</summary>
    /// <param name="value">The id.</param>
    /// <param name="parameterName">The caller's parameter, named in the exception.</param>
    public static string Escape(string? value, string parameterName) => Uri.EscapeDataString(Check(value, parameterName));

    /// <summary>
    /// Refuses an id that cannot stand for itself in a path: null, empty or blank; <c>.</c> or <c>..</c> (a client
    /// or proxy folds such a segment away, so the request would reach another route); or text with an unpaired
    /// UTF-16 surrogate (it has no UTF-8 form, so the id PortOne received would not be the caller's).
    /// </summary>
    /// <param name="value">The id.</param>
    /// <param name="parameterName">The caller's parameter, named in the exception.</param>
    /// <returns><paramref name="value"/>, unchanged.</returns>
    public static string Check(string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameterName} must not be empty or blank.", parameterName);
        }

        CheckText(value, parameterName);
        return value;
    }

    /// <summary>The checks of <see cref="Check"/> that do not concern emptiness (for callers with their own message for it).</summary>
    /// <param name="value">The id, not null.</param>
    /// <param name="parameterName">The caller's parameter, named in the exception.</param>
    public static void CheckText(string value, string parameterName)
    {
        if (value is "." or "..")
        {
            throw new ArgumentException($"{parameterName} cannot be '.' or '..': such a path segment would be folded away and the request would reach another route.", parameterName);
        }

        if (HasUnpairedSurrogate(value))
        {
            throw new ArgumentException($"{parameterName} contains an unpaired UTF-16 surrogate, which has no UTF-8 form; PortOne would receive another id.", parameterName);
        }
    }

    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }

            if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
