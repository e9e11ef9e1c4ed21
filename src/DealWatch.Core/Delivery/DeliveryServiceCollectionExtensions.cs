using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers alert rendering and delivery: <see cref="IAlertRenderer"/>, <see cref="IEmailSender"/> (SendGrid
    /// with <c>DealWatch:Email:SendGridApiKey</c>, else the outbox) and <see cref="ITeamsSender"/> (the URL under
    /// <c>DealWatch:Teams:Webhooks:{name}</c>, else the outbox), with their options validated at start-up
    /// (<c>DealWatch:Email</c>, <c>DealWatch:Teams</c>, <c>DealWatch:Outbox</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IServiceCollection AddDealWatchDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(SendGridEmailSender)))
        {
            // A second call would add a second resilience handler to each client: retries of retries.
            return services;
        }

        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TeamsOptions>()
            .Bind(configuration.GetSection(TeamsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsWebhookValidation>());
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAlertRenderer, AlertRenderer>();

        // Our own logs name the webhook and its host; the factory's request logs would carry the URL, whose query
        // string is the Teams webhook's signature, so they are removed from both clients.
        AddDeliveryClient<EmailOptions>(services, SendGridEmailSender.HttpClientName,
            email => new DeliveryRetrySettings("email", email.SendBudget, email.RetryBaseDelay, email.MaxRetries));
        AddDeliveryClient<TeamsOptions>(services, TeamsWebhookSender.HttpClientName,
            teams => new DeliveryRetrySettings("teams", teams.SendBudget, teams.RetryBaseDelay, teams.MaxRetries));

        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<SendGridEmailSender>();
        services.TryAddSingleton<OutboxEmailSender>();
        services.TryAddSingleton<TeamsWebhookSender>();
        services.TryAddSingleton<OutboxTeamsSender>();
        services.TryAddSingleton<IEmailSender, ConfiguredEmailSender>();
        services.TryAddSingleton<ITeamsSender, ConfiguredTeamsSender>();
        return services;
    }

    /// <summary>A channel's client: no request logs, and <see cref="DeliveryRetry"/> within the channel's send budget.</summary>
    private static void AddDeliveryClient<TOptions>(IServiceCollection services, string name, Func<TOptions, DeliveryRetrySettings> settings)
        where TOptions : class =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("delivery", (builder, context) => DeliveryRetry.Configure(
                builder,
                settings(context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value),
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeliveryRetry).FullName!)));
}
