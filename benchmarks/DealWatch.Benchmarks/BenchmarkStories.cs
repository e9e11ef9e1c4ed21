using System.Text.Json;
using DealWatch.Core.Classification;

namespace DealWatch.Benchmarks;

/// <summary>The labelled stories of the repository (our tuning and held-out sets, and the shared dev corpus when it is beside the repository).</summary>
internal static class BenchmarkStories
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }

    public static List<string> Lines()
    {
        var root = RepositoryRoot();
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
}
