using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Primitives;
using PortOne.Sdk.V2.Webhooks;
using static PortOne.Sdk.Tests.Webhooks.WebhookTestData;

namespace PortOne.Sdk.Tests.Webhooks;

/// <summary>
/// A header repeated on the way to the receiver: <c>webhook-id</c> and <c>webhook-timestamp</c> must arrive exactly
/// once, in every shape of header collection the verifier accepts; <c>webhook-signature</c> entries are pooled.
/// </summary>
public sealed class PortOneWebhookVerifierRepeatedHeaderTests
{
    /// <summary>The header collections the verifier takes; each test line becomes one header line.</summary>
    public enum Shape
    {
        /// <summary>ASP.NET Core's <c>IHeaderDictionary</c>: one case-insensitive entry per name holding every value.</summary>
        HeaderDictionary,

        /// <summary><see cref="StringValues"/> pairs where a repeated name is a separate entry.</summary>
        StringValuesEntries,

        /// <summary>Plain name/value pairs.</summary>
        Pairs,

        /// <summary><see cref="HttpHeaders"/> with the header added once per line.</summary>
        HttpHeaders,
    }

    private const string OtherId = "msg_other";

    private static readonly string NowText = Now.ToString(CultureInfo.InvariantCulture);

    private readonly PortOneWebhookVerifier _verifier = new(Secret, Clock());

    private readonly PortOneWebhookSigner _signer = new(Secret, Clock());

    public static TheoryData<Shape> Shapes() => [.. Enum.GetValues<Shape>()];

    public static TheoryData<Shape, string, string, bool> ExtraIds()
    {
        var data = new TheoryData<Shape, string, string, bool>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            data.Add(shape, "webhook-id", OtherId, false);
            data.Add(shape, "Webhook-Id", OtherId, true);
            data.Add(shape, "WEBHOOK-ID", Id, false);
            data.Add(shape, "webhook-id", "", true);
        }

