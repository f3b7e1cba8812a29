using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortOne.Sdk.Tests.Foundation;

public sealed class UnionTests
{
    private static TestJsonContext Json => TestJsonContext.Default;

    [Theory]
    [InlineData("{\"kind\":\"CIRCLE\",\"radius\":2.5,\"label\":\"a\"}")]
    [InlineData("{\"radius\":2.5,\"kind\":\"CIRCLE\",\"label\":\"a\"}")]
    [InlineData("{\"radius\":2.5,\"label\":\"a\",\"kind\":\"CIRCLE\"}")]
    public void The_discriminator_may_stand_first_in_the_middle_or_last(string json)
    {
        var circle = Assert.IsType<Circle>(JsonSerializer.Deserialize(json, Json.Shape));

        Assert.Equal(2.5, circle.Radius);
        Assert.Equal("a", circle.Label);
        Assert.Equal("CIRCLE", circle.Kind);
    }

    [Fact]
    public void Nested_objects_and_arrays_before_the_discriminator_are_skipped_while_looking_for_it()
    {
        const string json = """
            {
              "children": [ { "kind": "SQUARE", "side": 1, "fill": { "primary": "RED" } }, { "kind": "HEXAGON", "kind2": { "kind": "CIRCLE" } } ],
              "extra": { "kind": "SQUARE", "nested": [ { "kind": "x" } ] },
              "radius": 1,
              "kind": "CIRCLE"
            }
            """;

        var circle = Assert.IsType<Circle>(JsonSerializer.Deserialize(json, Json.Shape));

        Assert.Equal(1, circle.Radius);
        Assert.Collection(
            circle.Children!,
            s => Assert.Equal(Color.Red, Assert.IsType<Square>(s).Fill!.Primary),
            s => Assert.Equal("HEXAGON", Assert.IsType<UnknownShape>(s).Discriminator));
    }

    [Fact]
    public void A_square_whose_extra_data_holds_the_discriminator_name_decodes_by_its_own_discriminator()
    {
        const string json = "{\"extra\":{\"kind\":\"CIRCLE\"},\"side\":3,\"kind\":\"SQUARE\"}";

        var square = Assert.IsType<Square>(JsonSerializer.Deserialize(json, Json.Shape));

        Assert.Equal(3, square.Side);
        Assert.Equal("CIRCLE", square.Extra!["kind"].GetString());
    }

