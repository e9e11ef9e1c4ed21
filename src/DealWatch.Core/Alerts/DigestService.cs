using System.Globalization;
using DealWatch.Core.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Alerts;

/// <summary>
/// Behind the <c>SendDigest</c> timer: once a day per subscription, at its <c>DigestAt</c> local time, publishes a
/// digest email of the day's deals and of every alert held during quiet hours. The digest's id is the subscription
/// and its local date, so however often the timer fires, a day has one digest.
/// </summary>
public sealed partial class DigestService(
    AlertStore alerts,
    AlertPublisher publisher,
    IOptionsMonitor<SubscriptionsOptions> subscriptions,
    TimeProvider time,
    ILogger<DigestService> logger)
{
    /// <summary>Publishes the digests that are due; returns how many.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var published = 0;
        foreach (var subscription in subscriptions.CurrentValue.Items.Where(s => s.DigestAt is not null && s.Email.Count > 0))
        {
            var local = TimeZoneInfo.ConvertTime(now, subscription.Zone);
            var at = TimeOnly.Parse(subscription.DigestAt!, CultureInfo.InvariantCulture);
            if (TimeOnly.FromDateTime(local.DateTime) < at)
            {
                continue;
            }

            var day = DateOnly.FromDateTime(local.DateTime);
            var id = $"digest.{subscription.Name}.{day:yyyyMMdd}";
            if (await alerts.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var recent = await alerts.ListAsync(subscription.Name, now.AddDays(-1), now, cancellationToken).ConfigureAwait(false);
            var items = recent
                .Where(a => a.Alert.Kind != AlertKind.Digest && (a.State == AlertState.Held || a.Alert.Kind is AlertKind.Deal or AlertKind.DealUpdate))
                .ToArray();
            if (items.Length == 0)
            {
                Log.NothingToDigest(logger, subscription.Name, day);
                continue;
            }

            var digest = new Alert
            {
                Id = id,
                Kind = AlertKind.Digest,
                Subscription = subscription.Name,
                Language = subscription.Language,
                CreatedAt = now,
                DigestDate = day,
                Items = items.Select(a => a.Alert).ToArray(),
            };
            if (await publisher.PublishAsync(digest, cancellationToken).ConfigureAwait(false))
            {
                published++;
            }

            foreach (var held in items.Where(a => a.State == AlertState.Held))
            {
                await alerts.SetStateAsync(held.Alert.Id, AlertState.Digested, cancellationToken).ConfigureAwait(false);
            }
        }

        return published;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3301, EventName = "NothingToDigest", Level = LogLevel.Debug, Message = "No digest for {Subscription} on {Day}: no deals and nothing held")]
        public static partial void NothingToDigest(ILogger logger, string subscription, DateOnly day);
    }
}
