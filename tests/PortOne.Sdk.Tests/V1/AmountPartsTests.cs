using PortOne.Sdk.V1;

namespace PortOne.Sdk.Tests.V1;

/// <summary>Tax free plus VAT must fit in the amount (issue 14): refused before the network, and a fitting one is sent.</summary>
public sealed class AmountPartsTests : IDisposable
{
    private readonly V1TestServer _v1 = new();

    public void Dispose() => _v1.Dispose();

    private static AgainPaymentRequest Again(decimal taxFree) =>
        new() { CustomerUid = "cust-1", MerchantUid = "order-1", Amount = 1000m, TaxFree = taxFree, VatAmount = 500m, Name = "monthly" };

    [Fact]
    public async Task Again_refuses_tax_free_plus_vat_above_the_amount_and_sends_one_that_fits()
    {
        _v1.Stub("POST", "/subscribe/payments/again", V1Samples.Payment());

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.AgainAsync(Again(taxFree: 501m)));
        Assert.Contains("request.TaxFree (tax_free) plus request.VatAmount (vat_amount) must not exceed request.Amount (amount)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_v1.Server.LogEntries);

        await _v1.Client.Subscriptions.AgainAsync(Again(taxFree: 500m));
        Assert.Equal("/subscribe/payments/again", _v1.SingleCall.RequestMessage.Path);
    }

    [Fact]
    public async Task Schedule_refuses_an_item_whose_parts_exceed_its_amount_and_sends_one_that_fits()
    {
        _v1.Stub("POST", "/subscribe/payments/schedule", new[] { V1Samples.Schedule("s-1") });
        ScheduleRequest Schedule(decimal vat) => new()
        {
            CustomerUid = "cust-1",
            Schedules = [new ScheduleItem { MerchantUid = "s-1", ScheduleAt = V1TestServer.Now.AddDays(30), Amount = 1000m, TaxFree = 100m, VatAmount = vat, Currency = "KRW", Name = "monthly" }],
        };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Subscriptions.ScheduleAsync(Schedule(vat: 901m)));
        Assert.Contains("must not exceed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VatAmount", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_v1.Server.LogEntries);

        await _v1.Client.Subscriptions.ScheduleAsync(Schedule(vat: 900m));
        Assert.Equal("/subscribe/payments/schedule", _v1.SingleCall.RequestMessage.Path);
    }

    [Fact]
    public async Task Partial_cancel_refuses_parts_above_the_refund_and_sends_parts_that_fit()
    {
        _v1.Stub("POST", "/payments/cancel", V1Samples.Payment(status: "cancelled"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "imp_1", Amount = V1CancelAmount.Partial(300m), TaxFree = 200m, VatAmount = 101m }));
        Assert.Contains("CancelPaymentRequest.TaxFree plus CancelPaymentRequest.VatAmount must not exceed CancelPaymentRequest.Amount", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_v1.Server.LogEntries);

        await _v1.Client.Payments.CancelAsync(new CancelPaymentRequest { ImpUid = "imp_1", Amount = V1CancelAmount.Partial(300m), TaxFree = 200m, VatAmount = 100m });
        Assert.Equal("/payments/cancel", _v1.SingleCall.RequestMessage.Path);
    }
}
