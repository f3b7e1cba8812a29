using PortOne.Sdk.V1;

namespace PortOne.Sdk.Tests.V1;

public sealed class NotificationVerificationTests : IDisposable
{
    private readonly V1TestServer _v1 = new();

    public void Dispose() => _v1.Dispose();

    [Fact]
    public async Task A_notification_is_turned_into_the_payment_the_API_reports_not_the_claimed_status()
    {
        // The notification claims "paid"; the API says the payment failed. The API wins.
        _v1.Stub("GET", "/payments/imp_1", V1Samples.Payment("imp_1", status: "failed", merchantUid: "order-1"));
        var notification = V1Notification.Parse("imp_uid=imp_1&merchant_uid=order-1&status=paid", "application/x-www-form-urlencoded");

        var payment = await _v1.Client.Payments.GetVerifiedAsync(notification);

        Assert.Equal("/payments/imp_1", _v1.SingleCall.RequestMessage.Path);
        Assert.Equal(V1PaymentStatus.Failed, payment.Status);
        Assert.False(payment.IsPaid);
    }

    [Fact]
    public async Task A_notification_naming_another_order_than_the_payment_is_rejected()
    {
        _v1.Stub("GET", "/payments/imp_1", V1Samples.Payment("imp_1", merchantUid: "order-1"));
        var forged = V1Notification.Parse("{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"order-999\",\"status\":\"paid\"}", "application/json");

        var ex = await Assert.ThrowsAsync<PortOneException>(() => _v1.Client.Payments.GetVerifiedAsync(forged));

        Assert.IsNotType<PortOneV1ApiException>(ex);
        Assert.Contains("order-999", ex.Message);
    }

    [Fact]
    public async Task A_notification_for_a_payment_PortOne_does_not_know_surfaces_the_API_error()
    {
        _v1.StubError("GET", "/payments/imp_forged", 404, -1, "not found");
        var forged = V1Notification.Parse("imp_uid=imp_forged&merchant_uid=order-1&status=paid", null);

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Payments.GetVerifiedAsync(forged));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task A_null_notification_is_rejected_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _v1.Client.Payments.GetVerifiedAsync(null!));
        Assert.Empty(_v1.ApiCalls);
    }
}