    [Fact]
    public void An_unknown_case_keeps_its_discriminator_and_raw_json_and_writes_them_back_unchanged()
    {
        const string json = "{\"label\":\"h\",\"kind\":\"HEXAGON\",\"sides\":[1,2,3],\"meta\":{\"a\":null,\"b\":1.50}}";

        var unknown = Assert.IsType<UnknownShape>(JsonSerializer.Deserialize(json, Json.Shape));

        Assert.Equal("HEXAGON", unknown.Discriminator);
        Assert.Equal("HEXAGON", unknown.Kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(unknown.RawJson.GetRawText())));
        var written = JsonSerializer.Serialize<Shape>(unknown, Json.Shape);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Unknown_cases_inside_a_list_and_a_property_round_trip_with_the_container()
    {
        const string json = "{\"title\":\"t\",\"main\":{\"kind\":\"STAR\",\"points\":5},\"shapes\":[{\"kind\":\"SQUARE\",\"side\":2},{\"kind\":\"BLOB\"}],\"colors\":[\"RED\",\"MAUVE\"]}";

        var drawing = JsonSerializer.Deserialize(json, Json.Drawing)!;
        var written = JsonSerializer.Serialize(drawing, Json.Drawing);

        Assert.IsType<UnknownShape>(drawing.Main);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Theory]
    [InlineData("{\"radius\":1}", null)]
    [InlineData("{\"kind\":5,\"radius\":1}", null)]
    [InlineData("{\"kind\":null,\"radius\":1}", null)]
    [InlineData("{\"kind\":{\"value\":\"CIRCLE\"},\"radius\":1}", null)]
    [InlineData("{\"kind\":\"circle\",\"radius\":1}", "circle")]
    [InlineData("{}", null)]
    public void A_missing_or_non_string_or_unknown_discriminator_gives_the_unknown_case(string json, string? discriminator)
    {
        var unknown = Assert.IsType<UnknownShape>(JsonSerializer.Deserialize(json, Json.Shape));

        Assert.Equal(discriminator, unknown.Discriminator);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize<Shape>(unknown, Json.Shape))));
    }

    [Fact]
    public void Known_cases_round_trip_writing_the_discriminator_once_and_omitting_nulls()
    {
        Shape square = new Square { Side = 4, Fill = new Palette { Primary = Color.Blue } };

        var written = JsonSerializer.Serialize(square, Json.Shape);
        var back = Assert.IsType<Square>(JsonSerializer.Deserialize(written, Json.Shape));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"kind\":\"SQUARE\",\"side\":4,\"fill\":{\"primary\":\"BLUE\"}}"), JsonNode.Parse(written)), written);
        Assert.Equal(4, back.Side);
        Assert.Equal(Color.Blue, back.Fill!.Primary);
        Assert.Null(back.Fill.Secondary);
        Assert.Null(back.Label);
    }

    [Fact]
    public void Null_and_non_objects_are_handled()
    {
        Assert.Null(JsonSerializer.Deserialize("null", Json.Shape));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("[1]", Json.Shape));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"CIRCLE\"", Json.Shape));
        Assert.Equal("{}", JsonSerializer.Serialize(new Drawing(), Json.Drawing));
    }

    [Fact]
    public void Extensible_enums_keep_unknown_values_and_compare_by_ordinal_value()
    {
        var palette = JsonSerializer.Deserialize("{\"primary\":\"TEAL\",\"secondary\":\"RED\"}", Json.Palette)!;

        Assert.Equal("TEAL", palette.Primary.Value);
        Assert.Equal("TEAL", palette.Primary.ToString());
        Assert.Equal(Color.Red, palette.Secondary);
        Assert.True(palette.Secondary == "RED");
        Assert.False(palette.Secondary == "red");
        Assert.NotEqual(Color.Red, new Color("red"));
        Assert.Equal(Color.Red.GetHashCode(), new Color("RED").GetHashCode());
        Assert.Equal("{\"primary\":\"TEAL\",\"secondary\":\"RED\"}", JsonSerializer.Serialize(palette, Json.Palette));
        Assert.Equal("{\"primary\":\"RED\"}", JsonSerializer.Serialize(new Palette { Primary = "RED" }, Json.Palette));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"primary\":1}", Json.Palette));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new Palette(), Json.Palette));
    }

    [Fact]
    public void Portone_errors_decode_known_and_unknown_types()
    {
        var known = JsonSerializer.Deserialize("{\"message\":\"no\",\"type\":\"UNAUTHORIZED\"}", V2Api.Models.PortOneError);
        var unknown = JsonSerializer.Deserialize("{\"type\":\"BRAND_NEW\",\"message\":\"later\",\"detail\":{\"x\":1}}", V2Api.Models.PortOneError);

        Assert.Equal("no", Assert.IsType<UnauthorizedError>(known).Message);
        var u = Assert.IsType<UnknownPortOneError>(unknown);
        Assert.Equal("BRAND_NEW", u.Type);
        Assert.Equal("later", u.Message);
        Assert.Equal(1, u.RawJson.GetProperty("detail").GetProperty("x").GetInt32());
        Assert.Equal("{\"type\":\"UNAUTHORIZED\",\"message\":\"no\"}", JsonSerializer.Serialize(known, V2Api.Models.PortOneError));
    }
}

