using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortOne.Sdk;
using PortOne.Sdk.Http;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PortOne clients as typed <see cref="System.Net.Http.HttpClient"/>s.</summary>
public static class PortOneServiceCollectionExtensions
{
    /// <summary>The name of the V1 client's <see cref="System.Net.Http.HttpClient"/> in <see cref="System.Net.Http.IHttpClientFactory"/>.</summary>
    public const string V1HttpClientName = "PortOne.V1";

    /// <summary>The name of the V2 client's <see cref="System.Net.Http.HttpClient"/> in <see cref="System.Net.Http.IHttpClientFactory"/>.</summary>
    public const string V2HttpClientName = "PortOne.V2";

    /// <summary>
    /// Registers <see cref="PortOneV1Client"/> (and <see cref="IPortOneV1Client"/>) with settings read from a
    /// configuration section (keys: <c>ApiKey</c>, <c>ApiSecret</c>, <c>Tier</c>, <c>BaseAddress</c>,
    /// <c>Timeout</c>, <c>AttemptTimeout</c>, <c>Retry:MaxRetries</c>, …). The settings are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("PortOne:V1")</c>.</param>
    /// <returns>The client's builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddPortOneV1(this IServiceCollection services, IConfiguration configuration)
    {
        ThrowIfNull(configuration, nameof(configuration));
        return services.AddPortOneV1(options => PortOneConfiguration.BindV1(configuration, options));
    }

    /// <summary>Registers <see cref="PortOneV1Client"/> (and <see cref="IPortOneV1Client"/>) configured by a delegate. Validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The client's builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddPortOneV1(this IServiceCollection services, Action<PortOneV1Options> configure)
    {
        ThrowIfNull(services, nameof(services));
        ThrowIfNull(configure, nameof(configure));
        services.AddOptions<PortOneV1Options>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortOneV1Options>, PortOneOptionsValidator<PortOneV1Options>>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PortOneV1Options>>().Value;
            var factory = sp.GetRequiredService<System.Net.Http.IHttpClientFactory>();
            return new PortOneV1Runtime(PortOneV1Client.CreateRuntime(
                WithTimeProvider(options, sp),
                sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                () => new V1Api(new PortOneTransport(factory.CreateClient(V1HttpClientName)), options)));
        });

        var builder = services.AddHttpClient<IPortOneV1Client, PortOneV1Client>(
            V1HttpClientName,
            (http, sp) =>
            {
                var runtime = sp.GetRequiredService<PortOneV1Runtime>().Runtime;
                return new PortOneV1Client(http, sp.GetRequiredService<IOptions<PortOneV1Options>>().Value, runtime.Credential, runtime.Logger);
            });
        services.TryAddTransient(sp => (PortOneV1Client)sp.GetRequiredService<IPortOneV1Client>());
        return Wire(builder, sp => sp.GetRequiredService<PortOneV1Runtime>().Runtime);
    }

    /// <summary>
    /// Registers <see cref="PortOneV2Client"/> (and <see cref="IPortOneV2Client"/>) with settings read from a
    /// configuration section (keys: <c>ApiSecret</c>, <c>StoreId</c>, <c>AuthMode</c>, <c>BaseAddress</c>,
    /// <c>Timeout</c>, <c>AttemptTimeout</c>, <c>Retry:MaxRetries</c>, …). The settings are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("PortOne:V2")</c>.</param>
    /// <returns>The client's builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddPortOneV2(this IServiceCollection services, IConfiguration configuration)
    {
        ThrowIfNull(configuration, nameof(configuration));
        return services.AddPortOneV2(options => PortOneConfiguration.BindV2(configuration, options));
    }

    /// <summary>Registers <see cref="PortOneV2Client"/> (and <see cref="IPortOneV2Client"/>) configured by a delegate. Validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The client's builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddPortOneV2(this IServiceCollection services, Action<PortOneV2Options> configure)
    {
        ThrowIfNull(services, nameof(services));
        ThrowIfNull(configure, nameof(configure));
        services.AddOptions<PortOneV2Options>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortOneV2Options>, PortOneOptionsValidator<PortOneV2Options>>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PortOneV2Options>>().Value;
            var factory = sp.GetRequiredService<System.Net.Http.IHttpClientFactory>();
            return new PortOneV2Runtime(PortOneV2Client.CreateRuntime(
                WithTimeProvider(options, sp),
                sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                () => new V2Api(new PortOneTransport(factory.CreateClient(V2HttpClientName)), options)));
        });

        var builder = services.AddHttpClient<IPortOneV2Client, PortOneV2Client>(
            V2HttpClientName,
            (http, sp) =>
            {
                var runtime = sp.GetRequiredService<PortOneV2Runtime>().Runtime;
                return new PortOneV2Client(http, sp.GetRequiredService<IOptions<PortOneV2Options>>().Value, runtime.Credential, runtime.Logger);
            });
        services.TryAddTransient(sp => (PortOneV2Client)sp.GetRequiredService<IPortOneV2Client>());
        return Wire(builder, sp => sp.GetRequiredService<PortOneV2Runtime>().Runtime);
    }

    private static IHttpClientBuilder Wire(IHttpClientBuilder builder, Func<IServiceProvider, PortOneClientRuntime> runtime)
    {
        // The factory's own request logging writes full URLs (billing keys and merchant ids sit in paths);
        // the SDK logs allow-listed facts itself.
        builder.RemoveAllLoggers();

        // An application-wide resilience handler (ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler()),
        // as service-default templates do) would retry charging calls on 5xx and time-outs, and stack a second set
        // of time-outs on ours. The SDK's own pipeline already decides per operation, so any resilience handler
        // registered before this point is removed; one the application adds after AddPortOneVx() stays, as its
        // explicit choice.
        builder.ConfigureAdditionalHttpMessageHandlers(static (handlers, _) =>
        {
            for (var i = handlers.Count - 1; i >= 0; i--)
            {
                if (handlers[i] is ResilienceHandler)
                {
                    handlers.RemoveAt(i);
                }
            }
        });
        builder.ConfigureHttpClient((sp, http) => runtime(sp).Configure(http));
        for (var i = 0; i < PortOneClientRuntime.HandlerCount; i++)
        {
            var index = i;
            builder.AddHttpMessageHandler(sp => runtime(sp).CreateHandler(index));
        }

        return builder;
    }

    private static T WithTimeProvider<T>(T options, IServiceProvider services)
        where T : PortOneClientOptions
    {
        options.TimeProvider ??= services.GetService<TimeProvider>();
        return options;
    }

    private static void ThrowIfNull(object? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }
    }
}

