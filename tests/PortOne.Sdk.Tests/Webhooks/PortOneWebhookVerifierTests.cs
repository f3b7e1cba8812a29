using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Primitives;
using PortOne.Sdk.V2.Webhooks;
using static PortOne.Sdk.Tests.Webhooks.WebhookTestData;

namespace PortOne.Sdk.Tests.Webhooks;

public sealed class PortOneWebhookVerifierTests
{
    private readonly PortOneWebhookVerifier _verifier = new(Secret, Clock());

    private static PortOneWebhookVerificationException Refused(Action verify) =>
        Assert.Throws<PortOneWebhookVerificationException>(verify);

    [Fact]
    public void Valid_request_is_accepted_and_decoded()
    {
        var hook = _verifier.Verify(PaidBody, Headers(PaidBody));

        var paid = Assert.IsType<WebhookTransactionPaid>(hook);
        Assert.Equal("Transaction.Paid", paid.Type);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 15, 6, 40, 123, TimeSpan.Zero), paid.Timestamp);
        Assert.Equal("order-1", paid.Data.PaymentId);
        Assert.Equal("store-1", paid.Data.StoreId);
        Assert.Equal("tx-1", paid.Data.TransactionId);
    }

    [Fact]
    public void Standard_webhooks_reference_vector_is_accepted()
    {
        // The example published with the Standard Webhooks specification, which PortOne's scheme follows.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1614265330));
        var verifier = new PortOneWebhookVerifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", clock);

        var hook = verifier.Verify(
            """{"test": 2432232314}""",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "1614265330",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        var unknown = Assert.IsType<UnknownWebhook>(hook);
        Assert.Null(unknown.Discriminator);
        Assert.Equal(2432232314, unknown.RawJson.GetProperty("test").GetInt64());
    }

    [Fact]
    public void Tampered_body_is_refused()
    {
        var headers = Headers(PaidBody);
        var tampered = PaidBody.Replace("order-1", "order-2", StringComparison.Ordinal);

        var ex = Refused(() => _verifier.Verify(tampered, headers));

        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, ex.Reason);
        Assert.Null(ex.HeaderName);
        Assert.IsAssignableFrom<PortOneException>(ex);
    }

    [Fact]
    public void Whitespace_change_in_the_body_is_refused()
    {
        var headers = Headers(PaidBody);

        var ex = Refused(() => _verifier.Verify(PaidBody + "\n", headers));

        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, ex.Reason);
    }

    [Fact]
    public void Request_signed_with_another_secret_is_refused()
    {
        var otherKey = Enumerable.Repeat((byte)7, 32).ToArray();
        var headers = Headers(PaidBody);
        headers["webhook-signature"] = SignatureOf(Id, Now, PaidBody, otherKey);

        var ex = Refused(() => _verifier.Verify(PaidBody, headers));

        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, ex.Reason);
    }

    [Fact]
    public void Changed_id_or_timestamp_breaks_the_signature()
    {
        var headers = Headers(PaidBody);
        headers["webhook-id"] = "msg_other";
        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, Refused(() => _verifier.Verify(PaidBody, headers)).Reason);

        headers = Headers(PaidBody);
        headers["webhook-timestamp"] = (Now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, Refused(() => _verifier.Verify(PaidBody, headers)).Reason);
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Missing_header_is_named(string header)
    {
        var headers = Headers(PaidBody);
        headers.Remove(header);

        var ex = Refused(() => _verifier.Verify(PaidBody, headers));

        Assert.Equal(PortOneWebhookVerificationFailure.MissingHeader, ex.Reason);
        Assert.Equal(header, ex.HeaderName);
        Assert.Contains(header, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Empty_header_counts_as_missing(string header)
    {
        var headers = Headers(PaidBody);
        headers[header] = "";

        var ex = Refused(() => _verifier.Verify(PaidBody, headers));

        Assert.Equal(PortOneWebhookVerificationFailure.MissingHeader, ex.Reason);
        Assert.Equal(header, ex.HeaderName);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1750000000")]
    [InlineData("+1750000000")]
    [InlineData("1750000000.5")]
    [InlineData(" 1750000000")]
    [InlineData("2025-06-15T15:06:40Z")]
    [InlineData("99999999999999999999999")]
    public void Malformed_timestamp_is_refused(string timestamp)
    {
        var headers = Headers(PaidBody);
        headers["webhook-timestamp"] = timestamp;

        var ex = Refused(() => _verifier.Verify(PaidBody, headers));

        Assert.Equal(PortOneWebhookVerificationFailure.BadTimestamp, ex.Reason);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public void Timestamp_up_to_five_minutes_off_is_accepted(long offset)
    {
        var timestamp = Now + offset;

        var hook = _verifier.Verify(PaidBody, Headers(PaidBody, timestamp));

        Assert.IsType<WebhookTransactionPaid>(hook);
    }

    [Theory]
    [InlineData(-301, PortOneWebhookVerificationFailure.TooOld)]
    [InlineData(-86_400, PortOneWebhookVerificationFailure.TooOld)]
    [InlineData(301, PortOneWebhookVerificationFailure.TooNew)]
    [InlineData(86_400, PortOneWebhookVerificationFailure.TooNew)]
    public void Timestamp_more_than_five_minutes_off_is_refused(long offset, PortOneWebhookVerificationFailure expected)
    {
        var headers = Headers(PaidBody, Now + offset);

        var ex = Refused(() => _verifier.Verify(PaidBody, headers));

        Assert.Equal(expected, ex.Reason);
    }

    [Fact]
    public void Same_request_expires_as_the_clock_moves_on()
    {
        var clock = Clock();
        var verifier = new PortOneWebhookVerifier(Secret, clock);
        var headers = Headers(PaidBody);

        clock.Advance(TimeSpan.FromSeconds(300));
        Assert.IsType<WebhookTransactionPaid>(verifier.Verify(PaidBody, headers));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PortOneWebhookVerificationFailure.TooOld, Refused(() => verifier.Verify(PaidBody, headers)).Reason);
    }

    [Fact]
    public void Tolerance_is_five_minutes() => Assert.Equal(TimeSpan.FromMinutes(5), PortOneWebhookVerifier.TimestampTolerance);

    [Fact]
    public void One_valid_signature_among_invalid_ones_is_enough()
    {
        var headers = Headers(PaidBody);
        var valid = headers["webhook-signature"];
        var wrong = SignatureOf(Id, Now, "other body");
        headers["webhook-signature"] = $"{wrong} v1,not*base64 v1, v1,AAAA {valid} {wrong}";

        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, headers));
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v1a")]
    [InlineData("V1")]
    [InlineData("")]
    public void Only_v1_signatures_count(string version)
    {
        var headers = Headers(PaidBody);
        var valid = headers["webhook-signature"];
        headers["webhook-signature"] = version + valid.Substring(2);

        var ex = Refused(() => _verifier.Verify(PaidBody, headers));

        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, ex.Reason);
    }

    [Fact]
    public void Truncated_signature_is_refused()
    {
        var headers = Headers(PaidBody);
        var mac = Convert.FromBase64String(headers["webhook-signature"].Substring(3));
        headers["webhook-signature"] = "v1," + Convert.ToBase64String(mac.AsSpan(0, 16));

        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, Refused(() => _verifier.Verify(PaidBody, headers)).Reason);
    }

    [Fact]
    public void Secret_is_accepted_with_and_without_prefix()
    {
        var withPrefix = new PortOneWebhookVerifier("whsec_" + SecretBase64, Clock());
        var withoutPrefix = new PortOneWebhookVerifier(SecretBase64, Clock());

        Assert.IsType<WebhookTransactionPaid>(withPrefix.Verify(PaidBody, Headers(PaidBody)));
        Assert.IsType<WebhookTransactionPaid>(withoutPrefix.Verify(PaidBody, Headers(PaidBody)));
    }

    [Fact]
    public void Secret_and_signature_without_base64_padding_are_accepted()
    {
        // A 31-byte secret ends in "==" and a 32-byte HMAC in "="; some tools drop the padding.
        var key = Enumerable.Range(1, 31).Select(i => (byte)i).ToArray();
        var secret = "whsec_" + Convert.ToBase64String(key).TrimEnd('=');
        var verifier = new PortOneWebhookVerifier(secret, Clock());
        var signature = SignatureOf(Id, Now, PaidBody, key);
        Assert.EndsWith("=", signature, StringComparison.Ordinal);

        var hook = verifier.Verify(PaidBody, Id, Now.ToString(System.Globalization.CultureInfo.InvariantCulture), signature.TrimEnd('='));

        Assert.IsType<WebhookTransactionPaid>(hook);
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_AAAAA")]
    [InlineData("whsec_not base64!")]
    [InlineData("%%%%")]
    public void Unusable_secret_fails_every_request_as_bad_secret(string secret)
    {
        var verifier = new PortOneWebhookVerifier(secret, Clock());

        var ex = Refused(() => verifier.Verify(PaidBody, Headers(PaidBody)));

        Assert.Equal(PortOneWebhookVerificationFailure.BadSecret, ex.Reason);
        Assert.False(verifier.TryVerify(PaidBody, Headers(PaidBody), out _));
    }

    [Fact]
    public void Bad_secret_is_reported_before_missing_headers()
    {
        var verifier = new PortOneWebhookVerifier("whsec_???", Clock());

        Assert.Equal(PortOneWebhookVerificationFailure.BadSecret, Refused(() => verifier.Verify(PaidBody, new Dictionary<string, string>())).Reason);
    }

    [Fact]
    public void Messages_never_contain_the_secret()
    {
        foreach (var reason in Enum.GetValues<PortOneWebhookVerificationFailure>())
        {
            var ex = new PortOneWebhookVerificationException(reason, "webhook-id");
            Assert.DoesNotContain(SecretBase64, ex.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    [Fact]
    public void Caller_mistakes_are_argument_exceptions()
    {
        Assert.Throws<ArgumentNullException>("webhookSecret", () => new PortOneWebhookVerifier(null!));
        Assert.Throws<ArgumentNullException>("body", () => _verifier.Verify((string)null!, Headers(PaidBody)));
        Assert.Throws<ArgumentNullException>("headers", () => _verifier.Verify(PaidBody, (Dictionary<string, string>)null!));
        Assert.Throws<ArgumentNullException>("headers", () => _verifier.Verify(PaidBody, (HttpHeaders)null!));
        Assert.Throws<ArgumentNullException>("headers", () => _verifier.Verify(PaidBody, (IEnumerable<KeyValuePair<string, StringValues>>)null!));
    }

    [Fact]
    public void Header_names_are_matched_without_regard_to_case()
    {
        var signed = Headers(PaidBody);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Webhook-Id"] = signed["webhook-id"],
            ["WEBHOOK-TIMESTAMP"] = signed["webhook-timestamp"],
            ["webhook-Signature"] = signed["webhook-signature"],
            ["Content-Type"] = "application/json",
        };

        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, headers));
    }

    [Fact]
    public void Aspnetcore_style_header_dictionary_is_accepted()
    {
        var signed = Headers(PaidBody);
        // IHeaderDictionary is an IDictionary<string, StringValues>; this is the same shape without ASP.NET Core.
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)
        {
            ["Webhook-Id"] = signed["webhook-id"],
            ["Webhook-Timestamp"] = signed["webhook-timestamp"],
            ["Webhook-Signature"] = new StringValues([SignatureOf(Id, Now, "other"), signed["webhook-signature"]]),
        };

        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, headers));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(Encoding.UTF8.GetBytes(PaidBody), headers));
        Assert.True(_verifier.TryVerify(PaidBody, headers, out var hook));
        Assert.IsType<WebhookTransactionPaid>(hook);

        headers.Remove("webhook-timestamp");
        Assert.Equal("webhook-timestamp", Refused(() => _verifier.Verify(PaidBody, headers)).HeaderName);
    }

    [Fact]
    public void Http_request_headers_are_accepted()
    {
        var signed = Headers(PaidBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://merchant.example/webhooks");
        request.Headers.TryAddWithoutValidation("Webhook-ID", signed["webhook-id"]);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", signed["webhook-timestamp"]);
        request.Headers.TryAddWithoutValidation("webhook-signature", "v1,AAAA " + signed["webhook-signature"]);

        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, request.Headers));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(Encoding.UTF8.GetBytes(PaidBody), request.Headers));
        Assert.True(_verifier.TryVerify(Encoding.UTF8.GetBytes(PaidBody), request.Headers, out _));

        request.Headers.Remove("webhook-signature");
        Assert.Equal("webhook-signature", Refused(() => _verifier.Verify(PaidBody, request.Headers)).HeaderName);
    }

    [Fact]
    public void Plain_pairs_and_explicit_values_are_accepted()
    {
        var signed = Headers(PaidBody);
        IEnumerable<KeyValuePair<string, string>> pairs = signed.ToList();
        var bytes = Encoding.UTF8.GetBytes(PaidBody);
        ReadOnlySpan<byte> span = bytes;

        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, pairs));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(bytes, signed));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(span, signed));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, signed["webhook-id"], signed["webhook-timestamp"], signed["webhook-signature"]));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(span, signed["webhook-id"], signed["webhook-timestamp"], signed["webhook-signature"]));
        Assert.Equal(
            "webhook-id",
            Refused(() => _verifier.Verify(PaidBody, null, signed["webhook-timestamp"], signed["webhook-signature"])).HeaderName);
    }

    [Fact]
    public void Body_bytes_that_are_not_utf8_text_are_verified_as_sent()
    {
        // The signature covers bytes; a body with a non-ASCII character must be verified on exactly those bytes.
        const string body = """{"type":"Transaction.Paid","timestamp":"2025-06-15T15:06:40Z","data":{"paymentId":"주문-1","storeId":"s","transactionId":"t"}}""";
        var headers = Headers(body);

        var paid = Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(Encoding.UTF8.GetBytes(body), headers));

        Assert.Equal("주문-1", paid.PaymentId);
        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, Refused(() => _verifier.Verify(Encoding.Unicode.GetBytes(body), headers)).Reason);
    }

    [Fact]
    public void TryVerify_reports_failures_without_throwing()
    {
        var headers = Headers(PaidBody);

        Assert.True(_verifier.TryVerify(PaidBody, headers, out var hook));
        Assert.IsType<WebhookTransactionPaid>(hook);

        Assert.False(_verifier.TryVerify(PaidBody + " ", headers, out hook));
        Assert.Null(hook);

        headers.Remove("webhook-id");
        Assert.False(_verifier.TryVerify(Encoding.UTF8.GetBytes(PaidBody), headers, out hook));
        Assert.Null(hook);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("""{"type":"Transaction.Paid","timestamp":"2025-06-15T15:06:40Z","data":{"storeId":"s","transactionId":"t"}}""")]
    [InlineData("""{"type":"Transaction.Paid","data":{"paymentId":"p","storeId":"s","transactionId":"t"}}""")]
    [InlineData("""{"type":"BillingKey.Issued","timestamp":"yesterday","data":{"billingKey":"b","storeId":"s"}}""")]
    public void Signed_body_that_is_no_webhook_payload_is_invalid_payload(string body)
    {
        var ex = Refused(() => _verifier.Verify(body, Headers(body)));

        Assert.Equal(PortOneWebhookVerificationFailure.InvalidPayload, ex.Reason);
        Assert.False(_verifier.TryVerify(body, Headers(body), out _));
    }
}
