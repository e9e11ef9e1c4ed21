using System.Text.Json.Serialization;

namespace DealWatch.Core.Classification;

/// <summary>
/// Source-generated JSON for the classifier's contract: <see cref="StoryText"/> in, <see cref="DealClassification"/> out,
/// labelled corpus lines and evaluation reports. Nulls are written, so every field of the spec is on every output line.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(StoryText))]
[JsonSerializable(typeof(DealClassification))]
[JsonSerializable(typeof(LabelledStoryLine))]
[JsonSerializable(typeof(DealEvaluationReport))]
public sealed partial class ClassificationJsonContext : JsonSerializerContext;
