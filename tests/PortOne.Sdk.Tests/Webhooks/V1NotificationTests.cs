using PortOne.Sdk.V1;

namespace PortOne.Sdk.Tests.Webhooks;

public sealed class V1NotificationTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData(null)]
    public void Json_body_is_read(string? contentType)
    {
        const string body = """{ "imp_uid": "imp_123", "merchant_uid": "order-1", "status": "paid" }""";

        var notification = V1Notification.Parse(body, contentType);

        Assert.Equal("imp_123", notification.ImpUid);
        Assert.Equal("order-1", notification.MerchantUid);
        Assert.Equal("paid", notification.Status);
        Assert.Null(notification.CustomerUid);
    }

    [Fact]
    public void Json_body_of_a_billing_key_payment_carries_the_customer()
    {
        const string body = """{"status":"failed","customer_uid":"cust-9","merchant_uid":"order-2","imp_uid":"imp_456","extra":{"x":1}}""";

        var notification = V1Notification.Parse(body, "application/json");

        Assert.Equal("cust-9", notification.CustomerUid);
        Assert.Equal("failed", notification.Status);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8")]
    [InlineData(null)]
    public void Form_body_is_read_and_unescaped(string? contentType)
    {
        const string body = "imp_uid=imp_123&merchant_uid=order+%231%2F%EC%A3%BC%EB%AC%B8&status=cancelled&customer_uid=cust%2B1";

        var notification = V1Notification.Parse(body, contentType);

        Assert.Equal("imp_123", notification.ImpUid);
        Assert.Equal("order #1/주문", notification.MerchantUid);
        Assert.Equal("cancelled", notification.Status);
        Assert.Equal("cust+1", notification.CustomerUid);
    }

    [Fact]
    public void Form_body_keeps_the_first_of_repeated_fields_and_ignores_unknown_ones()
    {
        var notification = V1Notification.Parse("imp_uid=a&imp_uid=b&merchant_uid=m&status=paid&flag&customer_uid=", "application/x-www-form-urlencoded");

        Assert.Equal("a", notification.ImpUid);
        Assert.Null(notification.CustomerUid);
    }

    [Fact]
    public void Content_type_decides_over_the_body_shape()
    {
        // Declared as a form: braces are not taken for JSON, so no imp_uid is found.
        Assert.False(V1Notification.TryParse("""{"imp_uid":"i","merchant_uid":"m","status":"paid"}""", "application/x-www-form-urlencoded", out _));
        Assert.True(V1Notification.TryParse("""{"imp_uid":"i","merchant_uid":"m","status":"paid"}""", "text/plain", out var sniffed));
        Assert.Equal("i", sniffed.ImpUid);
    }

    [Theory]
    [InlineData("""{"merchant_uid":"m","status":"paid"}""", "application/json")]
    [InlineData("""{"imp_uid":"i","status":"paid"}""", "application/json")]
    [InlineData("""{"imp_uid":"i","merchant_uid":"m"}""", "application/json")]
    [InlineData("""{"imp_uid":null,"merchant_uid":"m","status":"paid"}""", "application/json")]
    [InlineData("""{"imp_uid":"i",""", "application/json")]
    [InlineData("""["imp_uid"]""", "application/json")]
    [InlineData("merchant_uid=m&status=paid", "application/x-www-form-urlencoded")]
    [InlineData("", null)]
    public void Body_that_is_no_notification_is_a_format_error(string body, string? contentType)
    {
        Assert.Throws<FormatException>(() => V1Notification.Parse(body, contentType));
        Assert.False(V1Notification.TryParse(body, contentType, out var notification));
        Assert.Null(notification);
    }

    [Fact]
    public void Null_body_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>("body", () => V1Notification.Parse(null!, "application/json"));
        Assert.Throws<ArgumentNullException>("body", () => V1Notification.TryParse(null!, null, out _));
    }

    [Fact]
    public void ToString_lists_the_fields()
    {
        var notification = V1Notification.Parse("imp_uid=i&merchant_uid=m&status=paid", null);

        Assert.Equal("V1Notification { ImpUid = i, MerchantUid = m, Status = paid, CustomerUid =  }", notification.ToString());
    }
}
