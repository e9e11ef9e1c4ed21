using DealWatch.Core.Classification;
using DealWatch.Core.Sources;

namespace DealWatch.Tests.Classification;

/// <summary>Every story of the demo's bundled sources, read by the production parser, then classified.</summary>
public sealed class SampleStoryTests
{
    public static TheoryData<string, SourceKind, string> SampleFiles => new()
    {
        { "feeds/wire-desk.xml", SourceKind.Feed, "en" },
        { "feeds/capital-wire.xml", SourceKind.Feed, "en" },
        { "media/api/v1/newslist/category/headline", SourceKind.Cnyes, "zh-Hant" },
    };

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Classify_SampleSource_OnlyTheOpenAiAwsStoryIsADeal(string file, SourceKind kind, string language)
    {
        var stories = await ReadAsync(file, kind, language);

        Assert.InRange(stories.Count, 4, 6);
        var results = stories.Select(s => (Story: s, Result: ClassifierFixture.Local.Classify(new StoryText(s.Id, s.Title, s.Summary, s.Language)))).ToList();
        var deals = results.Where(r => r.Result.IsComputeDeal).ToList();
        var deal = Assert.Single(deals);
        Assert.Same(stories[0], deal.Story);
        AssertOpenAiAws(deal.Result);
        Assert.All(results.Where(r => !r.Result.IsComputeDeal), r => Assert.True(r.Result.Confidence < 0.5, r.Story.Title));
    }

    [Fact]
    public async Task Classify_SampleDealStories_AgreeOnEveryFact()
    {
        var results = new List<DealClassification>();
        foreach (var row in SampleFiles)
        {
            var stories = await ReadAsync((string)row[0], (SourceKind)row[1], (string)row[2]);
            results.Add(ClassifierFixture.Local.Classify(new StoryText(stories[0].Id, stories[0].Title, stories[0].Summary, stories[0].Language)));
        }

        Assert.All(results, AssertOpenAiAws);
        Assert.Single(results.Select(r => (r.Buyer, r.Provider, string.Join(",", r.Parties), r.AmountUsd, r.DurationYears, r.DealType)).Distinct());
    }

    private static void AssertOpenAiAws(DealClassification result)
    {
        Assert.Equal("openai", result.Buyer);
        Assert.Equal("amazon", result.Provider);
        Assert.Equal(["openai", "amazon"], result.Parties);
        Assert.Equal(38_000_000_000m, result.AmountUsd);
        Assert.Equal(7, result.DurationYears);
        Assert.Equal(DealTypes.CloudCapacity, result.DealType);
    }

    private static async Task<IReadOnlyList<NewsStory>> ReadAsync(string file, SourceKind kind, string language)
    {
        var path = Path.Combine(ClassifierFixture.RepositoryRoot(), "samples", "www", file);
        await using var body = File.OpenRead(path);
        var parsed = await NewsFeedParser.ParseAsync(body, new FeedParseOptions { Kind = kind, DefaultLanguage = language }, CancellationToken.None);
        Assert.True(parsed.Succeeded, parsed.Error);
        return parsed.Stories;
    }
}
