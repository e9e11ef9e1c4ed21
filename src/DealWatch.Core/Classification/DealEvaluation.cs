using System.Text.Json.Serialization;

namespace DealWatch.Core.Classification;

/// <summary>The expected answer for one labelled story (the <c>label</c> object of a corpus line).</summary>
public sealed record DealLabel
{
    [JsonPropertyName("isComputeDeal")] public bool IsComputeDeal { get; init; }
    [JsonPropertyName("dealType")] public string? DealType { get; init; }
    [JsonPropertyName("buyer")] public string? Buyer { get; init; }
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("parties")] public IReadOnlyList<string>? Parties { get; init; }
    [JsonPropertyName("amountUsd")] public decimal? AmountUsd { get; init; }
    /// <summary>ISO 4217 of the amount; when absent, USD is assumed for a labelled amount.</summary>
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("durationYears")] public double? DurationYears { get; init; }
    [JsonPropertyName("capacityGw")] public double? CapacityGw { get; init; }
}

/// <summary>One line of a labelled corpus: the story's fields and its <see cref="DealLabel"/>.</summary>
public sealed record LabelledStoryLine
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("summary")] public string? Summary { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("publishedAt")] public DateTimeOffset? PublishedAt { get; init; }
    [JsonPropertyName("label")] public DealLabel? Label { get; init; }

    /// <summary>The story as the classifier takes it.</summary>
    /// <exception cref="InvalidOperationException">The line has no id or no title.</exception>
    public StoryText ToStory() => new(
        Id ?? throw new InvalidOperationException("A labelled story needs an id."),
        Title ?? throw new InvalidOperationException($"Labelled story {Id} has no title."),
        Summary, Language, Source, PublishedAt);
}

/// <summary>Share of true deals on which one field was right.</summary>
public sealed record FieldAccuracy(
    [property: JsonPropertyName("correct")] int Correct,
    [property: JsonPropertyName("total")] int Total)
{
    [JsonPropertyName("accuracy")] public double Accuracy => Total == 0 ? 1 : (double)Correct / Total;
}

/// <summary>A story the classifier got wrong, with what was expected and what came out.</summary>
public sealed record EvaluationMiss(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("details")] IReadOnlyList<string> Details,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>One bin of the reliability table: of the stories given about this confidence, the share that were deals.</summary>
public sealed record CalibrationBin(
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("stories")] int Stories,
    [property: JsonPropertyName("meanConfidence")] double MeanConfidence,
    [property: JsonPropertyName("dealShare")] double DealShare);

/// <summary>How the classifier did on a labelled set.</summary>
public sealed record DealEvaluationReport
{
    [JsonPropertyName("stories")] public int Stories { get; init; }
    [JsonPropertyName("truePositives")] public int TruePositives { get; init; }
    [JsonPropertyName("falsePositives")] public int FalsePositives { get; init; }
    [JsonPropertyName("falseNegatives")] public int FalseNegatives { get; init; }
    [JsonPropertyName("trueNegatives")] public int TrueNegatives { get; init; }
    [JsonPropertyName("precision")] public double Precision { get; init; }
    [JsonPropertyName("recall")] public double Recall { get; init; }
    [JsonPropertyName("f1")] public double F1 { get; init; }
    /// <summary>Mean squared gap between confidence and label (lower is better calibrated).</summary>
    [JsonPropertyName("brierScore")] public double BrierScore { get; init; }
    /// <summary>Field accuracy over the labelled deals: amount, buyer, provider, parties, dealType, duration, capacity, currency.</summary>
    [JsonPropertyName("fields")] public IReadOnlyDictionary<string, FieldAccuracy> Fields { get; init; } = new Dictionary<string, FieldAccuracy>();
    [JsonPropertyName("calibration")] public IReadOnlyList<CalibrationBin> Calibration { get; init; } = [];
    [JsonPropertyName("misses")] public IReadOnlyList<EvaluationMiss> Misses { get; init; } = [];
}

/// <summary>Scores classifications against labels: precision, recall and F1 of the label, and field accuracy over the true deals.</summary>
public static class DealEvaluator
{
    /// <summary>The fields compared on every labelled deal, in report order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["amount", "buyer", "provider", "parties", "dealType", "duration", "capacity", "currency"];

