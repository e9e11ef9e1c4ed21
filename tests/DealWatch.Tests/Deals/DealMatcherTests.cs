using DealWatch.Core.Alerts;
using DealWatch.Core.Classification;
using DealWatch.Core.Deals;

namespace DealWatch.Tests.Deals;

public sealed class DealMatcherTests
{
    private static readonly DateTimeOffset Day = new(2025, 11, 3, 13, 0, 0, TimeSpan.Zero);
    private static readonly DealClusteringOptions Options = new();

    internal static DealClassification Story(string id, string? buyer, string? provider, decimal? amount, string language = "en", double? years = null, params string[] parties) => new()
    {
        Id = id,
        IsComputeDeal = true,
        Confidence = 0.95,
        DealType = DealTypes.CloudCapacity,
        Buyer = buyer,
        Provider = provider,
        Parties = parties.Length > 0 ? parties : new[] { buyer, provider }.OfType<string>().ToArray(),
        AmountUsd = amount,
        AmountText = amount is null ? null : $"${amount / 1_000_000_000m}B",
        Currency = amount is null ? null : "USD",
        DurationYears = years,
        Language = language,
    };

    internal static DealSource Source(string id) => new(id, "title " + id, "https://example.com/" + id, "Outlet", "en", Day);

    private static Deal OpenAiAws() => DealMatcher.Create("d1", Story("s1", "openai", "amazon", 38_000_000_000m, years: 7), Source("s1"), Day);

    [Fact]
    public void FindMatch_SamePartiesAndAmountFromAnotherOutlet_ReturnsTheDeal()
    {
        var deal = OpenAiAws();

        var match = DealMatcher.FindMatch([deal], Story("s2", "openai", "amazon", 38_000_000_000m, "zh-Hant"), Day.AddHours(12), Options);

        Assert.Same(deal, match);
    }

    [Fact]
    public void FindMatch_RolesSwappedAndNoAmount_StillTheSameDeal()
    {
        var deal = OpenAiAws();

        Assert.Same(deal, DealMatcher.FindMatch([deal], Story("s2", "amazon", "openai", null), Day.AddDays(1), Options));
    }

    [Fact]
    public void FindMatch_SamePartiesWeeksLaterWithADifferentAmount_IsANewDeal()
    {
        var deal = OpenAiAws();

        Assert.Null(DealMatcher.FindMatch([deal], Story("s2", "openai", "amazon", 100_000_000_000m), Day.AddDays(10), Options));
    }

    [Fact]
    public void FindMatch_OutsideTheWindow_IsANewDeal()
    {
        var deal = OpenAiAws();

        Assert.Null(DealMatcher.FindMatch([deal], Story("s2", "openai", "amazon", 38_000_000_000m), Day + Options.Window + TimeSpan.FromDays(1), Options));
    }

    [Fact]
    public void FindMatch_OneSharedPartyOnly_IsANewDeal()
    {
        var deal = OpenAiAws();

        Assert.Null(DealMatcher.FindMatch([deal], Story("s2", "openai", "oracle", 38_000_000_000m), Day, Options));
    }

    [Fact]
    public void FindMatch_SinglePartyStoryWithTheSameAmount_JoinsTheDeal()
    {
        var deal = OpenAiAws();

        Assert.Same(deal, DealMatcher.FindMatch([deal], Story("s2", "openai", null, 38_000_000_000m), Day, Options));
    }

    [Fact]
    public void FindMatch_TwoCandidates_PrefersTheCloserAmount()
    {
        var small = DealMatcher.Create("small", Story("a", "openai", "amazon", 33_000_000_000m), Source("a"), Day);
        var exact = DealMatcher.Create("exact", Story("b", "openai", "amazon", 38_000_000_000m), Source("b"), Day);

        Assert.Same(exact, DealMatcher.FindMatch([small, exact], Story("c", "openai", "amazon", 38_000_000_000m), Day, Options));
    }

    [Fact]
    public void Merge_SecondOutlet_AddsSourceWithoutNewFacts()
    {
        var merged = DealMatcher.Merge(OpenAiAws(), Story("s2", "openai", "amazon", 38_000_000_000m, "zh-Hant"), Source("s2"), Day.AddHours(2), Options);

        Assert.Equal(["s1", "s2"], merged.Sources.Select(s => s.StoryId));
        Assert.Equal(1, merged.FactsVersion);
        Assert.Equal(["en", "zh-Hant"], merged.Languages);
        Assert.Equal(38_000_000_000m, merged.AmountUsd);
    }

    [Fact]
    public void Merge_SameStoryAgain_ChangesNothing()
    {
        var deal = OpenAiAws();

        Assert.Same(deal, DealMatcher.Merge(deal, Story("s1", "openai", "amazon", 50_000_000_000m), Source("s1"), Day.AddDays(1), Options));
    }

    [Fact]
    public void Merge_AmountFirstGiven_IsMaterial()
    {
        var deal = DealMatcher.Create("d", Story("s1", "openai", "amazon", null), Source("s1"), Day);

        var merged = DealMatcher.Merge(deal, Story("s2", "openai", "amazon", 38_000_000_000m), Source("s2"), Day.AddHours(1), Options);

        Assert.Equal(2, merged.FactsVersion);
        Assert.Equal(38_000_000_000m, merged.AmountUsd);
        Assert.Null(merged.PreviousAmountUsd);
    }

    [Fact]
    public void Merge_NewerStoryRevisesAmount_KeepsPreviousAndBumpsVersion()
    {
        var merged = DealMatcher.Merge(OpenAiAws(), Story("s2", "openai", "amazon", 45_000_000_000m), Source("s2"), Day.AddDays(1), Options);

        Assert.Equal(45_000_000_000m, merged.AmountUsd);
        Assert.Equal(38_000_000_000m, merged.PreviousAmountUsd);
        Assert.Equal(2, merged.FactsVersion);
    }

    [Fact]
    public void Merge_SmallDifferenceInAmount_IsNotARevision()
    {
        var merged = DealMatcher.Merge(OpenAiAws(), Story("s2", "openai", "amazon", 38_500_000_000m), Source("s2"), Day.AddDays(1), Options);

        Assert.Equal(38_000_000_000m, merged.AmountUsd);
        Assert.Equal(1, merged.FactsVersion);
    }

    [Fact]
    public void Merge_OlderStoryWithAnotherAmount_DoesNotRevise()
    {
        var merged = DealMatcher.Merge(OpenAiAws(), Story("s0", "openai", "amazon", 30_000_000_000m), Source("s0"), Day.AddDays(-1), Options);

        Assert.Equal(38_000_000_000m, merged.AmountUsd);
        Assert.Equal(Day.AddDays(-1), merged.FirstReportedAt);
    }

    [Fact]
    public void Merge_BeyondMaxSources_StopsListingButKeepsCounting()
    {
        var options = new DealClusteringOptions { MaxSources = 2 };
        var deal = OpenAiAws();
        deal = DealMatcher.Merge(deal, Story("s2", "openai", "amazon", null), Source("s2"), Day, options);
        deal = DealMatcher.Merge(deal, Story("s3", "openai", "amazon", null, years: 7), Source("s3"), Day.AddHours(5), options);

        Assert.Equal(2, deal.Sources.Count);
        Assert.Equal(Day.AddHours(5), deal.LastReportedAt);
    }
}
