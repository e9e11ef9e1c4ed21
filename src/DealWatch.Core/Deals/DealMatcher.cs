using DealWatch.Core.Alerts;
using DealWatch.Core.Classification;

namespace DealWatch.Core.Deals;

/// <summary>
/// Decides, without I/O, whether a classified story reports a known deal, and merges it in. Two stories are the
/// same deal when they name the same two parties (buyer and provider, in either role), within the window, with
/// amounts within the tolerance or one of them unknown; inside the revision window a different amount revises the deal.
/// </summary>
public static class DealMatcher
{
    /// <summary>The best matching deal among <paramref name="candidates"/>, or null.</summary>
    public static Deal? FindMatch(IEnumerable<Deal> candidates, DealClassification story, DateTimeOffset reportedAt, DealClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(options);
        var storyCore = CoreParties(story.Buyer, story.Provider, story.Parties);
        if (storyCore.Count == 0)
        {
            return null;
        }

        Deal? best = null;
        var bestScore = double.MinValue;
        foreach (var deal in candidates)
        {
            if (reportedAt < deal.FirstReportedAt - options.Window || reportedAt > deal.LastReportedAt + options.Window)
            {
                continue;
            }

            var dealCore = CoreParties(deal.Buyer, deal.Provider, deal.Parties);
            var overlap = storyCore.Count(dealCore.Contains);
            var amountDiff = RelativeDifference(story.AmountUsd, deal.AmountUsd);
            var sameAmount = amountDiff is null || amountDiff <= options.AmountTolerance;
            var canRevise = overlap >= 2 && reportedAt <= deal.LastReportedAt + options.RevisionWindow && reportedAt >= deal.FirstReportedAt - options.RevisionWindow;

            // Two shared parties make the same deal (a different amount only inside the revision window);
            // one shared party is enough only when one side names a single party and the amounts agree closely.
            var match = overlap >= 2 ? sameAmount || canRevise
                : overlap == 1 && Math.Min(storyCore.Count, dealCore.Count) == 1 && amountDiff is not null && amountDiff <= 0.02;
            if (!match)
            {
                continue;
            }

            var days = Math.Abs((reportedAt - deal.LastReportedAt).TotalDays);
            var score = overlap * 10 - (amountDiff ?? 0.05) * 10 - days / options.Window.TotalDays;
            if (score > bestScore)
            {
                (best, bestScore) = (deal, score);
            }
        }

        return best;
    }

    /// <summary>A new deal from its first story.</summary>
    public static Deal Create(string id, DealClassification story, DealSource source, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(source);
        return new Deal
        {
            Id = id,
            DealType = story.DealType,
            Buyer = story.Buyer,
            Provider = story.Provider,
            Parties = AllParties(story),
            AmountUsd = story.AmountUsd,
            AmountText = story.AmountText,
            Currency = story.Currency,
            DurationYears = story.DurationYears,
            CapacityGw = story.CapacityGw,
            Confidence = story.Confidence,
            FirstReportedAt = reportedAt,
            LastReportedAt = reportedAt,
            Languages = [story.Language],
            Sources = [source],
        };
    }

    /// <summary>
    /// The deal with this story merged in: its source listed, missing facts filled, the amount revised when the
    /// story is newer and differs materially. <see cref="Deal.FactsVersion"/> goes up when a material fact changed.
    /// </summary>
    public static Deal Merge(Deal deal, DealClassification story, DealSource source, DateTimeOffset reportedAt, DealClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(options);
        if (deal.Sources.Any(s => s.StoryId == source.StoryId))
        {
            return deal;
        }

        var material = false;
        decimal? amount = deal.AmountUsd, previous = deal.PreviousAmountUsd;
        string? amountText = deal.AmountText, currency = deal.Currency;
        if (story.AmountUsd is { } storyAmount)
        {
            if (amount is null)
            {
                (amount, amountText, currency, material) = (storyAmount, story.AmountText, story.Currency, true);
            }
            else if (RelativeDifference(storyAmount, amount) > options.MaterialChange && reportedAt > deal.LastReportedAt)
            {
                (previous, amount, amountText, currency, material) = (amount, storyAmount, story.AmountText, story.Currency, true);
            }
        }

        var duration = deal.DurationYears;
        if (story.DurationYears is { } storyDuration && duration is null)
        {
            (duration, material) = (storyDuration, true);
        }

        var capacity = deal.CapacityGw;
        if (story.CapacityGw is { } storyCapacity && capacity is null)
        {
            (capacity, material) = (storyCapacity, true);
        }

        return deal with
        {
            DealType = deal.DealType ?? story.DealType,
            Buyer = deal.Buyer ?? story.Buyer,
            Provider = deal.Provider ?? story.Provider,
            Parties = deal.Parties.Union(AllParties(story), StringComparer.Ordinal).ToArray(),
            AmountUsd = amount,
            AmountText = amountText,
            Currency = currency,
            PreviousAmountUsd = previous,
            DurationYears = duration,
            CapacityGw = capacity,
            Confidence = Math.Max(deal.Confidence, story.Confidence),
            FirstReportedAt = reportedAt < deal.FirstReportedAt ? reportedAt : deal.FirstReportedAt,
            LastReportedAt = reportedAt > deal.LastReportedAt ? reportedAt : deal.LastReportedAt,
            Languages = deal.Languages.Union([story.Language], StringComparer.Ordinal).ToArray(),
            Sources = deal.Sources.Count < options.MaxSources ? [.. deal.Sources, source] : deal.Sources,
            FactsVersion = material ? deal.FactsVersion + 1 : deal.FactsVersion,
        };
    }

    /// <summary>The parties that identify a deal: buyer and provider, or every party named when a role is missing.</summary>
    public static HashSet<string> CoreParties(string? buyer, string? provider, IReadOnlyList<string> parties)
    {
        var core = new HashSet<string>(StringComparer.Ordinal);
        if (buyer is not null)
        {
            core.Add(buyer);
        }

        if (provider is not null)
        {
            core.Add(provider);
        }

        // Without both roles the story's party list stands in for them.
        if (core.Count < 2)
        {
            core.UnionWith(parties);
        }

        return core;
    }

    private static string[] AllParties(DealClassification story)
    {
        IEnumerable<string?> all = [story.Buyer, story.Provider, .. story.Parties];
        return all.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
    }

    private static double? RelativeDifference(decimal? a, decimal? b) =>
        a is { } x && b is { } y && Math.Max(x, y) > 0 ? (double)(Math.Abs(x - y) / Math.Max(x, y)) : null;
}
