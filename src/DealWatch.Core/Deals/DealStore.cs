using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Deals;

/// <summary>
/// The <c>deals</c> table. All deals live in one partition, with one lock row per party, and every change is an
/// entity-group transaction that touches the lock rows of the story's parties under the ETags they were read with,
/// and writes the deal row under its own ETag (or adds it). Two stories that could belong to one deal share at
/// least one party (matching needs a shared party), so they share a lock: two instances clustering stories of the
/// same deal at once cannot both create it, and the loser reads again and joins the winner's deal. Stories of
/// unrelated deals take different locks and do not wait for each other. Deals are rare (a few a day), so one
/// partition is far from its limits.
/// </summary>
public sealed class DealStore(DealWatchStorage storage)
{
    private const string Partition = "deal";
    private const string LockPrefix = "~lock~";

    /// <summary>
    /// A read of the candidate deals (with the ETag each was read at) and of the lock rows of some parties (null
    /// where a party has none yet).
    /// </summary>
    public sealed record Snapshot(IReadOnlyList<Deal> Deals, IReadOnlyDictionary<string, ETag> DealETags, IReadOnlyDictionary<string, ETag?> Locks);

    /// <summary>
    /// The lock rows of <paramref name="parties"/> (read first), then the deals whose reporting window reaches
    /// <paramref name="from"/>..<paramref name="to"/>.
    /// </summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<Snapshot> ReadAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> parties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        // The lock rows are independent point reads, made at once; all of them complete before the deals are queried.
        var names = parties.ToArray();
        var rows = await Task.WhenAll(names.Select(party =>
            table.GetEntityIfExistsAsync<TableEntity>(Partition, LockPrefix + party, ["PartitionKey"], cancellationToken))).ConfigureAwait(false);
        var locks = new Dictionary<string, ETag?>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            locks[names[i]] = rows[i].HasValue && rows[i].Value is { } entity ? entity.ETag : null;
        }

        var deals = new List<Deal>();
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and LastReportedAt ge {from} and FirstReportedAt le {to}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var deal = FromEntity(entity);
            deals.Add(deal);
            etags[deal.Id] = entity.ETag;
        }

        return new Snapshot(deals, etags, locks);
    }

    /// <summary>One deal, or null.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<Deal?> GetAsync(string dealId, CancellationToken cancellationToken) =>
        (await GetForUpdateAsync(dealId, cancellationToken).ConfigureAwait(false))?.Deal;

    /// <summary>One deal and the ETag it was read at, or null.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<(Deal Deal, ETag ETag)?> GetForUpdateAsync(string dealId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, dealId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>
    /// Writes a deal (adds it when <paramref name="dealETag"/> is null) together with the lock rows, each under the
    /// ETag it was read at; false when another writer came first (read again and retry).
    /// </summary>
    /// <exception cref="RequestFailedException">Storage failed for another reason.</exception>
    public async Task<bool> TryWriteAsync(Deal deal, ETag? dealETag, IReadOnlyDictionary<string, ETag?> locks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(locks);
        var table = await storage.TableAsync(TableNames.Deals, cancellationToken).ConfigureAwait(false);
        var actions = new List<TableTransactionAction>(locks.Count + 1);
        foreach (var (party, etag) in locks)
        {
            var lockRow = new TableEntity(Partition, LockPrefix + party) { ["Touched"] = Guid.NewGuid().ToString("N") };
            actions.Add(etag is { } current
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, lockRow, current)
                : new TableTransactionAction(TableTransactionActionType.Add, lockRow));
        }

        actions.Add(dealETag is { } dealCurrent
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(deal), dealCurrent)
            : new TableTransactionAction(TableTransactionActionType.Add, ToEntity(deal)));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Deals last reported on or after <paramref name="since"/>, oldest first.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<Deal>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(since, DateTimeOffset.MaxValue, [], cancellationToken).ConfigureAwait(false);
        return snapshot.Deals.OrderBy(d => d.FirstReportedAt).ToArray();
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
