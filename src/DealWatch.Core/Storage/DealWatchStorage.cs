using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Storage;

/// <summary>
/// The app's tables, queues and blob containers, with the configured name prefix applied. Each is created
/// the first time it is asked for in this process, so a fresh account (or a fresh Azurite) needs no set-up.
/// </summary>
public sealed class DealWatchStorage
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly BlobServiceClient _blobs;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);

    public DealWatchStorage(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tables = tables;
        _queues = queues;
        _blobs = blobs;
        _prefix = options.Value.Prefix;
    }

    /// <summary>The prefix added to every table and queue name.</summary>
    public string Prefix => _prefix;

    /// <summary>The table with this base name (see <see cref="TableNames"/>), created if it does not exist.</summary>
    /// <exception cref="RequestFailedException">The storage service refused to create the table.</exception>
    public async ValueTask<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        var client = _tables.GetTableClient(_prefix + name);
        await EnsureAsync("table:" + client.Name, ct => client.CreateIfNotExistsAsync(ct), cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>The queue with this base name (see <see cref="QueueNames"/>), created if it does not exist.</summary>
    /// <exception cref="RequestFailedException">The storage service refused to create the queue.</exception>
    public async ValueTask<QueueClient> QueueAsync(string name, CancellationToken cancellationToken)
    {
        var client = _queues.GetQueueClient(_prefix + name);
        await EnsureAsync("queue:" + client.Name, ct => client.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>A blob container (not prefixed: containers are shared infrastructure such as timer locks).</summary>
    /// <exception cref="RequestFailedException">The storage service refused to create the container.</exception>
    public async ValueTask<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        var client = _blobs.GetBlobContainerClient(name);
        await EnsureAsync("container:" + client.Name, ct => client.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return client;
    }

    private async Task EnsureAsync(string key, Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        // One create call per name and process. The call is not tied to the first caller's token, so one
        // cancelled caller does not fail the others; a failed call is forgotten so the next caller tries again.
        var lazy = _created.GetOrAdd(key, _ => new Lazy<Task>(() => create(CancellationToken.None)));
        try
        {
            await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            throw;
        }
    }
}
