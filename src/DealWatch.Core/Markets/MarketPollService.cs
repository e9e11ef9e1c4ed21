using DealWatch.Core.Alerts;
using DealWatch.Core.Deals;
using DealWatch.Core.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Markets;

/// <summary>What one market poll did.</summary>
public sealed record MarketPollSummary(int Quotes, int Errors, int AlertsPublished);

/// <summary>
/// Behind the <c>PollMarkets</c> timer: fetches the watched quotes once, stores the snapshot, and publishes the
/// alerts the market rules call for: index and share moves past a subscription's thresholds (once per symbol per
/// session and cooldown), and deal parties' shares reacting to their deal.
/// </summary>
public sealed partial class MarketPollService(
    IQuoteService quotes,
    IQuoteStore snapshots,
    DealStore deals,
    AlertStore alerts,
    AlertPublisher publisher,
    IOptionsMonitor<SubscriptionsOptions> subscriptions,
    TimeProvider time,
    ILogger<MarketPollService> logger)
{
    /// <summary>Polls the market once.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<MarketPollSummary> PollAsync(CancellationToken cancellationToken)
    {
        var batch = await quotes.GetQuotesAsync(quotes.WatchedSymbols, cancellationToken).ConfigureAwait(false);
        foreach (var error in batch.Errors)
        {
            Log.QuoteFailed(logger, error);
        }

        await snapshots.SaveAsync(batch.Quotes, cancellationToken).ConfigureAwait(false);
        var published = 0;
        foreach (var subscription in subscriptions.CurrentValue.Items)
        {
            published += await EvaluateMovesAsync(subscription, batch.Quotes, cancellationToken).ConfigureAwait(false);
            if (subscription.Reaction is { } reaction)
            {
                published += await EvaluateReactionsAsync(subscription, reaction, batch.Quotes, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.Polled(logger, batch.Quotes.Count, batch.Errors.Count, published);
        return new MarketPollSummary(batch.Quotes.Count, batch.Errors.Count, published);
    }

    private async Task<int> EvaluateMovesAsync(SubscriptionOptions subscription, IReadOnlyList<Quote> latest, CancellationToken cancellationToken)
    {
        var published = 0;
        var now = time.GetUtcNow();
        foreach (var quote in latest)
        {
            var rule = subscription.Moves.FirstOrDefault(r => MarketRules.Trips(r, quote));
            if (rule is null)
            {
                continue;
            }

            var id = $"move.{subscription.Name}.{MarketRules.KeySafe(quote.Symbol)}.{MarketRules.MarketDate(quote):yyyyMMdd}.{quote.Session}";
            if (await alerts.GetAsync(id, cancellationToken).ConfigureAwait(false) is null
                && await alerts.LastMoveAlertAsync(subscription.Name, quote.Symbol, now - rule.Cooldown, cancellationToken).ConfigureAwait(false) is { } last)
            {
                Log.Cooldown(logger, quote.Symbol, subscription.Name, last);
                continue;
            }

            var alert = new Alert
            {
                Id = id,
                Kind = quote.Kind == InstrumentKind.Share ? AlertKind.ShareMove : AlertKind.IndexMove,
                Subscription = subscription.Name,
                Language = subscription.Language,
                CreatedAt = now,
                Move = new MarketMove { Quote = quote, Threshold = MarketRules.Describe(rule) },
                Market = latest.Where(q => q.Kind != InstrumentKind.Share && q.Symbol != quote.Symbol).ToArray(),
            };
            if (await publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false))
            {
                published++;
            }
        }

        return published;
    }

    private async Task<int> EvaluateReactionsAsync(SubscriptionOptions subscription, ReactionRuleOptions rule, IReadOnlyList<Quote> latest, CancellationToken cancellationToken)
    {
        var shares = latest.Where(q => q.Kind == InstrumentKind.Share).ToDictionary(q => q.Symbol, StringComparer.OrdinalIgnoreCase);
        if (shares.Count == 0)
        {
            return 0;
        }

        // A reaction window of N trading days spans at most about N * 7 / 5 calendar days plus holidays.
        var newest = shares.Values.Max(q => q.AsOf);
        var recent = await deals.ListAsync(newest - TimeSpan.FromDays(rule.TradingDays * 7 / 5 + 5), cancellationToken).ConfigureAwait(false);
        var published = 0;
        foreach (var deal in recent.Where(d => DealRule.Matches(subscription.Deals, d)))
        {
            foreach (var party in deal.Parties)
            {
                if (PartyTickers.Of(party) is not { } ticker || !shares.TryGetValue(ticker, out var quote))
                {
                    continue;
                }

                var dealDate = MarketTime.DateAt(deal.FirstReportedAt, quote.TimeZone);
                var closes = await quotes.GetDailyClosesAsync(ticker, dealDate.AddDays(-10), cancellationToken).ConfigureAwait(false);
                if (MarketRules.MeasureReaction(quote, closes, dealDate, rule.TradingDays) is not { } reaction || Math.Abs(reaction.Percent) < rule.Percent)
                {
                    continue;
                }

                var alert = new Alert
                {
                    Id = $"reaction.{deal.Id}.{subscription.Name}.{MarketRules.KeySafe(ticker)}",
                    Kind = AlertKind.MarketReaction,
                    Subscription = subscription.Name,
                    Language = subscription.Language,
                    CreatedAt = time.GetUtcNow(),
                    Deal = deal.ToFacts(),
                    Move = new MarketMove
                    {
                        Quote = quote,
                        Threshold = rule.Percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%",
                        BaseClose = reaction.Base,
                        TradingDays = reaction.TradingDays,
                        ReactionPercent = reaction.Percent,
                    },
                };
                if (await publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false))
                {
                    published++;
                }
            }
        }

        return published;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, EventName = "QuoteFailed", Level = LogLevel.Warning, Message = "Quote not available: {Error}")]
        public static partial void QuoteFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 5002, EventName = "MoveCooldown", Level = LogLevel.Debug, Message = "Move of {Symbol} for {Subscription} not alerted: cooling down since {LastAlertAt}")]
        public static partial void Cooldown(ILogger logger, string symbol, string subscription, DateTimeOffset lastAlertAt);

        [LoggerMessage(EventId = 5003, EventName = "MarketsPolled", Level = LogLevel.Information, Message = "Polled {QuoteCount} quotes ({ErrorCount} missing): {AlertCount} alerts published")]
        public static partial void Polled(ILogger logger, int quoteCount, int errorCount, int alertCount);
    }
}
