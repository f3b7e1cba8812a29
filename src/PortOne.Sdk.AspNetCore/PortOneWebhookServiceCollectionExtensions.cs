using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PortOne.Sdk.AspNetCore;
using PortOne.Sdk.V2.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services behind <c>MapPortOneWebhooks</c> and <c>MapPortOneV1Notifications</c>.</summary>
public static class PortOneWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PortOne webhook endpoints' services with settings read from the <c>PortOne</c> configuration
    /// section: the secret from <c>V2:WebhookSecret</c>, the rest from <c>Webhooks:*</c> (see
    /// <see cref="PortOneWebhookOptions"/>). Validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>PortOne</c> section, e.g. <c>builder.Configuration.GetSection("PortOne")</c>.</param>
    /// <param name="configure">Further changes applied after the configuration, or null.</param>
    /// <returns>A builder to register the handlers with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static PortOneWebhooksBuilder AddPortOneWebhooks(this IServiceCollection services, IConfiguration configuration, Action<PortOneWebhookOptions>? configure = null)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        return services.AddPortOneWebhooks(options =>
        {
            Bind(configuration, options);
            configure?.Invoke(options);
        });
    }

    /// <summary>Registers the PortOne webhook endpoints' services, configured by a delegate. Validated when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. <c>o =&gt; o.WebhookSecret = …</c>.</param>
    /// <returns>A builder to register the handlers with.</returns>
    /// <remarks>
    /// Handled webhook ids are recorded in the registered <c>IDistributedCache</c>. When none is registered, an
    /// in-memory one is added (enough for a single instance); register a shared one (Redis, SQL Server, …) when the
    /// application runs on several instances, before or after this call.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static PortOneWebhooksBuilder AddPortOneWebhooks(this IServiceCollection services, Action<PortOneWebhookOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions<PortOneWebhookOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortOneWebhookOptions>, PortOneWebhookOptionsValidator>());

        // TryAdd inside: an IDistributedCache registered before stays; AddStackExchangeRedisCache and
        // AddDistributedSqlServerCache add theirs unconditionally, so one registered after this call wins too.
        services.AddDistributedMemoryCache();
        services.TryAddSingleton<PortOneWebhookDeduplicator>();
        services.TryAddSingleton<PortOneWebhookEndpoint>();
        services.TryAddSingleton<PortOneV1NotificationEndpoint>();

        var registrations = FindRegistrations(services);
        if (registrations is null)
        {
            registrations = new PortOneWebhookRegistrations();
            services.AddSingleton(registrations);
        }

        return new PortOneWebhooksBuilder(services, registrations);
    }

    private static PortOneWebhookRegistrations? FindRegistrations(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(PortOneWebhookRegistrations) && !descriptor.IsKeyedService)
            {
                return (PortOneWebhookRegistrations?)descriptor.ImplementationInstance;
            }
        }

        return null;
    }

    // By hand rather than through the reflection-based binder, so the package stays trimming- and AOT-friendly.
    private static void Bind(IConfiguration section, PortOneWebhookOptions options)
    {
        options.WebhookSecret = section["V2:WebhookSecret"] ?? options.WebhookSecret;
        var webhooks = section.GetSection("Webhooks");
        options.Path = webhooks["Path"] ?? options.Path;
        options.V1Path = webhooks["V1Path"] ?? options.V1Path;
        options.CacheKeyPrefix = webhooks["CacheKeyPrefix"] ?? options.CacheKeyPrefix;
        if (webhooks["MaxBodyBytes"] is { } maxBodyBytes)
        {
            options.MaxBodyBytes = int.TryParse(maxBodyBytes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
                ? bytes
                : throw new InvalidOperationException($"{webhooks.GetSection("MaxBodyBytes").Path} must be a whole number of bytes, not '{maxBodyBytes}'.");
        }

        if (webhooks["DuplicateWindow"] is { } duplicateWindow)
        {
            options.DuplicateWindow = TimeSpan.TryParse(duplicateWindow, CultureInfo.InvariantCulture, out var window)
                ? window
                : throw new InvalidOperationException($"{webhooks.GetSection("DuplicateWindow").Path} must be a time span such as 3.00:00:00 (three days), not '{duplicateWindow}'.");
        }
    }
}

/// <summary>Checks <see cref="PortOneWebhookOptions"/> at start-up, with messages that say what to fix.</summary>
internal sealed class PortOneWebhookOptionsValidator(PortOneWebhookRegistrations registrations, IServiceProvider services) : IValidateOptions<PortOneWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, PortOneWebhookOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (registrations.HasV2Handler(services))
        {
            if (string.IsNullOrWhiteSpace(options.WebhookSecret))
            {
                builder.AddError(
                    "The PortOne V2 webhook secret is not set. Copy it (whsec_…) from the PortOne console into configuration key " +
                    "PortOne:V2:WebhookSecret (environment variable PortOne__V2__WebhookSecret), or set PortOneWebhookOptions.WebhookSecret; " +
                    "without it no webhook can be verified.");
            }
            else if (!IsUsableSecret(options.WebhookSecret!))
            {
                builder.AddError("The PortOne V2 webhook secret (PortOne:V2:WebhookSecret) is not a webhook secret: expected 'whsec_' followed by base64, as the PortOne console shows it.");
            }
        }

        if (options.MaxBodyBytes <= 0)
        {
            builder.AddError($"PortOneWebhookOptions.MaxBodyBytes must be positive; it is {options.MaxBodyBytes}.");
        }

        if (options.DuplicateWindow <= TimeSpan.Zero)
        {
            builder.AddError($"PortOneWebhookOptions.DuplicateWindow must be positive; it is {options.DuplicateWindow}.");
        }

        if (string.IsNullOrEmpty(options.Path) || options.Path[0] != '/')
        {
            builder.AddError($"PortOneWebhookOptions.Path must start with '/'; it is '{options.Path}'.");
        }

        if (string.IsNullOrEmpty(options.V1Path) || options.V1Path[0] != '/')
        {
            builder.AddError($"PortOneWebhookOptions.V1Path must start with '/'; it is '{options.V1Path}'.");
        }

        if (options.CacheKeyPrefix is null)
        {
            builder.AddError("PortOneWebhookOptions.CacheKeyPrefix must not be null.");
        }

        return builder.Build();
    }

    private static bool IsUsableSecret(string secret)
    {
        try
        {
            _ = new PortOneWebhookSigner(secret);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
