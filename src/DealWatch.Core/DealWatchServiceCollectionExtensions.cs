using DealWatch.Core.Classification;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddDealWatchClassification(configuration);
        return services;
    }
}
