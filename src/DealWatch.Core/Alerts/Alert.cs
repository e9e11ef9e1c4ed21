using System.Text.Json.Serialization;
using DealWatch.Core.Markets;

namespace DealWatch.Core.Alerts;

/// <summary>What tripped an alert.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    /// <summary>A compute deal qualified for a subscription for the first time.</summary>
    Deal,
    /// <summary>A material fact of an alerted deal changed (the amount was revised, a missing amount became known).</summary>
    DealUpdate,
    /// <summary>An index or futures contract moved past a threshold against its previous close.</summary>
    IndexMove,
    /// <summary>A share moved past a threshold against its previous close.</summary>
    ShareMove,
    /// <summary>A party's share moved past a threshold within N trading days of its deal.</summary>
    MarketReaction,
    /// <summary>The daily digest email: the day's deals and the alerts held during quiet hours.</summary>
    Digest,
}

/// <summary>
/// One alert for one subscription: everything a channel needs to render it, frozen when the rule tripped,
/// so that a retried delivery renders the same message. Stored in the <c>alerts</c> table.
/// </summary>
public sealed record Alert
{
    /// <summary>Deterministic id: the same event for the same subscription always gets the same id.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public required AlertKind Kind { get; init; }
    /// <summary>The subscription the alert is for.</summary>
    [JsonPropertyName("subscription")] public required string Subscription { get; init; }
    /// <summary>The subscription's language: <c>en</c> or <c>zh-Hant</c>.</summary>
    [JsonPropertyName("language")] public required string Language { get; init; }
    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The deal, for <see cref="AlertKind.Deal"/>, <see cref="AlertKind.DealUpdate"/> and <see cref="AlertKind.MarketReaction"/>.</summary>
    [JsonPropertyName("deal")] public DealFacts? Deal { get; init; }
    /// <summary>The move, for <see cref="AlertKind.IndexMove"/>, <see cref="AlertKind.ShareMove"/> and <see cref="AlertKind.MarketReaction"/>.</summary>
    [JsonPropertyName("move")] public MarketMove? Move { get; init; }
    /// <summary>Quotes shown beside the alert: the parties' shares and the main indices when the alert was made.</summary>
    [JsonPropertyName("market")] public IReadOnlyList<Quote> Market { get; init; } = [];
    /// <summary>For <see cref="AlertKind.Digest"/>: the subscription's local date it covers.</summary>
    [JsonPropertyName("digestDate")] public DateOnly? DigestDate { get; init; }
    /// <summary>For <see cref="AlertKind.Digest"/>: the alerts it gathers, oldest first.</summary>
    [JsonPropertyName("items")] public IReadOnlyList<Alert> Items { get; init; } = [];
}

/// <summary>The facts of a deal as known when the alert was made.</summary>
public sealed record DealFacts
{
    [JsonPropertyName("dealId")] public required string DealId { get; init; }
    [JsonPropertyName("dealType")] public string? DealType { get; init; }
    /// <summary>Party id of the side that gets the compute.</summary>
    [JsonPropertyName("buyer")] public string? Buyer { get; init; }
    /// <summary>Party id of the side that supplies it.</summary>
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("parties")] public IReadOnlyList<string> Parties { get; init; } = [];
    [JsonPropertyName("amountUsd")] public decimal? AmountUsd { get; init; }
    /// <summary>The amount as first written in a story ("US$38 billion", "380億美元").</summary>
    [JsonPropertyName("amountText")] public string? AmountText { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("durationYears")] public double? DurationYears { get; init; }
    [JsonPropertyName("capacityGw")] public double? CapacityGw { get; init; }
    /// <summary>For an update: the amount the previous alert gave.</summary>
    [JsonPropertyName("previousAmountUsd")] public decimal? PreviousAmountUsd { get; init; }
    [JsonPropertyName("firstReportedAt")] public DateTimeOffset? FirstReportedAt { get; init; }
    /// <summary>Every story that reported the deal, first one first.</summary>
    [JsonPropertyName("sources")] public IReadOnlyList<DealSource> Sources { get; init; } = [];
}

/// <summary>One story that reported a deal.</summary>
public sealed record DealSource(
    [property: JsonPropertyName("storyId")] string StoryId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("outlet")] string Outlet,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset? PublishedAt);

/// <summary>A market move that tripped a rule.</summary>
public sealed record MarketMove
{
    [JsonPropertyName("quote")] public required Quote Quote { get; init; }
    /// <summary>The rule's threshold, as the user configured it ("1.5%", "150 points").</summary>
    [JsonPropertyName("threshold")] public required string Threshold { get; init; }
    /// <summary>For a reaction: the close before the deal that the move is measured from.</summary>
    [JsonPropertyName("baseClose")] public DailyClose? BaseClose { get; init; }
    /// <summary>For a reaction: trading days since the deal.</summary>
    [JsonPropertyName("tradingDays")] public int? TradingDays { get; init; }
    /// <summary>For a reaction: the change from <see cref="BaseClose"/> in percent.</summary>
    [JsonPropertyName("reactionPercent")] public decimal? ReactionPercent { get; init; }
}
