using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace DealWatch.Core.Storage;

/// <summary>
/// Reads the <c>AzureWebJobsStorage</c> setting the way the Functions host does, so the app's own clients
/// reach the same account: either a connection string, or identity-based settings
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>,
/// with <c>__credential=managedidentity</c> and an optional <c>__clientId</c>).
/// </summary>
internal sealed class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? _connectionString;
    private readonly Uri? _blobUri;
    private readonly Uri? _queueUri;
    private readonly Uri? _tableUri;
    private readonly TokenCredential? _credential;

    private StorageConnection(string connectionString) => _connectionString = connectionString;

    private StorageConnection(Uri blobUri, Uri queueUri, Uri tableUri, TokenCredential credential)
    {
        _blobUri = blobUri;
        _queueUri = queueUri;
        _tableUri = tableUri;
        _credential = credential;
    }

    /// <summary>The message when the account is not configured, naming the settings to set.</summary>
    public const string NotConfigured =
        $"Storage is not configured: set '{SettingName}' to a connection string (UseDevelopmentStorage=true for Azurite), " +
        $"or '{SettingName}__accountName' (or the three '{SettingName}__*ServiceUri' settings) for a managed identity.";

    /// <summary>True when the setting names an account, one way or the other.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        return !string.IsNullOrWhiteSpace(section.Value) || ServiceUris(section) is (not null, not null, not null);
    }

    /// <summary>Each service's URI as configured: its own setting, else built from <c>accountName</c>; null when neither is set.</summary>
    private static (string? Blob, string? Queue, string? Table) ServiceUris(IConfigurationSection section)
    {
        var accountName = section["accountName"];
        string? ServiceUri(string key, string service) =>
            section[key] is { } uri && !string.IsNullOrWhiteSpace(uri) ? uri
            : !string.IsNullOrWhiteSpace(accountName) ? $"https://{accountName}.{service}.core.windows.net"
            : null;

        return (ServiceUri("blobServiceUri", "blob"), ServiceUri("queueServiceUri", "queue"), ServiceUri("tableServiceUri", "table"));
    }

    /// <exception cref="InvalidOperationException">Neither a connection string nor an account is configured.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value);
        }

        if (ServiceUris(section) is not (string blob, string queue, string table))
        {
            throw new InvalidOperationException(NotConfigured);
        }

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new StorageConnection(new Uri(blob), new Uri(queue), new Uri(table), credential);
    }

    public TableServiceClient CreateTableServiceClient() =>
        _connectionString is not null ? new TableServiceClient(_connectionString) : new TableServiceClient(_tableUri, _credential);

    /// <summary>Queue clients speak base64, as the Functions host's queue trigger expects by default.</summary>
    public QueueServiceClient CreateQueueServiceClient()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return _connectionString is not null ? new QueueServiceClient(_connectionString, options) : new QueueServiceClient(_queueUri, _credential, options);
    }

    public BlobServiceClient CreateBlobServiceClient() =>
        _connectionString is not null ? new BlobServiceClient(_connectionString) : new BlobServiceClient(_blobUri, _credential);
}
