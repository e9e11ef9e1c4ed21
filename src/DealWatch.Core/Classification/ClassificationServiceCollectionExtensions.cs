using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealWatch.Core.Classification;

public static class ClassificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDealClassifier"/>: the local compute-deal classifier with its options
    /// (<c>DealWatch:Classification</c>, validated at start-up) and the optional Azure AI Language enrichment
    /// (<c>DealWatch:Classification:Language</c>), reached through a named <see cref="HttpClient"/> with the standard resilience handler.
    /// Needs no storage, so a CLI can call it on a plain <see cref="ServiceCollection"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IServiceCollection AddDealWatchClassification(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (services.Any(d => d.ServiceType == typeof(LanguageEntityClient)))
        {
            return services;
        }

        services.AddOptions<ClassificationOptions>()
            .Bind(configuration.GetSection(ClassificationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LanguageServiceOptions>()
            .Bind(configuration.GetSection(LanguageServiceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddLogging();
        services.AddHttpClient(LanguageEntityClient.HttpClientName).AddStandardResilienceHandler();
        services.TryAddSingleton<LanguageEntityClient>();
        services.TryAddSingleton<LocalDealClassifier>();
        services.TryAddSingleton<IDealClassifier, DealClassifier>();
        return services;
    }
}
