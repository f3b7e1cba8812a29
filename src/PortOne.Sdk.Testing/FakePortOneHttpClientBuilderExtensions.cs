using System;
using Microsoft.Extensions.DependencyInjection;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Testing;

/// <summary>Points a client registered with <c>AddPortOneV1</c>/<c>AddPortOneV2</c> at a <see cref="FakePortOne"/>.</summary>
public static class FakePortOneHttpClientBuilderExtensions
{
    /// <summary>
    /// Sends the client's requests to <paramref name="fake"/> in memory and gives the client the fake's clock and
    /// base address. The fake adopts the credentials and store id the application is configured with, so the
    /// application's own configuration works unchanged. Use in integration tests of an application that registers
    /// PortOne through DI.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddPortOneV1</c> or <c>AddPortOneV2</c>.</param>
    /// <param name="fake">The fake to talk to.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder UseFakePortOne(this IHttpClientBuilder builder, FakePortOne fake)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (fake is null)
        {
            throw new ArgumentNullException(nameof(fake));
        }

        switch (builder.Name)
        {
            case PortOneServiceCollectionExtensions.V1HttpClientName:
                builder.Services.PostConfigure<PortOneV1Options>(options =>
                {
                    fake.V1ApiKey = options.ApiKey ?? fake.V1ApiKey;
                    fake.V1ApiSecret = options.ApiSecret ?? fake.V1ApiSecret;
                    fake.ApplyTo(options);
                });
                break;
            case PortOneServiceCollectionExtensions.V2HttpClientName:
                builder.Services.PostConfigure<PortOneV2Options>(options =>
                {
                    fake.V2ApiSecret = options.ApiSecret ?? fake.V2ApiSecret;
                    fake.StoreId = options.StoreId ?? fake.StoreId;
                    fake.ApplyTo(options);
                });
                break;
            default:
                throw new ArgumentException($"UseFakePortOne works on the builder returned by AddPortOneV1 or AddPortOneV2, not on '{builder.Name}'.", nameof(builder));
        }

        // Decided when the handler is built (after registration), like the base address in ApplyTo, so calling
        // StartLoopbackServer before or after UseFakePortOne gives the same result.
        builder.ConfigurePrimaryHttpMessageHandler(() => fake.V2LoopbackAddress is null ? fake.CreateHandler() : new System.Net.Http.SocketsHttpHandler());
        return builder;
    }
}
