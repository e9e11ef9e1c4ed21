using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Deals;

/// <summary>
/// The <c>deals</c> table. All deals live in one partition with a lock row, and every change is an entity-group
/// transaction that bumps the lock row's version under its ETag: two instances clustering stories of the same
/// deal at once cannot both create it, and one of them retries with the other's result. Deals are rare (a few a
/// day), so one partition is far from its limits; correctness is worth more here than write scale.
/// </summary>
public sealed class DealStore(DealWatchStorage storage)
{
    private const string Partition = "deal";
    private const string LockRow = "~lock";

    /// <summary>A read of the candidate deals, and the lock version it was made under.</summary>
    public sealed record Snapshot(IReadOnlyList<Deal> Deals, ETag LockETag);

    /// <summary>Deals whose reporting window reaches <paramref name="from"/>..<paramref name="to"/>, under the current lock version.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<Snapshot> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        var etag = await LockETagAsync(table, cancellationToken).ConfigureAwait(false);
        var deals = new List<Deal>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and LastReportedAt ge {from} and FirstReportedAt le {to}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey != LockRow)
            {
                deals.Add(FromEntity(entity));
            }
        }

        return new Snapshot(deals, etag);
    }

    /// <summary>One deal, or null.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<Deal?> GetAsync(string dealId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, dealId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>One deal and the lock version it was read under, or null.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<(Deal Deal, ETag LockETag)?> GetForUpdateAsync(string dealId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        var etag = await LockETagAsync(table, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, dealId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? (FromEntity(entity), etag) : null;
    }

    /// <summary>
    /// Writes a deal if the lock row is still at <paramref name="lockETag"/>; false when another writer came first
    /// (read again and retry).
    /// </summary>
    /// <exception cref="RequestFailedException">Storage failed for another reason.</exception>
    public async Task<bool> TryWriteAsync(Deal deal, ETag lockETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        var lockEntity = new TableEntity(Partition, LockRow) { ["Touched"] = Guid.NewGuid().ToString("N") };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateMerge, lockEntity, lockETag),
            new(TableTransactionActionType.UpsertReplace, ToEntity(deal)),
        ];
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Deals last reported on or after <paramref name="since"/>, newest last.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<Deal>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(since, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        return snapshot.Deals.OrderBy(d => d.FirstReportedAt).ToArray();
    }

    private static async Task<ETag> LockETagAsync(TableClient table, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, LockRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value is { } lockEntity)
        {
            return lockEntity.ETag;
        }

        try
        {
            var added = await table.AddEntityAsync(new TableEntity(Partition, LockRow), cancellationToken).ConfigureAwait(false);
            return added.Headers.ETag ?? throw new InvalidOperationException("The table service returned no ETag for the deals lock row.");
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await table.GetEntityAsync<TableEntity>(Partition, LockRow, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag;
        }
    }

    private static TableEntity ToEntity(Deal deal)
    {
        var entity = new TableEntity(Partition, deal.Id)
        {
            ["FirstReportedAt"] = deal.FirstReportedAt,
            ["LastReportedAt"] = deal.LastReportedAt,
            ["Parties"] = string.Join(',', deal.Parties),
            ["AmountUsd"] = deal.AmountUsd is { } amount ? (double)amount : null,
            ["SourceCount"] = deal.Sources.Count,
        };
        LargeStringColumns.Write(entity, "Deal", JsonSerializer.Serialize(deal, DealWatchJson.Default.Deal));
        return entity;
    }

    private static Deal FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize(LargeStringColumns.Read(entity, "Deal") ?? "null", DealWatchJson.Default.Deal)
        ?? throw new InvalidOperationException($"Deal row '{entity.RowKey}' has no Deal document.");
}