    /// <summary>Compares each classification with its label.</summary>
    /// <exception cref="ArgumentException">A pair has no label.</exception>
    public static DealEvaluationReport Evaluate(IEnumerable<(LabelledStoryLine Line, DealClassification Result)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int tp = 0, fp = 0, fn = 0, tn = 0, stories = 0;
        double brier = 0;
        var correct = FieldNames.ToDictionary(f => f, _ => 0);
        var deals = 0;
        var misses = new List<EvaluationMiss>();
        var binCounts = new int[10];
        var binConfidence = new double[10];
        var binDeals = new int[10];
        foreach (var (line, result) in pairs)
        {
            var label = line.Label ?? throw new ArgumentException($"Story {line.Id} has no label.", nameof(pairs));
            stories++;
            var expected = label.IsComputeDeal;
            var actual = result.IsComputeDeal;
            brier += Math.Pow(result.Confidence - (expected ? 1 : 0), 2);
            var bin = Math.Clamp((int)(result.Confidence * 10), 0, 9);
            binCounts[bin]++;
            binConfidence[bin] += result.Confidence;
            if (expected) binDeals[bin]++;
            if (expected && actual) tp++;
            else if (!expected && actual) fp++;
            else if (expected && !actual) fn++;
            else tn++;

            if (expected != actual)
            {
                misses.Add(new EvaluationMiss(result.Id, line.Title ?? "", expected ? "false-negative" : "false-positive", [], result.Confidence));
            }
            if (!expected) continue;

            deals++;
            var wrong = new List<string>();
            void Check(string field, bool ok, object? want, object? got)
            {
                if (ok) correct[field]++;
                else wrong.Add($"{field}: expected {Show(want)}, got {Show(got)}");
            }
            Check("amount", SameAmount(label.AmountUsd, result.AmountUsd), label.AmountUsd, result.AmountUsd);
            Check("buyer", label.Buyer == result.Buyer, label.Buyer, result.Buyer);
            Check("provider", label.Provider == result.Provider, label.Provider, result.Provider);
            var expectedParties = label.Parties ?? [];
            Check("parties", expectedParties.ToHashSet(StringComparer.Ordinal).SetEquals(result.Parties), string.Join(",", expectedParties), string.Join(",", result.Parties));
            Check("dealType", label.DealType == result.DealType, label.DealType, result.DealType);
            Check("duration", SameNumber(label.DurationYears, result.DurationYears), label.DurationYears, result.DurationYears);
            Check("capacity", SameNumber(label.CapacityGw, result.CapacityGw), label.CapacityGw, result.CapacityGw);
            var expectedCurrency = label.Currency ?? (label.AmountUsd is null ? null : "USD");
            Check("currency", string.Equals(expectedCurrency, result.Currency, StringComparison.OrdinalIgnoreCase), expectedCurrency, result.Currency);
            if (wrong.Count > 0 && actual)
            {
                misses.Add(new EvaluationMiss(result.Id, line.Title ?? "", "fields", wrong, result.Confidence));
            }
        }

        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        var calibration = new List<CalibrationBin>();
        for (var b = 0; b < 10; b++)
        {
            if (binCounts[b] == 0) continue;
            calibration.Add(new CalibrationBin(b / 10.0, (b + 1) / 10.0, binCounts[b], Math.Round(binConfidence[b] / binCounts[b], 3), Math.Round((double)binDeals[b] / binCounts[b], 3)));
        }
        return new DealEvaluationReport
        {
            Stories = stories,
            TruePositives = tp,
            FalsePositives = fp,
            FalseNegatives = fn,
            TrueNegatives = tn,
            Precision = Math.Round(precision, 4),
            Recall = Math.Round(recall, 4),
            F1 = Math.Round(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall), 4),
            BrierScore = stories == 0 ? 0 : Math.Round(brier / stories, 4),
            Fields = FieldNames.ToDictionary(f => f, f => new FieldAccuracy(correct[f], deals)),
            Calibration = calibration,
            Misses = misses,
        };
    }

    private static bool SameAmount(decimal? expected, decimal? actual) =>
        expected is null ? actual is null : actual is not null && Math.Abs(expected.Value - actual.Value) <= Math.Abs(expected.Value) * 0.005m;

    private static bool SameNumber(double? expected, double? actual) =>
        expected is null ? actual is null : actual is not null && Math.Abs(expected.Value - actual.Value) <= Math.Abs(expected.Value) * 0.01 + 1e-9;

    private static string Show(object? value) => value switch
    {
        null => "null",
        decimal d => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
