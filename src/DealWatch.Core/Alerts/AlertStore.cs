using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Alerts;

/// <summary>Where an alert is on its way out.</summary>
public enum AlertState
{
    /// <summary>Written; its message may not be on the <c>alerts</c> queue yet.</summary>
    Pending,
    /// <summary>Its deliveries are enqueued.</summary>
    Routed,
    /// <summary>Held during the subscription's quiet hours; it goes out in the digest.</summary>
    Held,
    /// <summary>Sent in a digest.</summary>
    Digested,
}

/// <summary>An alert with its state, as the <c>alerts</c> table keeps it.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="State">Where it is on its way out.</param>
/// <param name="Enqueued">Whether its message was put on the <c>alerts</c> queue.</param>
public sealed record StoredAlert(Alert Alert, AlertState State, bool Enqueued);

/// <summary>
/// The <c>alerts</c> table: one row per alert (partition = alert id), the history that rules read for cooldowns
/// and the digest reads for the day's deals.
/// </summary>
public sealed class AlertStore(DealWatchStorage storage)
{
    private const string Row = "alert";

    /// <summary>Writes the alert unless it exists; returns the stored one either way.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<StoredAlert> AddAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var table = await storage.TableAsync(TableNames.Alerts, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(alert.Id, Row)
        {
            ["Kind"] = alert.Kind.ToString(),
            ["Subscription"] = alert.Subscription,
            ["CreatedAt"] = alert.CreatedAt,
            ["Symbol"] = alert.Move?.Quote.Symbol,
            ["DealId"] = alert.Deal?.DealId,
            ["State"] = nameof(AlertState.Pending),
        };
        WriteContent(entity, alert);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return new StoredAlert(alert, AlertState.Pending, Enqueued: false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetAsync(alert.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Alert '{alert.Id}' exists and vanished while being read.", ex);
        }
    }

    /// <summary>One alert, or null.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<StoredAlert?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Alerts, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(alertId, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Records that the alert's message is on the <c>alerts</c> queue.</summary>
    /// <exception cref="RequestFailedException">Storage failed, or the alert does not exist (404).</exception>
    public Task MarkEnqueuedAsync(string alertId, CancellationToken cancellationToken) =>
        MergeAsync(new TableEntity(alertId, Row) { ["Enqueued"] = true }, cancellationToken);

    /// <summary>Rewrites a pending alert's content (its deal's sources grew before it was routed).</summary>
    /// <exception cref="RequestFailedException">Storage failed, or the alert does not exist (404).</exception>
    public Task UpdateAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var entity = new TableEntity(alert.Id, Row);
        WriteContent(entity, alert);
        return MergeAsync(entity, cancellationToken);
    }

    /// <summary>Moves an alert to <paramref name="state"/>.</summary>
    /// <exception cref="RequestFailedException">Storage failed, or the alert does not exist (404).</exception>
    public Task SetStateAsync(string alertId, AlertState state, CancellationToken cancellationToken) =>
        MergeAsync(new TableEntity(alertId, Row) { ["State"] = state.ToString() }, cancellationToken);

    /// <summary>Writes the given columns of an existing alert row, whatever its version; a missing row is a 404.</summary>
    private async Task MergeAsync(TableEntity columns, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Alerts, cancellationToken).ConfigureAwait(false);
        await table.UpdateEntityAsync(columns, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The alert itself, as JSON, split over as many columns as its size needs.</summary>
    private static void WriteContent(TableEntity entity, Alert alert) =>
        LargeStringColumns.Write(entity, "Alert", JsonSerializer.Serialize(alert, DealWatchJson.Default.Alert));

    /// <summary>A subscription's alerts created in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<StoredAlert>> ListAsync(string subscription, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Alerts, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"Subscription eq {subscription} and CreatedAt ge {from} and CreatedAt lt {to}");
        var alerts = new List<StoredAlert>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(FromEntity(entity));
        }

        return alerts.OrderBy(a => a.Alert.CreatedAt).ToArray();
    }

    /// <summary>When the subscription was last alerted about a move of <paramref name="symbol"/> since <paramref name="since"/>, or null.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<DateTimeOffset?> LastMoveAlertAsync(string subscription, string symbol, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Alerts, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"Subscription eq {subscription} and Symbol eq {symbol} and CreatedAt ge {since}");
        DateTimeOffset? last = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["CreatedAt", "Kind"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Kind") is nameof(AlertKind.IndexMove) or nameof(AlertKind.ShareMove) && entity.GetDateTimeOffset("CreatedAt") is { } at && (last is null || at > last))
            {
                last = at;
            }
        }

        return last;
    }

    private static StoredAlert FromEntity(TableEntity entity)
    {
        var alert = JsonSerializer.Deserialize(LargeStringColumns.Read(entity, "Alert") ?? "null", DealWatchJson.Default.Alert)
            ?? throw new InvalidOperationException($"Alert row '{entity.PartitionKey}' has no Alert document.");
        return new StoredAlert(alert, Enum.Parse<AlertState>(entity.GetString("State") ?? nameof(AlertState.Pending)), entity.GetBoolean("Enqueued") == true);
    }
}