internal sealed class PortOneV1Runtime
{
    public PortOneV1Runtime(PortOneClientRuntime runtime) => Runtime = runtime;

    public PortOneClientRuntime Runtime { get; }
}

internal sealed class PortOneV2Runtime
{
    public PortOneV2Runtime(PortOneClientRuntime runtime) => Runtime = runtime;

    public PortOneClientRuntime Runtime { get; }
}

internal sealed class PortOneOptionsValidator<T> : IValidateOptions<T>
    where T : PortOneClientOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Reads options from configuration by hand: no reflection, so it stays trim- and AOT-safe.</summary>
internal static class PortOneConfiguration
{
    public static void BindV1(IConfiguration section, PortOneV1Options options)
    {
        BindCommon(section, options);
        options.ApiKey = section["ApiKey"] ?? options.ApiKey;
        options.ApiSecret = section["ApiSecret"] ?? options.ApiSecret;
        options.Tier = section["Tier"] ?? options.Tier;
        options.TokenRenewBefore = TimeSpanValue(section, "TokenRenewBefore") ?? options.TokenRenewBefore;
    }

    public static void BindV2(IConfiguration section, PortOneV2Options options)
    {
        BindCommon(section, options);
        options.ApiSecret = section["ApiSecret"] ?? options.ApiSecret;
        options.StoreId = section["StoreId"] ?? options.StoreId;
        options.TokenRenewBefore = TimeSpanValue(section, "TokenRenewBefore") ?? options.TokenRenewBefore;
        if (section["AuthMode"] is { } mode)
        {
            options.AuthMode = Enum.TryParse<PortOneV2AuthMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(typeof(PortOneV2AuthMode), parsed)
                ? parsed
                : throw new OptionsValidationException("PortOneV2Options", typeof(PortOneV2Options), [$"PortOneV2Options.AuthMode: '{mode}' is not ApiSecret or BearerToken (configuration key 'AuthMode')."]);
        }
    }

    private static void BindCommon(IConfiguration section, PortOneClientOptions options)
    {
        if (section["BaseAddress"] is { Length: > 0 } baseAddress)
        {
            options.BaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri)
                ? uri
                : throw Invalid(options, "BaseAddress", baseAddress, "an absolute URI");
        }

        options.Timeout = TimeSpanValue(section, "Timeout") ?? options.Timeout;
        options.AttemptTimeout = TimeSpanValue(section, "AttemptTimeout") ?? options.AttemptTimeout;
        var retry = section.GetSection("Retry");
        if (retry["MaxRetries"] is { } maxRetries)
        {
            options.Retry.MaxRetries = int.TryParse(maxRetries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Invalid(options, "Retry:MaxRetries", maxRetries, "a whole number");
        }

        if (section["ResolveUnknownOutcomes"] is { Length: > 0 } resolve)
        {
            options.ResolveUnknownOutcomes = bool.TryParse(resolve, out var parsedResolve)
                ? parsedResolve
                : throw Invalid(options, "ResolveUnknownOutcomes", resolve, "true or false");
        }

        options.Retry.BaseDelay = TimeSpanValue(retry, "BaseDelay") ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = TimeSpanValue(retry, "MaxDelay") ?? options.Retry.MaxDelay;
        options.Retry.MaxRetryAfter = TimeSpanValue(retry, "MaxRetryAfter") ?? options.Retry.MaxRetryAfter;
    }

    private static TimeSpan? TimeSpanValue(IConfiguration section, string key)
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new OptionsValidationException(key, typeof(TimeSpan), [$"Configuration key '{key}': '{text}' is not a time span (use hh:mm:ss)."]);
    }

    private static OptionsValidationException Invalid(PortOneClientOptions options, string key, string value, string expected) =>
        new(options.GetType().Name, options.GetType(), [$"{options.GetType().Name}: configuration key '{key}' is '{value}', which is not {expected}."]);
}
