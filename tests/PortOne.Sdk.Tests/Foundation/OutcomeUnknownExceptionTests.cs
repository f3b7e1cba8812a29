using System;
using System.Net;

namespace PortOne.Sdk.Tests.Foundation;

public class OutcomeUnknownExceptionTests
{
    [Fact]
    public void It_names_the_payment_the_id_kind_and_the_operation_says_the_outcome_is_unknown_and_keeps_the_last_cause()
    {
        var cause = new PortOneTimeoutException("PortOne V2.Payments.Get timed out.", null);

        var ex = new PortOneOutcomeUnknownException("V2.Payments.PayWithBillingKey", "order-7", "paymentId", cause);

        Assert.Same(cause, ex.InnerException);
        Assert.Equal("order-7", ex.PaymentId);
        Assert.Equal("paymentId", ex.IdField);
        Assert.Equal("V2.Payments.PayWithBillingKey", ex.Operation);
        Assert.Contains("the outcome is unknown; look this payment up later", ex.Message);
        Assert.Contains("paymentId \"order-7\"", ex.Message);
        Assert.Contains(nameof(PortOneTimeoutException), ex.Message);
        Assert.IsAssignableFrom<PortOneException>(ex);
    }

    [Fact]
    public void It_carries_the_status_and_request_id_of_a_last_cause_that_was_an_answer()
    {
        var cause = new PortOneInvalidResponseException("unreadable", HttpStatusCode.BadGateway, "<html>", "req-1", null);

        var ex = new PortOneOutcomeUnknownException("V1.Subscriptions.Again", "m-1", "merchant_uid", cause);

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal("req-1", ex.RequestId);
        Assert.Contains("merchant_uid \"m-1\"", ex.Message);
    }
}
