using System.Text;
using Azure;
using Azure.Data.Tables;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Sources;

/// <summary>What DealWatch remembers of one source between polls: validators for conditional GET, and health.</summary>
internal sealed class SourceState
{
    public required string Name { get; init; }
    public string? Url { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public string? ContentHash { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastStatus { get; set; }
    public int? LastHttpStatus { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public int? LastStoryCount { get; set; }
}

/// <summary>The <c>sources</c> table: one row per source (partition <c>source</c>, row key the escaped source name).</summary>
internal sealed class SourceStateStore(DealWatchStorage storage)
{
    public const string Partition = "source";

    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<SourceState?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Sources, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKeyOf(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(name, response.Value!) : null;
    }

    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyDictionary<string, SourceState>> GetAllAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Sources, cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, SourceState>(StringComparer.OrdinalIgnoreCase);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var name = entity.GetString("Name") ?? entity.RowKey;
            states[name] = FromEntity(name, entity);
        }

        return states;
    }

    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task SaveAsync(SourceState state, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Sources, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, RowKeyOf(state.Name))
        {
            ["Name"] = state.Name,
            ["Url"] = state.Url,
            ["ETag"] = state.ETag,
            ["LastModified"] = state.LastModified,
            ["ContentHash"] = state.ContentHash,
            ["LastPolledAt"] = state.LastPolledAt,
            ["LastSuccessAt"] = state.LastSuccessAt,
            ["LastErrorAt"] = state.LastErrorAt,
            ["LastError"] = state.LastError,
            ["ConsecutiveFailures"] = state.ConsecutiveFailures,
            ["LastStatus"] = state.LastStatus,
            ["LastHttpStatus"] = state.LastHttpStatus,
            ["NextAttemptAt"] = state.NextAttemptAt,
            ["LastStoryCount"] = state.LastStoryCount,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A source name as a row key: the characters a key may not hold (/ \ # ? and controls) percent-escaped.</summary>
    public static string RowKeyOf(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static SourceState FromEntity(string name, TableEntity entity) => new()
    {
        Name = name,
        Url = entity.GetString("Url"),
        ETag = entity.GetString("ETag"),
        LastModified = entity.GetString("LastModified"),
        ContentHash = entity.GetString("ContentHash"),
        LastPolledAt = entity.GetDateTimeOffset("LastPolledAt"),
        LastSuccessAt = entity.GetDateTimeOffset("LastSuccessAt"),
        LastErrorAt = entity.GetDateTimeOffset("LastErrorAt"),
        LastError = entity.GetString("LastError"),
        ConsecutiveFailures = entity.GetInt32("ConsecutiveFailures") ?? 0,
        LastStatus = entity.GetString("LastStatus"),
        LastHttpStatus = entity.GetInt32("LastHttpStatus"),
        NextAttemptAt = entity.GetDateTimeOffset("NextAttemptAt"),
        LastStoryCount = entity.GetInt32("LastStoryCount"),
    };
}
