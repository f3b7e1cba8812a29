using System.Text;
using PortOne.Sdk.V2.Webhooks;
using static PortOne.Sdk.Tests.Webhooks.WebhookTestData;

namespace PortOne.Sdk.Tests.Webhooks;

public sealed class PortOneWebhookSignerTests
{
    [Fact]
    public void Signer_matches_an_independently_computed_hmac()
    {
        var signer = new PortOneWebhookSigner(Secret, Clock());

        var headers = signer.Sign(PaidBody, Id);

        Assert.Equal(Id, headers.Id);
        Assert.Equal("1750000000", headers.Timestamp);
        Assert.Equal(SignatureOf(Id, Now, PaidBody), headers.Signature);
    }

    [Fact]
    public void Signer_reproduces_the_standard_webhooks_reference_vector()
    {
        var signer = new PortOneWebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        var headers = signer.Sign("""{"test": 2432232314}""", "msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers.Signature);
    }

    [Fact]
    public void Signed_headers_round_trip_through_the_verifier()
    {
        var secret = PortOneWebhookSigner.GenerateSecret();
        var clock = Clock();
        var signer = new PortOneWebhookSigner(secret, clock);
        var verifier = new PortOneWebhookVerifier(secret, clock);

        var headers = signer.Sign(PaidBody);
        var fromBytes = signer.Sign(Encoding.UTF8.GetBytes(PaidBody));

        Assert.StartsWith("msg_", headers.Id, StringComparison.Ordinal);
        Assert.NotEqual(headers.Id, fromBytes.Id);
        Assert.IsType<WebhookTransactionPaid>(verifier.Verify(PaidBody, headers));
        Assert.IsType<WebhookTransactionPaid>(verifier.Verify(Encoding.UTF8.GetBytes(PaidBody), fromBytes));
        Assert.Equal(3, headers.Count);
        Assert.Equal(
            ["webhook-id", "webhook-timestamp", "webhook-signature"],
            headers.Select(pair => pair.Key));
    }

    [Fact]
    public void Generated_secrets_are_prefixed_random_and_decodable()
    {
        var first = PortOneWebhookSigner.GenerateSecret();
        var second = PortOneWebhookSigner.GenerateSecret();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(32, Convert.FromBase64String(first.Substring("whsec_".Length)).Length);
    }

    [Fact]
    public void Explicit_timestamp_keeps_whole_seconds()
    {
        var signer = new PortOneWebhookSigner(Secret);

        var headers = signer.Sign("{}", "msg_1", DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_999));

        Assert.Equal("1750000000", headers.Timestamp);
    }

    [Fact]
    public void Signer_rejects_caller_mistakes()
    {
        Assert.Throws<ArgumentNullException>("webhookSecret", () => new PortOneWebhookSigner(null!));
        Assert.Throws<ArgumentException>("webhookSecret", () => new PortOneWebhookSigner("whsec_***"));
        Assert.Throws<ArgumentException>("webhookSecret", () => new PortOneWebhookSigner(""));
        var signer = new PortOneWebhookSigner(Secret);
        Assert.Throws<ArgumentNullException>("body", () => signer.Sign((string)null!));
        Assert.Throws<ArgumentException>("webhookId", () => signer.Sign("{}", ""));
        Assert.Throws<ArgumentNullException>("signature", () => new PortOneWebhookHeaders("id", "1", null!));
    }
}
