using System.Text.Json;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Classification;

namespace DealWatch.Benchmarks;

/// <summary>The labelled stories of the repository (our tuning and held-out sets, and the shared dev corpus when it is beside the repository).</summary>
internal static class BenchmarkStories
{
    private static string Root() =>
        RepositoryRoot.Find()?.FullName ?? throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);

    public static List<string> Lines()
    {
        var root = Root();
        var files = new List<string>
        {
            Path.Combine(root, "tests", "DealWatch.Tests", "Classification", "Data", "tuning.jsonl"),
            Path.Combine(root, "tests", "DealWatch.Tests", "Classification", "Data", "heldout.jsonl"),
        };
        var dev = Path.Combine(root, "..", "shared", "corpus", "deals-dev.jsonl");
        if (File.Exists(dev)) files.Add(dev);
        return files.SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
    }

    public static StoryText[] Stories() => Lines()
        .Select(l => JsonSerializer.Deserialize(l, ClassificationJsonContext.Default.LabelledStoryLine)!.ToStory())
        .ToArray();

    /// <summary>Ordinary business news (<c>ClassifierGeneralNews.jsonl</c>: rates, oil, retail, airlines), what a feed mostly carries.</summary>
    public static StoryText[] GeneralNews() =>
        File.ReadLines(Path.Combine(Root(), "benchmarks", "DealWatch.Benchmarks", "ClassifierGeneralNews.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize(l, ClassificationJsonContext.Default.StoryText)!)
            .ToArray();
}
