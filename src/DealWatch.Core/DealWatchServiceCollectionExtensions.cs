using DealWatch.Core.Alerts;
using DealWatch.Core.Classification;
using DealWatch.Core.Deals;
using DealWatch.Core.Delivery;
using DealWatch.Core.Markets;
using DealWatch.Core.Rules;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using DealWatch.Core.Stories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DealWatch.Core;

public static class DealWatchServiceCollectionExtensions
{
    /// <summary>
    /// Registers every DealWatch service with its validated options. The Functions app and the CLI's local
    /// host both call this, so the two run the same services with the same configuration.
    /// </summary>
    public static IServiceCollection AddDealWatch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddDealWatchStorage(configuration);
        services.AddDealWatchPipeline(configuration);
        services.AddDealWatchClassification(configuration);
        services.AddDealWatchDelivery(configuration);
        services.AddDealWatchSources(configuration);
        services.AddDealWatchMarkets(configuration);
        return services;
    }

    /// <summary>Registers the pipeline's own services: stories, deals, rules, alerts and the delivery ledger.</summary>
    public static IServiceCollection AddDealWatchPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DealClusteringOptions>()
            .Bind(configuration.GetSection(DealClusteringOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SubscriptionsOptions>()
            .Configure(o => configuration.GetSection(SubscriptionsOptions.SectionName).Bind(o.Items))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubscriptionsOptions>, SubscriptionsValidation>());

        services.TryAddSingleton<StoryStore>();
        services.TryAddSingleton<NewsPollService>();
        services.TryAddSingleton<StoryProcessor>();
        services.TryAddSingleton<DealStore>();
        services.TryAddSingleton<DealService>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<AlertPublisher>();
        services.TryAddSingleton<AlertRouter>();
        services.TryAddSingleton<DigestService>();
        services.TryAddSingleton<MarketContext>();
        services.TryAddSingleton<MarketPollService>();
        services.TryAddSingleton<DeliveryLedger>();
        services.TryAddSingleton<DeliveryService>();
        return services;
    }
}
