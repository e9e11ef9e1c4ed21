using System.Text.Json;
using DealWatch.Core.Classification;

namespace DealWatch.Tests.Classification;

/// <summary>The classifier with its shipped lexicon and default options, and the labelled files.</summary>
internal static class ClassifierFixture
{
    public static LocalDealClassifier Local { get; } = new(new ClassificationOptions(), Lexicon.Default);

    public static DealClassification Classify(string title, string? summary = null, string? language = null) =>
        Local.Classify(new StoryText("t", title, summary, language));

    /// <summary>The repository root (the folder with Functions.sln), found from the test binary upwards.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }

    public static string DataFile(string name) => Path.Combine(RepositoryRoot(), "tests", "DealWatch.Tests", "Classification", "Data", name);

    /// <summary>
    /// shared/corpus/deals-dev.jsonl beside the repository (or where DEALWATCH_DEV_CORPUS points); where the shared
    /// folder is not beside the checkout (a CI machine), the copy in Data/ taken from it.
    /// </summary>
    public static string DevCorpus()
    {
        var configured = Environment.GetEnvironmentVariable("DEALWATCH_DEV_CORPUS");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var dir = new DirectoryInfo(RepositoryRoot()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "deals-dev.jsonl");
            if (File.Exists(candidate)) return candidate;
        }
        var copy = DataFile("deals-dev.jsonl");
        return File.Exists(copy) ? copy : throw new FileNotFoundException("shared/corpus/deals-dev.jsonl was not found beside the repository nor in Data/; set DEALWATCH_DEV_CORPUS.");
    }

    public static List<LabelledStoryLine> Read(string path) =>
        File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize(l, ClassificationJsonContext.Default.LabelledStoryLine)!)
            .ToList();

    public static DealEvaluationReport Evaluate(string path) =>
        DealEvaluator.Evaluate(Read(path).Select(line => (line, Local.Classify(line.ToStory()))));
}
