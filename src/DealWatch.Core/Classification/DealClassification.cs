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
    public const string CloudCapacity = "cloud-capacity";
    public const string ChipSupply = "chip-supply";
    public const string DatacenterLease = "datacenter-lease";
    public const string ComputeForEquity = "compute-for-equity";
    public const string Other = "other";
}

/// <summary>What the classifier found in one story: every field of the compute-deal spec.</summary>
public sealed record DealClassification
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("isComputeDeal")] public required bool IsComputeDeal { get; init; }
    /// <summary>Calibrated probability, 0..1, that the story reports a compute deal.</summary>
    [JsonPropertyName("confidence")] public required double Confidence { get; init; }
    [JsonPropertyName("dealType")] public string? DealType { get; init; }
    [JsonPropertyName("buyer")] public string? Buyer { get; init; }
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("parties")] public IReadOnlyList<string> Parties { get; init; } = [];
    [JsonPropertyName("amountUsd")] public decimal? AmountUsd { get; init; }
    [JsonPropertyName("amountText")] public string? AmountText { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("durationYears")] public double? DurationYears { get; init; }
    [JsonPropertyName("capacityGw")] public double? CapacityGw { get; init; }
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
