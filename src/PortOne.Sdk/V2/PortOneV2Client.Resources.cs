namespace PortOne.Sdk.V2;

/// <content>The resource groups of the V2 API.</content>
public partial class PortOneV2Client
{
    /// <inheritdoc/>
    public virtual PortOneV2BillingKeysClient BillingKeys { get; private set; } = null!;

    /// <inheritdoc/>
    public virtual PortOneV2PaymentsClient Payments { get; private set; } = null!;

    /// <inheritdoc/>
    public virtual PortOneV2PaymentSchedulesClient PaymentSchedules { get; private set; } = null!;

    partial void InitializeResources()
    {
        BillingKeys = new PortOneV2BillingKeysClient(Api);
        Payments = new PortOneV2PaymentsClient(Api);
        PaymentSchedules = new PortOneV2PaymentSchedulesClient(Api);
    }
}
