using DealWatch.Core.Classification;
using DealWatch.Core.Deals;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using DealWatch.Core.Stories;
using DealWatch.Tests.EndToEnd;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.Deals;

/// <summary>Clustering on Azurite under concurrency: the same deal from many outlets at once is one deal.</summary>
public sealed class DealServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Day = new(2025, 11, 3, 13, 0, 0, TimeSpan.Zero);

    private static StoredStory Stored(string id, int minutes) =>
        new(new NewsStory(id, "title " + id, "https://news.example.com/" + id, Day.AddMinutes(minutes), "", "en", "Outlet " + id, "v1:" + id), Day, true, null, null);

    private static DealClassification Deal(string id, string buyer, string provider, decimal amount) =>
        DealMatcherTests.Story(id, buyer, provider, amount) with { Id = id };

    [Fact]
    public async Task AttachAsync_TwelveOutletsOfOneDealAtOnce_OneDealWithEverySourceAndOneAlert()
    {
        await using var harness = PipelineHarness.Create(azurite, [new("DealWatch:Deals:AlertDelay", "00:00:00")]);
        var service = harness.Services.GetRequiredService<DealService>();

        var attached = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            service.AttachAsync(Stored($"s{i:00}", i), Deal($"s{i:00}", i % 2 == 0 ? "openai" : "amazon", i % 2 == 0 ? "amazon" : "openai", 38_000_000_000m), CancellationToken.None)));

        Assert.Single(attached.Select(d => d.Id).Distinct());
        var deal = await harness.Services.GetRequiredService<DealStore>().GetAsync(attached[0].Id, CancellationToken.None);
        Assert.Equal(12, deal!.Sources.Count);
        Assert.Empty(deal.PendingAlerts);
        var alerts = await harness.PeekAsync(QueueNames.Alerts);
        Assert.Single(alerts);
    }

    [Fact]
    public async Task AttachAsync_TenUnrelatedDealsAtOnce_TenDeals()
    {
        await using var harness = PipelineHarness.Create(azurite, [new("DealWatch:Deals:AlertDelay", "00:00:00")]);
        var service = harness.Services.GetRequiredService<DealService>();

        var attached = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            service.AttachAsync(Stored($"u{i:00}", i), Deal($"u{i:00}", $"lab-{i}", $"cloud-{i}", 2_000_000_000m), CancellationToken.None)));

        Assert.Equal(10, attached.Select(d => d.Id).Distinct().Count());
        Assert.Equal(10, (await harness.PeekAsync(QueueNames.Alerts)).Length);
    }

    [Fact]
    public async Task AttachAsync_SameStoryTwice_DoesNotAddItAgainOrAlertAgain()
    {
        await using var harness = PipelineHarness.Create(azurite, [new("DealWatch:Deals:AlertDelay", "00:00:00")]);
        var service = harness.Services.GetRequiredService<DealService>();
        var story = Stored("again", 0);
        var classification = Deal("again", "openai", "amazon", 38_000_000_000m);

        var first = await service.AttachAsync(story, classification, CancellationToken.None);
        var second = await service.AttachAsync(story, classification, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(second.Sources);
        Assert.Single(await harness.PeekAsync(QueueNames.Alerts));
    }
}
