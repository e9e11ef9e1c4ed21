using DealWatch.Core.Classification;

namespace DealWatch.Tests.Classification;

/// <summary>The quality bar of the issue, on the shared dev corpus and on our own labelled sets.</summary>
public sealed class CorpusQualityTests
{
    [Fact]
    public void Evaluate_DevCorpus_MeetsF1AndFieldThresholds()
    {
        var report = ClassifierFixture.Evaluate(ClassifierFixture.DevCorpus());
        AssertQuality(report, f1: 0.97, fields: 0.95);
    }

    [Fact]
    public void Evaluate_TuningSet_MeetsThresholds()
    {
        var report = ClassifierFixture.Evaluate(ClassifierFixture.DataFile("tuning.jsonl"));
        Assert.True(report.Stories >= 60);
        AssertQuality(report, f1: 0.97, fields: 0.95);
    }

    /// <summary>The held-out set was written before the classifier and not tuned against: a floor, to catch regressions.</summary>
    [Fact]
    public void Evaluate_HeldOutSet_StaysAboveFloor()
    {
        var report = ClassifierFixture.Evaluate(ClassifierFixture.DataFile("heldout.jsonl"));
        Assert.True(report.Stories >= 60);
        AssertQuality(report, f1: 0.95, fields: 0.9);
    }

    /// <summary>
    /// Sets written later, blind to the classifier, by sessions that read only the spec: each was scored once before any
    /// change it prompted (docs/classifier.md gives those first figures); from then on they are regression floors.
    /// heldout-4's amounts stay lower: two of its labels take the story's own US-dollar figure for a euro and a
    /// 新台幣 amount where the spec converts with the configured rates, and a bond story's deal value is missed.
    /// </summary>
    [Theory]
    [InlineData("heldout-2.jsonl", 0.9)]
    [InlineData("heldout-3.jsonl", 0.9)]
    [InlineData("heldout-4.jsonl", 0.85)]
    [InlineData("heldout-5.jsonl", 0.9)]
    [InlineData("heldout-6.jsonl", 0.85)]
    [InlineData("heldout-7.jsonl", 0.85)]
    public void Evaluate_LaterBlindSet_StaysAboveFloor(string file, double fields)
    {
        var report = ClassifierFixture.Evaluate(ClassifierFixture.DataFile(file));
        Assert.True(report.Stories >= 50);
        AssertQuality(report, f1: 0.95, fields: fields);
    }

    [Fact]
    public void Evaluate_DevCorpus_ConfidenceIsCalibrated()
    {
        var report = ClassifierFixture.Evaluate(ClassifierFixture.DevCorpus());
        Assert.True(report.BrierScore < 0.05, $"Brier score {report.BrierScore}");
        foreach (var bin in report.Calibration.Where(b => b.Stories >= 10))
        {
            Assert.InRange(bin.DealShare, bin.MeanConfidence - 0.15, bin.MeanConfidence + 0.15);
        }
    }

    private static void AssertQuality(DealEvaluationReport report, double f1, double fields)
    {
        var misses = string.Join("\n", report.Misses.Select(m => $"{m.Kind} {m.Id} {m.Title} {string.Join("; ", m.Details)}"));
        Assert.True(report.F1 >= f1, $"F1 {report.F1} < {f1}\n{misses}");
        foreach (var field in new[] { "amount", "parties", "buyer", "provider" })
        {
            var accuracy = report.Fields[field].Accuracy;
            Assert.True(accuracy >= fields, $"{field} accuracy {accuracy:0.000} < {fields}\n{misses}");
        }
    }
}
