using DealWatch.Core.Alerts;
using DealWatch.Core.Deals;

namespace DealWatch.Core.Rules;

/// <summary>Which subscriptions a deal's current facts should alert, and with what kind of alert.</summary>
public static class DealRule
{
    /// <summary>True when the deal's current facts satisfy the subscription's deal rule.</summary>
    public static bool Matches(DealRuleOptions rule, Deal deal)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(deal);
        if (!rule.Enabled || deal.Confidence < rule.MinConfidence)
        {
            return false;
        }

        var amountOk = deal.AmountUsd is { } amount ? amount >= rule.MinAmountUsd : rule.IncludeUnknownAmount || rule.MinAmountUsd == 0;
        var partiesOk = rule.Parties.Count == 0 || deal.Parties.Any(p => rule.Parties.Contains(p, StringComparer.OrdinalIgnoreCase));
        var typeOk = rule.DealTypes.Count == 0 || (deal.DealType is { } type && rule.DealTypes.Contains(type, StringComparer.OrdinalIgnoreCase));
        var languageOk = rule.Languages.Count == 0 || deal.Languages.Any(l => rule.Languages.Contains(l, StringComparer.OrdinalIgnoreCase));
        return amountOk && partiesOk && typeOk && languageOk;
    }

    /// <summary>
    /// The deal with the alerts its current facts call for added to its pending alerts: a first alert for each
    /// subscription that now matches and was never alerted, an update for each that was alerted at an older
    /// version of the facts and still matches. Deciding this inside the deal's write makes "once" hold under
    /// concurrency: the decision and the record of it commit together.
    /// </summary>
    public static Deal PlanAlerts(Deal deal, IEnumerable<SubscriptionOptions> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var alerted = new Dictionary<string, int>(deal.AlertedVersions, StringComparer.Ordinal);
        // The pending alerts stay first, in their order; new ones follow (DealService publishes only those).
        var pending = new List<PendingAlert>(deal.PendingAlerts);
        foreach (var subscription in subscriptions)
        {
            if (!Matches(subscription.Deals, deal))
            {
                continue;
            }

            var had = alerted.TryGetValue(subscription.Name, out var version);
            if (had && version >= deal.FactsVersion)
            {
                continue;
            }

            var kind = had ? AlertKind.DealUpdate : AlertKind.Deal;
            pending.Add(new PendingAlert(AlertId(deal.Id, subscription.Name, deal.FactsVersion), subscription.Name, kind));
            alerted[subscription.Name] = deal.FactsVersion;
        }

        return deal with { AlertedVersions = alerted, PendingAlerts = pending };
    }

    /// <summary>The id of a deal's alert for a subscription at a version of its facts.</summary>
    public static string AlertId(string dealId, string subscription, int factsVersion) => $"{dealId}.{subscription}.v{factsVersion}";
}
