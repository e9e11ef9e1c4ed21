using System.Text.Json;
using DealWatch.Core.Deals;
using DealWatch.Core.Rules;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Alerts;

/// <summary>
/// Behind the <c>RouteAlert</c> queue function: fans an alert out to its subscription's channels (one message
/// per recipient on the <c>email</c> and <c>teams</c> queues), or holds it for the digest during quiet hours.
/// </summary>
public sealed partial class AlertRouter(
    AlertStore alerts,
    DealStore deals,
    DealWatchStorage storage,
    IOptionsMonitor<SubscriptionsOptions> subscriptions,
    TimeProvider time,
    ILogger<AlertRouter> logger)
{
    /// <summary>Routes one message of the <c>alerts</c> queue.</summary>
    /// <exception cref="InvalidOperationException">The message is of an unknown version or names no stored alert (it belongs in the poison queue).</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task RouteAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MessageVersions.EnsureSupported(message.Version, nameof(AlertMessage));
        var stored = await alerts.GetAsync(message.AlertId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Alert '{message.AlertId}' is not in the alerts table.");
        if (stored.State != AlertState.Pending)
        {
            Log.AlreadyRouted(logger, message.AlertId, stored.State);
            return;
        }

        var subscription = subscriptions.CurrentValue.Items.FirstOrDefault(s => s.Name == stored.Alert.Subscription);
        if (subscription is null)
        {
            Log.SubscriptionGone(logger, stored.Alert.Id, stored.Alert.Subscription);
            return;
        }

        var alert = await WithLatestSourcesAsync(stored.Alert, cancellationToken).ConfigureAwait(false);

        if (alert.Kind == AlertKind.Digest)
        {
            // The digest is what quiet hours hold alerts for: it is never held itself, and it is an email.
            await EnqueueAsync(QueueNames.Email, alert.Id, subscription.Name, subscription.Email, cancellationToken).ConfigureAwait(false);
            await alerts.SetStateAsync(alert.Id, AlertState.Routed, cancellationToken).ConfigureAwait(false);
            Log.Routed(logger, alert.Id, subscription.Name, subscription.Email.Count, 0);
            return;
        }

        if (subscription.IsQuiet(time.GetUtcNow()))
        {
            await alerts.SetStateAsync(alert.Id, AlertState.Held, cancellationToken).ConfigureAwait(false);
            Log.Held(logger, alert.Id, subscription.Name);
            return;
        }

        await EnqueueAsync(QueueNames.Email, alert.Id, subscription.Name, subscription.Email, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(QueueNames.Teams, alert.Id, subscription.Name, subscription.Teams, cancellationToken).ConfigureAwait(false);
        await alerts.SetStateAsync(alert.Id, AlertState.Routed, cancellationToken).ConfigureAwait(false);
        Log.Routed(logger, alert.Id, subscription.Name, subscription.Email.Count, subscription.Teams.Count);
    }

    /// <summary>
    /// A deal alert with every report of its deal known now: outlets that reported the same deal while the alert
    /// waited (its delay) are listed in the one alert. The facts stay those the alert was decided on.
    /// </summary>
    private async Task<Alert> WithLatestSourcesAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (alert is not { Kind: AlertKind.Deal or AlertKind.DealUpdate, Deal: { } facts }
            || await deals.GetAsync(facts.DealId, cancellationToken).ConfigureAwait(false) is not { } deal
            || deal.Sources.Count == facts.Sources.Count)
        {
            return alert;
        }

        var updated = alert with { Deal = facts with { Sources = deal.ToFacts().Sources } };
        await alerts.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Puts one delivery message per recipient on a channel's queue.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task EnqueueAsync(string queueName, string alertId, string subscription, IEnumerable<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var queue = await storage.QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        foreach (var recipient in recipients)
        {
            var body = JsonSerializer.Serialize(new DeliveryMessage(MessageVersions.Current, alertId, subscription, recipient), DealWatchJson.Default.DeliveryMessage);
            await queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, EventName = "AlertRouted", Level = LogLevel.Information, Message = "Alert {AlertId} routed for {Subscription}: {EmailCount} email and {TeamsCount} Teams deliveries")]
        public static partial void Routed(ILogger logger, string alertId, string subscription, int emailCount, int teamsCount);

        [LoggerMessage(EventId = 3202, EventName = "AlertHeld", Level = LogLevel.Information, Message = "Alert {AlertId} held for the digest: quiet hours of {Subscription}")]
        public static partial void Held(ILogger logger, string alertId, string subscription);

        [LoggerMessage(EventId = 3203, EventName = "AlertDuplicateIgnored", Level = LogLevel.Debug, Message = "Alert {AlertId} is already {AlertState}; duplicate message ignored")]
        public static partial void AlreadyRouted(ILogger logger, string alertId, AlertState alertState);

        [LoggerMessage(EventId = 3204, EventName = "AlertSubscriptionGone", Level = LogLevel.Warning, Message = "Alert {AlertId} not routed: subscription {Subscription} is no longer configured")]
        public static partial void SubscriptionGone(ILogger logger, string alertId, string subscription);
    }
}
