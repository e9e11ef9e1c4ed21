using System.Text.Json.Serialization;

namespace DealWatch.Core.Classification;

/// <summary>The text of one story, as the classifier sees it (the input line of <c>dealwatch classify</c>).</summary>
/// <param name="Id">The story's id, copied to the result.</param>
/// <param name="Title">The headline; required.</param>
/// <param name="Summary">The summary or lead as plain text, if any.</param>
/// <param name="Language">The BCP 47 language the source declares (<c>en</c>, <c>zh-Hant</c>), if any.</param>
/// <param name="Source">The outlet's name, if known.</param>
/// <param name="PublishedAt">When the story was published, if known.</param>
public sealed record StoryText(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string? Summary = null,
    [property: JsonPropertyName("language")] string? Language = null,
    [property: JsonPropertyName("source")] string? Source = null,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset? PublishedAt = null);

/// <summary>The values of <see cref="DealClassification.DealType"/>, as <c>shared/spec/compute-deal.md</c> defines them.</summary>
public static class DealTypes
{
    /// <summary>A lab commits to spend on a cloud's GPU/TPU/Trainium capacity.</summary>
    public const string CloudCapacity = "cloud-capacity";
    public const string ChipSupply = "chip-supply";
    public const string DatacenterLease = "datacenter-lease";
    public const string ComputeForEquity = "compute-for-equity";
    public const string Other = "other";
}

/// <summary>What the classifier found in one story: every field of the compute-deal spec.</summary>
public sealed record DealClassification
{
    /// <summary>The story's id, copied from the input.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>True when the story reports an agreed AI compute deal (spec: "What counts as a compute deal").</summary>
    [JsonPropertyName("isComputeDeal")] public required bool IsComputeDeal { get; init; }
    /// <summary>Calibrated probability, 0..1, that the story reports a compute deal.</summary>
    [JsonPropertyName("confidence")] public required double Confidence { get; init; }
    /// <summary>One of <see cref="DealTypes"/>; null when not a deal.</summary>
    [JsonPropertyName("dealType")] public string? DealType { get; init; }
    /// <summary>Party id of the side that gets the compute; null when not a deal or not named.</summary>
    [JsonPropertyName("buyer")] public string? Buyer { get; init; }
    /// <summary>Party id of the side that supplies it.</summary>
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    /// <summary>Every party id in the deal, buyer first, no duplicates; empty when not a deal.</summary>
    [JsonPropertyName("parties")] public IReadOnlyList<string> Parties { get; init; } = [];
    /// <summary>The deal's value in US dollars ("up to X" gives X, a range its upper end), converted with the configured rates.</summary>
    [JsonPropertyName("amountUsd")] public decimal? AmountUsd { get; init; }
    /// <summary>The amount as the story writes it ("US$38 billion", "380億美元").</summary>
    [JsonPropertyName("amountText")] public string? AmountText { get; init; }
    /// <summary>ISO 4217 code of <see cref="AmountText"/>.</summary>
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    /// <summary>The deal's term in years ("seven-year", "為期7年").</summary>
    [JsonPropertyName("durationYears")] public double? DurationYears { get; init; }
    /// <summary>Capacity in gigawatts when stated ("6 GW", "10吉瓦", "300MW" = 0.3).</summary>
    [JsonPropertyName("capacityGw")] public double? CapacityGw { get; init; }
    /// <summary>BCP 47 tag of the story: the declared one (zh-TW and zh-HK read as zh-Hant), else detected (en, zh-Hant, zh-Hans).</summary>
    [JsonPropertyName("language")] public required string Language { get; init; }
}

/// <summary>Decides whether a story reports an AI compute deal and extracts its facts.</summary>
public interface IDealClassifier
{
    /// <summary>Classifies one story with the local model only: pure, thread-safe, no I/O.</summary>
    DealClassification Classify(StoryText story);

    /// <summary>
    /// Classifies one story, asking the configured enrichment service (Azure AI Language) only when the
    /// local model is unsure; without enrichment configured this is <see cref="Classify"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    ValueTask<DealClassification> ClassifyAsync(StoryText story, CancellationToken cancellationToken);
}
