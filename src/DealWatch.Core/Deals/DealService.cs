using DealWatch.Core.Alerts;
using DealWatch.Core.Classification;
using DealWatch.Core.Rules;
using DealWatch.Core.Stories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Deals;

/// <summary>
/// Attaches a deal story to its deal (a new one, or the one other outlets already reported), decides in the same
/// write which subscriptions to alert, then publishes those alerts. Safe to run twice for the same story.
/// </summary>
public sealed partial class DealService(
    DealStore deals,
    AlertPublisher publisher,
    MarketContext market,
    IOptions<DealClusteringOptions> options,
    IOptionsMonitor<SubscriptionsOptions> subscriptions,
    TimeProvider time,
    ILogger<DealService> logger)
{
    private const int MaxAttempts = 20;

    /// <summary>Attaches the story to its deal and publishes the alerts that became due.</summary>
    /// <exception cref="InvalidOperationException">Other writers kept winning the deals lock.</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<Deal> AttachAsync(StoredStory stored, DealClassification classification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(classification);
        var settings = options.Value;
        var story = stored.Story;
        var reportedAt = story.PublishedAt ?? stored.FirstSeenAt;
        var source = new DealSource(story.Id, story.Title, story.Url, story.Source, classification.Language, story.PublishedAt);

        var lockParties = DealMatcher.CoreParties(classification.Buyer, classification.Provider, classification.Parties);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var snapshot = await deals.ReadAsync(reportedAt - settings.Window, reportedAt + settings.Window, lockParties, cancellationToken).ConfigureAwait(false);
            var attached = snapshot.Deals.FirstOrDefault(d => d.Sources.Any(s => s.StoryId == story.Id));
            if (attached is not null)
            {
                // A retry of a story already attached: only finish publishing what is still pending.
                await FlushAsync(attached, attached.PendingAlerts, cancellationToken).ConfigureAwait(false);
                return attached;
            }

            var match = DealMatcher.FindMatch(snapshot.Deals, classification, reportedAt, settings);
            var next = match is null
                ? DealMatcher.Create(NewDealId(story.Id, reportedAt), classification, source, reportedAt)
                : DealMatcher.Merge(match, classification, source, reportedAt, settings);
            // PlanAlerts keeps the pending alerts it was given and adds this story's after them.
            var pendingBefore = next.PendingAlerts.Count;
            next = DealRule.PlanAlerts(next, subscriptions.CurrentValue.Items);
            var dealETag = match is null ? (Azure.ETag?)null : snapshot.DealETags[match.Id];
            if (!await deals.TryWriteAsync(next, dealETag, snapshot.Locks, cancellationToken).ConfigureAwait(false))
            {
                Log.LockContended(logger, story.Id, attempt);
                continue;
            }

            if (match is null)
            {
                DealWatchMetrics.DealsFound.Add(1);
                Log.DealCreated(logger, next.Id, story.Id, next.Buyer, next.Provider, next.AmountUsd);
            }
            else
            {
                Log.StoryAttached(logger, story.Id, next.Id, next.Sources.Count, next.FactsVersion);
            }

            // Publish only what this story decided: alerts still pending from another story are that story's to
            // publish (its retry does, if it died), and publishing them here too would only race it.
            await FlushAsync(next, next.PendingAlerts.Skip(pendingBefore).ToArray(), cancellationToken).ConfigureAwait(false);
            return next;
        }

        throw new InvalidOperationException($"Story {story.Id} could not be attached to a deal: the locks of its parties stayed contended for {MaxAttempts} attempts.");
    }

    /// <summary>Publishes some of a deal's pending alerts, then clears them from the deal.</summary>
    private async Task FlushAsync(Deal deal, IReadOnlyList<PendingAlert> toPublish, CancellationToken cancellationToken)
    {
        if (toPublish.Count == 0)
        {
            return;
        }

        var context = await market.ForDealAsync(deal.Parties, cancellationToken).ConfigureAwait(false);
        var facts = deal.ToFacts();
        foreach (var pending in toPublish)
        {
            var subscription = subscriptions.CurrentValue.Items.FirstOrDefault(s => s.Name == pending.Subscription);
            if (subscription is null)
            {
                Log.SubscriptionGone(logger, pending.AlertId, pending.Subscription);
                continue;
            }

            await publisher.PublishAsync(new Alert
            {
                Id = pending.AlertId,
                Kind = pending.Kind,
                Subscription = subscription.Name,
                Language = subscription.Language,
                CreatedAt = time.GetUtcNow(),
                Deal = facts,
                Market = context,
            }, cancellationToken, options.Value.AlertDelay).ConfigureAwait(false);
        }

        var published = toPublish.Select(p => p.AlertId).ToHashSet(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await deals.GetForUpdateAsync(deal.Id, cancellationToken).ConfigureAwait(false) is not var (current, etag))
            {
                return;
            }

            var cleared = current with { PendingAlerts = current.PendingAlerts.Where(p => !published.Contains(p.AlertId)).ToArray() };
            if (cleared.PendingAlerts.Count == current.PendingAlerts.Count || await deals.TryWriteAsync(cleared, etag, new Dictionary<string, Azure.ETag?>(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        // Left pending, the alerts are published again by the next story of this deal; publishing is idempotent.
        Log.PendingNotCleared(logger, deal.Id);
    }

    private static string NewDealId(string storyId, DateTimeOffset reportedAt) =>
        $"d{reportedAt.UtcDateTime:yyyyMMdd}-{(storyId.Length > 12 ? storyId[..12] : storyId)}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, EventName = "DealCreated", Level = LogLevel.Information, Message = "New deal {DealId} from story {StoryId}: buyer {Buyer}, provider {Provider}, amount {AmountUsd} USD")]
        public static partial void DealCreated(ILogger logger, string dealId, string storyId, string? buyer, string? provider, decimal? amountUsd);

        [LoggerMessage(EventId = 2102, EventName = "StoryAttached", Level = LogLevel.Information, Message = "Story {StoryId} attached to deal {DealId} ({SourceCount} sources, facts version {FactsVersion})")]
        public static partial void StoryAttached(ILogger logger, string storyId, string dealId, int sourceCount, int factsVersion);

        [LoggerMessage(EventId = 2103, EventName = "DealsLockContended", Level = LogLevel.Debug, Message = "Deal locks contended while attaching story {StoryId} (attempt {Attempt}); reading again")]
        public static partial void LockContended(ILogger logger, string storyId, int attempt);

        [LoggerMessage(EventId = 2104, EventName = "SubscriptionGone", Level = LogLevel.Warning, Message = "Alert {AlertId} dropped: subscription {Subscription} is no longer configured")]
        public static partial void SubscriptionGone(ILogger logger, string alertId, string subscription);

        [LoggerMessage(EventId = 2105, EventName = "PendingNotCleared", Level = LogLevel.Warning, Message = "Published alerts of deal {DealId} could not be cleared from its outbox; they will be re-published (idempotently) later")]
        public static partial void PendingNotCleared(ILogger logger, string dealId);
    }
}
