using DealWatch.Core.Alerts;

namespace DealWatch.Core.Deals;

/// <summary>
/// One deal: the facts merged from every story that reported it, and which subscriptions were told about it
/// at which version of the facts. A row of the <c>deals</c> table.
/// </summary>
public sealed record Deal
{
    public required string Id { get; init; }
    public string? DealType { get; init; }
    public string? Buyer { get; init; }
    public string? Provider { get; init; }
    public IReadOnlyList<string> Parties { get; init; } = [];
    public decimal? AmountUsd { get; init; }
    public string? AmountText { get; init; }
    public string? Currency { get; init; }
    /// <summary>The amount before the last revision, when the amount was revised.</summary>
    public decimal? PreviousAmountUsd { get; init; }
    public double? DurationYears { get; init; }
    public double? CapacityGw { get; init; }
    /// <summary>Highest classifier confidence among its stories.</summary>
    public double Confidence { get; init; }
    public required DateTimeOffset FirstReportedAt { get; init; }
    public required DateTimeOffset LastReportedAt { get; init; }
    /// <summary>Languages of the stories that reported it.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>Every story that reported it, first one first.</summary>
    public IReadOnlyList<DealSource> Sources { get; init; } = [];
    /// <summary>Goes up by one each time a material fact changes (the amount is revised or first given, a duration or capacity appears).</summary>
    public int FactsVersion { get; init; } = 1;
    /// <summary>Per subscription: the <see cref="FactsVersion"/> it was last alerted at.</summary>
    public IReadOnlyDictionary<string, int> AlertedVersions { get; init; } = new Dictionary<string, int>();
    /// <summary>Alerts decided together with this state but not yet published (the transactional outbox).</summary>
    public IReadOnlyList<PendingAlert> PendingAlerts { get; init; } = [];

    /// <summary>The facts as an alert shows them, sources in the order they were published.</summary>
    public DealFacts ToFacts() => new()
    {
        DealId = Id,
        DealType = DealType,
        Buyer = Buyer,
        Provider = Provider,
        Parties = Parties,
        AmountUsd = AmountUsd,
        AmountText = AmountText,
        Currency = Currency,
        DurationYears = DurationYears,
        CapacityGw = CapacityGw,
        PreviousAmountUsd = PreviousAmountUsd,
        FirstReportedAt = FirstReportedAt,
        Sources = [.. Sources.OrderBy(s => s.PublishedAt ?? DateTimeOffset.MaxValue)],
    };
}

/// <summary>An alert decided when a deal changed, waiting to be written and enqueued.</summary>
public sealed record PendingAlert(string AlertId, string Subscription, AlertKind Kind);
