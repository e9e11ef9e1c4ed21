using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealWatch.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure Storage clients for the <c>AzureWebJobsStorage</c> account and <see cref="DealWatchStorage"/>.
    /// A host whose storage setting is missing fails at start-up with a message that names it.
    /// </summary>
    public static IServiceCollection AddDealWatchStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(_ => StorageConnection.IsConfigured(configuration), StorageConnection.NotConfigured)
            .ValidateOnStart();

        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton<TableServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());
        services.TryAddSingleton<QueueServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient());
        services.TryAddSingleton<BlobServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.TryAddSingleton<DealWatchStorage>();
        services.TryAddSingleton<PoisonReplayer>();
        return services;
    }
}
