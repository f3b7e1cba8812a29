using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace PortOne.Sdk.Tests.Webhooks;

/// <summary>A fixed secret, clock and body, and an HMAC computed here without the SDK's code.</summary>
internal static class WebhookTestData
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static readonly string SecretBase64 = Convert.ToBase64String(Key);

    public static readonly string Secret = "whsec_" + SecretBase64;

    public const long Now = 1_750_000_000;

    public const string Id = "msg_2xYz";

    public const string PaidBody =
        """{"type":"Transaction.Paid","timestamp":"2025-06-15T15:06:40.123Z","data":{"paymentId":"order-1","storeId":"store-1","transactionId":"tx-1"}}""";

    public static FakeTimeProvider Clock() => new(DateTimeOffset.FromUnixTimeSeconds(Now));

    /// <summary>The <c>v1,&lt;base64&gt;</c> entry for a message, computed directly with <see cref="HMACSHA256"/>.</summary>
    public static string SignatureOf(string id, long timestamp, string body, byte[]? key = null)
    {
        using var hmac = new HMACSHA256(key ?? Key);
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    public static Dictionary<string, string> Headers(string body, long timestamp = Now, string id = Id) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = SignatureOf(id, timestamp, body),
    };
}
