using BenchmarkDotNet.Attributes;
using DealWatch.Core.Classification;

namespace DealWatch.Benchmarks;

/// <summary>
/// The local classifier on title + summary, one story at a time on one thread; results are per story. Two inputs: the labelled
/// stories (about half deals, the rest hard negatives that talk of AI, clouds and chips) and ordinary business news
/// (<c>ClassifierGeneralNews.jsonl</c>: rates, oil, retail, airlines, in English and Chinese), which is what a feed mostly carries.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    public const int StoriesPerInvocation = 300;

    private LocalDealClassifier _classifier = null!;
    private StoryText[] _labelled = [];
    private StoryText[] _generalNews = [];

    [GlobalSetup]
    public void Setup()
    {
        _classifier = new LocalDealClassifier(new ClassificationOptions(), Lexicon.Default);
        _labelled = Repeat(BenchmarkStories.Stories());
        _generalNews = Repeat(BenchmarkStories.GeneralNews());
    }

    [Benchmark(OperationsPerInvoke = StoriesPerInvocation)]
    public int ClassifyStory() => Run(_labelled);

    [Benchmark(OperationsPerInvoke = StoriesPerInvocation)]
    public int ClassifyGeneralNewsStory() => Run(_generalNews);

    private int Run(StoryText[] stories)
    {
        var deals = 0;
        foreach (var story in stories)
        {
            if (_classifier.Classify(story).IsComputeDeal) deals++;
        }
        return deals;
    }

    private static StoryText[] Repeat(StoryText[] stories) =>
        Enumerable.Range(0, StoriesPerInvocation).Select(i => stories[i % stories.Length]).ToArray();
}
