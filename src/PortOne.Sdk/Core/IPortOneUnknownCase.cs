using System.Text.Json;

namespace PortOne.Sdk;

/// <summary>
/// Implemented by the <c>Unknown…</c> case of every union: a case the SDK does not know yet, kept whole so that
/// nothing the server sends is lost and it can be written back unchanged.
/// </summary>
public interface IPortOneUnknownCase
{
    /// <summary>The discriminator value the server sent, or null when the object had none.</summary>
    string? Discriminator { get; }

    /// <summary>The whole JSON object as it arrived.</summary>
    JsonElement RawJson { get; }
}
