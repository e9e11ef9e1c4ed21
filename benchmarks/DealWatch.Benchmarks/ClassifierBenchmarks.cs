using BenchmarkDotNet.Attributes;
using DealWatch.Core.Classification;

namespace DealWatch.Benchmarks;

/// <summary>The local classifier on title + summary, one story at a time on one thread; results are per story.</summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private LocalDealClassifier _classifier = null!;
    private StoryText[] _stories = [];

    [GlobalSetup]
    public void Setup()
    {
        _classifier = new LocalDealClassifier(new ClassificationOptions(), Lexicon.Default);
        _stories = BenchmarkStories.Stories();
        if (_stories.Length != StoriesPerInvocation)
        {
            _stories = Enumerable.Range(0, StoriesPerInvocation).Select(i => _stories[i % _stories.Length]).ToArray();
        }
    }

    public const int StoriesPerInvocation = 300;

    [Benchmark(OperationsPerInvoke = StoriesPerInvocation)]
    public int ClassifyStory()
    {
        var deals = 0;
        foreach (var story in _stories)
        {
            if (_classifier.Classify(story).IsComputeDeal) deals++;
        }
        return deals;
    }
}
