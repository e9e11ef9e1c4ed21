using DealWatch.Cli.Demo;
using DealWatch.Core;
using DealWatch.Core.Markets;
using DealWatch.Core.Sources;
using DealWatch.Core.Stories;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.Sources;

/// <summary>The bundled demo samples, served by the demo's own static file server and read by the real readers.</summary>
public sealed class SampleSourcesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(SampleServer Server, ServiceProvider Services)> StartAsync()
    {
        var server = await SampleServer.StartAsync(TestFiles.Samples("www"), CancellationToken.None);
        var json = (await File.ReadAllTextAsync(TestFiles.Samples("sources.json"))).Replace("{demo}", server.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal);
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(azurite.Configuration(AzuriteFixture.NewPrefix()))
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddDealWatch(configuration).BuildServiceProvider();
        return (server, services);
    }

    [Fact]
    public async Task Samples_ThreeOutletsReportTheDeal_InTheirOwnFormats()
    {
        var (server, services) = await StartAsync();
        await using var _ = server;
        await using var __ = services;
        var reader = services.GetRequiredService<INewsSourceReader>();

        var results = new List<SourceReadResult>();
        foreach (var name in reader.SourceNames)
        {
            results.Add(await reader.ReadAsync(name, CancellationToken.None));
        }

        Assert.Equal(["Wire Desk", "Capital Wire", "鉅亨網"], results.Select(r => r.SourceName));
        Assert.All(results, r => Assert.Equal(SourceReadStatus.Updated, r.Status));
        Assert.All(results, r => Assert.InRange(r.Stories.Count, 4, 6));
        var deal = results.Select(r => r.Stories[0]).ToList();
        Assert.Equal("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", deal[0].Title);
        Assert.Equal("Amazon shares jump after OpenAI strikes $38bn, seven-year AWS deal", deal[1].Title);
        Assert.Equal("OpenAI棄微軟投AWS 簽下380億美元算力大單", deal[2].Title);
        Assert.All(["亞馬遜AWS", "為期7年", "380億美元"], s => Assert.Contains(s, deal[2].Summary, StringComparison.Ordinal));
        Assert.Equal(["en", "en", "zh-Hant"], deal.Select(s => s.Language));
        Assert.Equal(3, deal.Select(s => s.Url).Distinct().Count());
        Assert.All(deal, s => Assert.DoesNotContain("utm_", s.Url, StringComparison.Ordinal));
        Assert.All(deal, s => Assert.Equal(new DateOnly(2025, 11, 3), DateOnly.FromDateTime(s.PublishedAt!.Value.UtcDateTime)));
    }

    [Fact]
    public async Task PollAsync_UnchangedSamples_OneConditionalRequestEachAndNothingEnqueued()
    {
        var (server, services) = await StartAsync();
        await using var _ = server;
        await using var __ = services;
        var poll = services.GetRequiredService<NewsPollService>();

        var first = await poll.PollAsync(CancellationToken.None);
        var requestsBefore = server.RequestCount;
        var second = await poll.PollAsync(CancellationToken.None);

        Assert.Equal(0, first.SourcesFailed);
        Assert.True(first.StoriesEnqueued >= 14, $"{first.StoriesEnqueued} enqueued");
        Assert.Equal(3, second.SourcesNotModified);
        Assert.Equal(0, second.StoriesRead);
        Assert.Equal(0, second.StoriesEnqueued);
        Assert.Equal(3, server.RequestCount - requestsBefore);
        var health = await services.GetRequiredService<ISourceHealthReader>().GetHealthAsync(CancellationToken.None);
        Assert.All(health, h => Assert.Equal("NotModified", h.LastStatus));
        Assert.All(health, h => Assert.Equal(304, h.LastHttpStatus));
    }

    [Fact]
    public async Task Samples_QuotesMoveAsTheDemoNeeds_ThroughThreeFormatsWithAFallback()
    {
        var (server, services) = await StartAsync();
        await using var _ = server;
        await using var __ = services;
        var quotes = services.GetRequiredService<IQuoteService>();

        var batch = await quotes.GetQuotesAsync(quotes.WatchedSymbols, CancellationToken.None);
        var bySymbol = batch.Quotes.ToDictionary(q => q.Symbol);
        var amazonCloses = await quotes.GetDailyClosesAsync("AMZN", new DateOnly(2025, 10, 24), CancellationToken.None);

        Assert.Empty(batch.Errors);
        Assert.Equal(["^DJI", "^IXIC", "^GSPC", "^TWII", "TXF", "AMZN", "MSFT"], batch.Quotes.Select(q => q.Symbol));
        Assert.InRange(bySymbol["^DJI"].ChangePercent, -1.3m, -1.1m);
        Assert.InRange(bySymbol["^DJI"].Change, -700m, -300m);
        Assert.True(Math.Abs(bySymbol["^IXIC"].ChangePercent) > 1m);
        Assert.True(Math.Abs(bySymbol["^GSPC"].ChangePercent) < 0.5m);
        Assert.True(Math.Abs(bySymbol["^TWII"].ChangePercent) < 0.5m);
        Assert.Equal("twse", bySymbol["^TWII"].Provider); // the chart provider has no ^TWII file: 404, then TWSE MIS
        Assert.Equal(155m, bySymbol["TXF"].Change);
        Assert.Equal(MarketSession.AfterHours, bySymbol["TXF"].Session);
        Assert.InRange(bySymbol["AMZN"].ChangePercent, 4m, 5m);
        Assert.True(Math.Abs(bySymbol["MSFT"].ChangePercent) < 1m);
        Assert.Equal(5, amazonCloses.Count);
        Assert.Equal(new DateOnly(2025, 11, 3), amazonCloses[^1].Date);
        var beforeDeal = amazonCloses.Last(c => c.Date < new DateOnly(2025, 11, 3)).Close;
        Assert.InRange((amazonCloses[^1].Close - beforeDeal) / beforeDeal * 100m, 4m, 5m);
        Assert.All(batch.Quotes.Where(q => q.Symbol != "TXF"), q => Assert.Equal(MarketSession.Regular, q.Session));
    }
}
