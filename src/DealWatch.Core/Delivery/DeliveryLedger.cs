using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Delivery;

/// <summary>The state of one delivery (alert × channel × recipient) in the ledger.</summary>
public enum DeliveryState
{
    /// <summary>Claimed by an attempt that is sending (or that died while sending).</summary>
    Sending,
    /// <summary>The channel accepted it.</summary>
    Sent,
    /// <summary>The channel refused it for good (a 4xx other than 429); the reason is recorded.</summary>
    Rejected,
    /// <summary>An attempt died after the request may have reached the channel: it is not sent again (see docs/delivery.md).</summary>
    Unknown,
}

/// <summary>One row of the <c>deliveries</c> ledger.</summary>
public sealed record DeliveryRecord(string AlertId, string Channel, string Recipient, DeliveryState State, string? Detail, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, ETag ETag);

/// <summary>
/// The <c>deliveries</c> table: the idempotency ledger. One row per alert × channel × recipient (partition = alert
/// id, row = channel and a hash of the recipient), claimed with an insert that only one attempt can win.
/// </summary>
public sealed class DeliveryLedger(DealWatchStorage storage)
{
    /// <summary>The ledger's row for a delivery, or null when none was attempted.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<DeliveryRecord?> GetAsync(string alertId, string channel, string recipient, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deliveries, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(alertId, RowKey(channel, recipient), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Claims a delivery for this attempt; null when another attempt already holds a row for it.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<DeliveryRecord?> TryClaimAsync(string alertId, string channel, string recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deliveries, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(alertId, RowKey(channel, recipient))
        {
            ["Channel"] = channel,
            ["Recipient"] = recipient,
            ["State"] = nameof(DeliveryState.Sending),
            ["StartedAt"] = now,
        };
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return new DeliveryRecord(alertId, channel, recipient, DeliveryState.Sending, null, now, null, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Records how a claimed delivery ended (whatever another attempt wrote meanwhile: this attempt has the channel's answer).</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public Task CompleteAsync(DeliveryRecord claim, DeliveryState state, string? detail, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteOutcomeAsync(claim, state, detail, providerMessageId, now, ETag.All, cancellationToken);

    /// <summary>
    /// Marks a delivery <see cref="DeliveryState.Unknown"/> only if its row is still as read: false when another
    /// attempt recorded its answer in the meantime (read the row again).
    /// </summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<bool> TryMarkUnknownAsync(DeliveryRecord seen, string detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await WriteOutcomeAsync(seen, DeliveryState.Unknown, detail, null, now, seen.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private async Task WriteOutcomeAsync(DeliveryRecord claim, DeliveryState state, string? detail, string? providerMessageId, DateTimeOffset now, ETag ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await storage.TableAsync(TableNames.Deliveries, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(claim.AlertId, RowKey(claim.Channel, claim.Recipient))
        {
            ["State"] = state.ToString(),
            // Empty rather than null: a merge leaves out null columns, and an old detail must not outlive its state.
            ["Detail"] = detail is { Length: > 1000 } ? detail[..1000] : detail ?? "",
            ["ProviderMessageId"] = providerMessageId ?? "",
            ["CompletedAt"] = now,
        };
        await table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives up a claim whose send certainly did not reach the channel, so that a retry may send.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task ReleaseAsync(DeliveryRecord claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await storage.TableAsync(TableNames.Deliveries, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(claim.AlertId, RowKey(claim.Channel, claim.Recipient), claim.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone or changed by another attempt: nothing of ours to release.
        }
    }

    /// <summary>Every delivery of an alert.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(string alertId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deliveries, cancellationToken).ConfigureAwait(false);
        var records = new List<DeliveryRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == alertId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(FromEntity(entity));
        }

        return records;
    }

    /// <summary>Every row of the ledger, for reports and tests.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async IAsyncEnumerable<DeliveryRecord> ListAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Deliveries, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private static string RowKey(string channel, string recipient) =>
        channel + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Trim().ToUpperInvariant())))[..32];

    private static DeliveryRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Channel") ?? "",
        e.GetString("Recipient") ?? "",
        Enum.Parse<DeliveryState>(e.GetString("State") ?? nameof(DeliveryState.Sending)),
        e.GetString("Detail") is { Length: > 0 } detail ? detail : null,
        e.GetDateTimeOffset("StartedAt"),
        e.GetDateTimeOffset("CompletedAt"),
        e.ETag);
}
