namespace PortOne.Sdk.V1;

/// <content>Creates the V1 resource clients.</content>
public partial class PortOneV1Client
{
    /// <inheritdoc/>
    public virtual PortOneV1CustomersClient Customers { get; private set; } = null!;

    /// <inheritdoc/>
    public virtual PortOneV1SubscriptionsClient Subscriptions { get; private set; } = null!;

    /// <inheritdoc/>
    public virtual PortOneV1PaymentsClient Payments { get; private set; } = null!;

    partial void InitializeResources()
    {
        Customers = new PortOneV1CustomersClient(Api);
        Subscriptions = new PortOneV1SubscriptionsClient(Api);
        Payments = new PortOneV1PaymentsClient(Api);
    }
}