        return data;
    }

    public static TheoryData<Shape, string, string, bool> ExtraTimestamps()
    {
        var data = new TheoryData<Shape, string, string, bool>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            data.Add(shape, "webhook-timestamp", NowText, false);
            data.Add(shape, "Webhook-Timestamp", (Now + 1).ToString(CultureInfo.InvariantCulture), true);
            data.Add(shape, "WEBHOOK-TIMESTAMP", "", false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExtraIds))]
    public void Second_id_is_refused_although_the_signature_over_the_first_is_valid(Shape shape, string name, string extra, bool extraFirst)
    {
        var lines = Lines(_signer.Sign(PaidBody, Id));
        Assert.IsType<WebhookTransactionPaid>(Accepted(shape, lines));

        var ex = Refused(shape, With(lines, (name, extra), extraFirst));

        Assert.Equal(PortOneWebhookVerificationFailure.DuplicateHeader, ex.Reason);
        Assert.Equal("webhook-id", ex.HeaderName);
        Assert.Contains("webhook-id", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExtraTimestamps))]
    public void Second_timestamp_is_refused_although_the_first_is_validly_signed(Shape shape, string name, string extra, bool extraFirst)
    {
        var lines = Lines(_signer.Sign(PaidBody, Id));
        Assert.IsType<WebhookTransactionPaid>(Accepted(shape, lines));

        var ex = Refused(shape, With(lines, (name, extra), extraFirst));

        Assert.Equal(PortOneWebhookVerificationFailure.DuplicateHeader, ex.Reason);
        Assert.Equal("webhook-timestamp", ex.HeaderName);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Two_genuine_deliveries_merged_into_one_request_are_refused(Shape shape)
    {
        // Both ids carry a valid signature for the same second, so only the repetition itself can stop this.
        var first = _signer.Sign(PaidBody, Id);
        var second = _signer.Sign(PaidBody, OtherId);

        var ex = Refused(
            shape,
            [
                ("webhook-id", first.Id),
                ("webhook-id", second.Id),
                ("webhook-timestamp", first.Timestamp),
                ("webhook-signature", first.Signature),
                ("webhook-signature", second.Signature),
            ]);

        Assert.Equal(PortOneWebhookVerificationFailure.DuplicateHeader, ex.Reason);
        Assert.Equal("webhook-id", ex.HeaderName);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Repetition_is_reported_before_the_signature_and_the_clock_are_checked(Shape shape)
    {
        // Nothing here is valid: no matching signature, a stale timestamp. The repetition is still what is reported.
        var stale = (Now - 3600).ToString(CultureInfo.InvariantCulture);

        var ex = Refused(
            shape,
            [("webhook-id", Id), ("webhook-timestamp", stale), ("webhook-timestamp", stale), ("webhook-signature", "v1,AAAA")]);

        Assert.Equal(PortOneWebhookVerificationFailure.DuplicateHeader, ex.Reason);
        Assert.Equal("webhook-timestamp", ex.HeaderName);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void One_of_each_header_passes_whatever_the_case_of_its_name(Shape shape)
    {
        var signed = _signer.Sign(PaidBody, Id);

        Assert.IsType<WebhookTransactionPaid>(Accepted(shape, Lines(signed)));
        Assert.IsType<WebhookTransactionPaid>(Accepted(
            shape,
            [("Webhook-Id", signed.Id), ("WEBHOOK-TIMESTAMP", signed.Timestamp), ("Webhook-Signature", signed.Signature), ("User-Agent", "PortOne")]));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_single_id_containing_a_comma_is_one_id(Shape shape)
    {
        // A comma is not a separator for the id: the value is used whole, as PortOne signed it.
        var signed = _signer.Sign(PaidBody, "msg_a,msg_b");
        Assert.IsType<WebhookTransactionPaid>(Accepted(shape, Lines(signed)));

        // Two ids folded into one line by a proxy are therefore one id nobody signed.
        var folded = Lines(_signer.Sign(PaidBody, Id));
        folded[0] = ("webhook-id", Id + ", " + OtherId);
        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, Refused(shape, folded).Reason);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Two_timestamps_folded_into_one_line_are_not_a_number(Shape shape)
    {
        var lines = Lines(_signer.Sign(PaidBody, Id));
        lines[1] = ("webhook-timestamp", NowText + ", " + NowText);

        Assert.Equal(PortOneWebhookVerificationFailure.BadTimestamp, Refused(shape, lines).Reason);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Entries_of_several_signature_headers_are_pooled_and_any_match_passes(Shape shape)
    {
        var signed = _signer.Sign(PaidBody, Id);
        var wrong = SignatureOf(Id, Now, "another body");
        var rotated = SignatureOf(Id, Now, PaidBody, Enumerable.Repeat((byte)9, 32).ToArray());

        Assert.IsType<WebhookTransactionPaid>(Accepted(
            shape,
            [("webhook-id", Id), ("webhook-timestamp", NowText), ("webhook-signature", wrong), ("Webhook-Signature", signed.Signature)]));
        Assert.IsType<WebhookTransactionPaid>(Accepted(
            shape,
            [("webhook-id", Id), ("webhook-timestamp", NowText), ("WEBHOOK-SIGNATURE", signed.Signature + " " + rotated), ("webhook-signature", wrong)]));

        var ex = Refused(
            shape,
            [("webhook-id", Id), ("webhook-timestamp", NowText), ("webhook-signature", wrong), ("webhook-signature", rotated)]);
        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, ex.Reason);
    }

    [Fact]
    public void Explicit_values_are_one_value_each()
    {
        var signed = _signer.Sign(PaidBody, "msg_a,msg_b");
        var wrong = SignatureOf(signed.Id, Now, "another body");

        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, signed.Id, signed.Timestamp, signed.Signature));
        Assert.IsType<WebhookTransactionPaid>(_verifier.Verify(PaidBody, signed.Id, signed.Timestamp, wrong + " " + signed.Signature));

        var folded = Refused(() => _verifier.Verify(PaidBody, Id + "," + OtherId, NowText, SignatureOf(Id, Now, PaidBody)));
        Assert.Equal(PortOneWebhookVerificationFailure.NoMatchingSignature, folded.Reason);
        var twoTimestamps = Refused(() => _verifier.Verify(PaidBody, signed.Id, NowText + "," + NowText, signed.Signature));
        Assert.Equal(PortOneWebhookVerificationFailure.BadTimestamp, twoTimestamps.Reason);
    }

    [Fact]
    public void Header_name_is_kept_for_a_duplicate()
    {
        var ex = new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.DuplicateHeader, "webhook-timestamp");

        Assert.Equal("webhook-timestamp", ex.HeaderName);
        Assert.Contains("webhook-timestamp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
    }

    private static List<(string Name, string Value)> Lines(PortOneWebhookHeaders headers) =>
        [.. headers.Select(h => (h.Key, h.Value))];

    private static List<(string Name, string Value)> With(List<(string Name, string Value)> lines, (string Name, string Value) extra, bool first)
    {
        var result = new List<(string Name, string Value)>(lines);
        if (first)
        {
            result.Insert(0, extra);
        }
        else
        {
            result.Add(extra);
        }

        return result;
    }

    private static PortOneWebhookVerificationException Refused(Action verify) =>
        Assert.Throws<PortOneWebhookVerificationException>(verify);

    private Webhook Accepted(Shape shape, List<(string Name, string Value)> lines)
    {
        Assert.True(TryVerify(shape, lines, out var viaTry));
        Assert.NotNull(viaTry);
        return Verify(shape, lines);
    }

    private PortOneWebhookVerificationException Refused(Shape shape, List<(string Name, string Value)> lines)
    {
        Assert.False(TryVerify(shape, lines, out var viaTry));
        Assert.Null(viaTry);
        return Refused(() => Verify(shape, lines));
    }

    private Webhook Verify(Shape shape, List<(string Name, string Value)> lines)
    {
        switch (shape)
        {
            case Shape.HeaderDictionary:
                return _verifier.Verify(PaidBody, HeaderDictionary(lines));
            case Shape.StringValuesEntries:
                return _verifier.Verify(PaidBody, StringValuesEntries(lines));
            case Shape.Pairs:
                return _verifier.Verify(PaidBody, Pairs(lines));
            default:
                using (var request = Request(lines))
                {
                    return _verifier.Verify(PaidBody, request.Headers);
                }
        }
    }

    // The byte overloads, so both entry points of every shape are covered.
    private bool TryVerify(Shape shape, List<(string Name, string Value)> lines, out Webhook? webhook)
    {
        var body = Encoding.UTF8.GetBytes(PaidBody);
        switch (shape)
        {
            case Shape.HeaderDictionary:
                return _verifier.TryVerify(body, HeaderDictionary(lines), out webhook);
            case Shape.StringValuesEntries:
                return _verifier.TryVerify(body, StringValuesEntries(lines), out webhook);
            case Shape.Pairs:
                return _verifier.TryVerify(body, Pairs(lines), out webhook);
            default:
                using (var request = Request(lines))
                {
                    return _verifier.TryVerify(body, request.Headers, out webhook);
                }
        }
    }

    // What Kestrel builds from repeated header lines: one entry per name, regardless of case, with every value.
    private static Dictionary<string, StringValues> HeaderDictionary(List<(string Name, string Value)> lines)
    {
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in lines)
        {
            headers[name] = headers.TryGetValue(name, out var values) ? StringValues.Concat(values, value) : new StringValues(value);
        }

        return headers;
    }

    private static List<KeyValuePair<string, StringValues>> StringValuesEntries(List<(string Name, string Value)> lines) =>
        [.. lines.Select(l => new KeyValuePair<string, StringValues>(l.Name, l.Value))];

    private static List<KeyValuePair<string, string>> Pairs(List<(string Name, string Value)> lines) =>
        [.. lines.Select(l => new KeyValuePair<string, string>(l.Name, l.Value))];

    private static HttpRequestMessage Request(List<(string Name, string Value)> lines)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://merchant.example/webhooks");
        foreach (var (name, value) in lines)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value));
        }

        return request;
    }
}