/// <summary>Decoding through real calls: what reaches the caller when the body is wrong.</summary>
public sealed class ResponseDecodingTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(200, "{\"code\":0,\"response\":{\"ok\":")]
    [InlineData(200, "not json at all")]
    [InlineData(200, "")]
    [InlineData(200, "[1,2]")]
    [InlineData(200, "{\"message\":\"no code\"}")]
    [InlineData(200, "{\"code\":99999999999,\"message\":\"huge\"}")]
    [InlineData(200, "{\"code\":1.5,\"message\":\"fraction\"}")]
    [InlineData(502, "<html>bad gateway</html>")]
    public async Task A_v1_answer_that_is_not_the_envelope_becomes_an_invalid_response_exception(int status, string body)
    {
        StubV1Token();
        _h.Server.Given(Request.Create().WithPath("/payments/imp_1").UsingGet()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
        using var client = _h.V1(o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.V1GetAsync().Guard());

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(body, ex.RawBody);
    }

    [Fact]
    public async Task A_v1_envelope_with_an_object_where_the_message_should_be_is_read_past_correctly()
    {
        StubV1Token();
        _h.Server.Given(Request.Create().WithPath("/payments/imp_1").UsingGet())
            .RespondWith(Response.Create().WithBody("{\"message\":{\"code\":5,\"response\":null},\"code\":0,\"response\":{\"ok\":true}}"));
        using var client = _h.V1();

        var result = await client.V1GetAsync().Guard();

        Assert.True(result.Value.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_v1_response_of_the_wrong_shape_is_an_invalid_response_not_a_json_exception()
    {
        _h.Server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Response.Create().WithBody("{\"code\":0,\"message\":null,\"response\":{\"access_token\":\"live-token-1\",\"now\":\"soon\"}}"));
        using var client = _h.V1();

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.Auth.GetTokenAsync().Guard());

        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.Null(ex.RawBody);
        Assert.DoesNotContain("live-token-1", ex.ToString());
    }

    [Theory]
    [InlineData("{\"type\":\"UNAUTHORIZED\",\"message\":")]
    [InlineData("<html>oops</html>")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"UNAUTHORIZED\",\"message\":42}")]
    public async Task A_v2_error_body_that_is_not_an_error_object_becomes_an_invalid_response_exception(string body)
    {
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithStatusCode(401).WithBody(body));
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.V2GetAsync().Guard());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task A_v2_success_body_missing_a_required_field_becomes_an_invalid_response_exception()
    {
        _h.Server.Given(Request.Create().WithPath("/login/api-secret").UsingPost()).RespondWith(Response.Create().WithBody("{\"accessToken\":\"live-access-1\"}"));
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.Auth.LoginViaApiSecretAsync(new LoginViaApiSecretBody { ApiSecret = "s" }).Guard());

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Null(ex.RawBody);
        Assert.DoesNotContain("live-access-1", ex.ToString());
    }

    [Fact]
    public async Task A_v2_error_body_decodes_to_its_case_with_status_body_and_request_id()
    {
        const string body = "{\"type\":\"UNAUTHORIZED\",\"message\":\"bad secret\"}";
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(body).WithHeader("x-request-id", "req-42"));
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => client.V2GetAsync().Guard());

        Assert.Equal("bad secret", Assert.IsType<UnauthorizedError>(ex.Error).Message);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal("req-42", ex.RequestId);
        Assert.Contains("UNAUTHORIZED", ex.Message);
    }

    [Fact]
    public async Task An_unknown_v2_error_type_keeps_the_raw_json()
    {
        const string body = "{\"pgCode\":\"E1\",\"type\":\"SOMETHING_NEW\",\"message\":\"new\"}";
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithStatusCode(409).WithBody(body));
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => client.V2GetAsync().Guard());

        var error = Assert.IsType<UnknownPortOneError>(ex.Error);
        Assert.Equal("SOMETHING_NEW", error.Discriminator);
        Assert.Equal("new", error.Message);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(error.RawJson.GetRawText())));
    }

    private void StubV1Token() =>
        _h.Server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
}
