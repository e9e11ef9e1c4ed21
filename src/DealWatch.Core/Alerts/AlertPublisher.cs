using System.Text.Json;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Alerts;

/// <summary>
/// Writes an alert to the <c>alerts</c> table, puts its id on the <c>alerts</c> queue, and records that it did.
/// Publishing the same alert again does nothing, unless a crash came between writing the alert and enqueueing it:
/// then the retry enqueues it. So a rule that trips again (the next poll of the same move) or a retried message
/// never routes an alert twice, and no alert is left behind.
/// </summary>
public sealed partial class AlertPublisher(AlertStore alerts, DealWatchStorage storage, ILogger<AlertPublisher> logger)
{
    /// <summary>Publishes an alert; returns false when it had already been published.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the publishing.</param>
    /// <param name="routeAfter">How long its message stays invisible before <c>RouteAlert</c> may take it.</param>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<bool> PublishAsync(Alert alert, CancellationToken cancellationToken, TimeSpan routeAfter = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var stored = await alerts.AddAsync(alert, cancellationToken).ConfigureAwait(false);
        if (stored.State != AlertState.Pending || stored.Enqueued)
        {
            Log.AlreadyPublished(logger, alert.Id, stored.State);
            return false;
        }

        var queue = await storage.QueueAsync(QueueNames.Alerts, cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(new AlertMessage(MessageVersions.Current, alert.Id), DealWatchJson.Default.AlertMessage),
            visibilityTimeout: routeAfter > TimeSpan.Zero ? routeAfter : null,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await alerts.MarkEnqueuedAsync(alert.Id, cancellationToken).ConfigureAwait(false);
        DealWatchMetrics.AlertsCreated.Add(1, new KeyValuePair<string, object?>("kind", alert.Kind.ToString()));
        Log.Published(logger, alert.Id, alert.Kind, alert.Subscription);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "AlertPublished", Level = LogLevel.Information, Message = "Alert {AlertId} ({AlertKind}) for subscription {Subscription} enqueued")]
        public static partial void Published(ILogger logger, string alertId, AlertKind alertKind, string subscription);

        [LoggerMessage(EventId = 3002, EventName = "AlertAlreadyPublished", Level = LogLevel.Debug, Message = "Alert {AlertId} ({AlertState}) was published before; not enqueued again")]
        public static partial void AlreadyPublished(ILogger logger, string alertId, AlertState alertState);
    }
}
