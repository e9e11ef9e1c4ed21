using DealWatch.Cli.Demo;
using DealWatch.Core;
using DealWatch.Core.Alerts;
using DealWatch.Core.Markets;
using DealWatch.Core.Storage;
using DealWatch.Core.Stories;
using DealWatch.Tests.Fakes;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DealWatch.Tests.EndToEnd;

/// <summary>Quiet hours and the digest, market-move cooldowns, and polls of unchanged sources, on Azurite.</summary>
public sealed class RulesPipelineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task QuietHours_AlertIsHeldThenSentOnceInTheMorningDigest()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 23, 0, 0, TimeSpan.Zero));
        await using var harness = PipelineHarness.Create(azurite, sendGrid.Settings().Concat(
        [
            new("DealWatch:Subscriptions:0:QuietHours", "22:00-07:00"),
            new("DealWatch:Subscriptions:0:DigestAt", "07:30"),
            new("DealWatch:Subscriptions:0:TimeZone", "UTC"),
        ]), time);
        var alert = await harness.AddAlertAsync("night.desk.v1", time.GetUtcNow());
        await harness.SendAsync(QueueNames.Alerts, new AlertMessage(MessageVersions.Current, alert.Id));
        await harness.DrainAsync();

        var alerts = harness.Services.GetRequiredService<AlertStore>();
        Assert.Equal(AlertState.Held, (await alerts.GetAsync(alert.Id, CancellationToken.None))!.State);
        Assert.Empty(sendGrid.Requests);

        var digests = harness.Services.GetRequiredService<DigestService>();
        time.SetUtcNow(new DateTimeOffset(2025, 11, 4, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await digests.RunAsync(CancellationToken.None));
        time.SetUtcNow(new DateTimeOffset(2025, 11, 4, 7, 45, 0, TimeSpan.Zero));
        Assert.Equal(1, await digests.RunAsync(CancellationToken.None));
        Assert.Equal(0, await digests.RunAsync(CancellationToken.None));
        await harness.DrainAsync();

        var email = Assert.Single(sendGrid.Requests);
        Assert.Equal([PipelineHarness.Recipient], email.To);
        Assert.Equal("digest.desk.20251104", email.CustomArgs["alert_id"]);
        Assert.Contains("OpenAI", email.Text, StringComparison.Ordinal);
        Assert.Equal(AlertState.Digested, (await alerts.GetAsync(alert.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task PollMarkets_SameMoveTwiceAndWithinTheCooldown_AlertsOnce()
    {
        await using var server = await SampleServer.StartAsync(Path.Combine(DemoRunner.SamplesDirectory(), "www"), CancellationToken.None);
        var settings = new Dictionary<string, string?>
        {
            ["DealWatch:Markets:Symbols"] = "^DJI,^IXIC",
            ["DealWatch:Markets:Providers:0:Name"] = "chart",
            ["DealWatch:Markets:Providers:0:Kind"] = "chart",
            ["DealWatch:Markets:Providers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["DealWatch:Subscriptions:0:Moves:0:Symbols:0"] = "^DJI",
            ["DealWatch:Subscriptions:0:Moves:0:Symbols:1"] = "^IXIC",
            ["DealWatch:Subscriptions:0:Moves:0:Percent"] = "1",
            ["DealWatch:Subscriptions:0:Moves:0:Cooldown"] = "06:00:00",
        };
        await using var harness = PipelineHarness.Create(azurite, settings);
        var alerts = harness.Services.GetRequiredService<AlertStore>();
        var now = TimeProvider.System.GetUtcNow();
        // ^IXIC was alerted an hour ago for another session: the cooldown holds this one back.
        await alerts.AddAsync(new Alert
        {
            Id = "move.desk.^IXIC.earlier",
            Kind = AlertKind.IndexMove,
            Subscription = PipelineHarness.Subscription,
            Language = "en",
            CreatedAt = now.AddHours(-1),
            Move = new MarketMove { Quote = new Quote("^IXIC", "Nasdaq", InstrumentKind.Index, 1, 1, null, now.AddHours(-1), "America/New_York", MarketSession.PreMarket, "test"), Threshold = "1%" },
        }, CancellationToken.None);
        var markets = harness.Services.GetRequiredService<MarketPollService>();

        var first = await markets.PollAsync(CancellationToken.None);
        var second = await markets.PollAsync(CancellationToken.None);

        Assert.Equal(2, first.Quotes);
        Assert.Equal(1, first.AlertsPublished);
        Assert.Equal(0, second.AlertsPublished);
        var published = Assert.Single(await harness.PeekAsync(QueueNames.Alerts));
        Assert.Contains("move.desk.^DJI.20251103.Regular", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollNews_UnchangedSources_OneConditionalRequestEachAndNothingEnqueued()
    {
        await using var server = await SampleServer.StartAsync(Path.Combine(DemoRunner.SamplesDirectory(), "www"), CancellationToken.None);
        var settings = new Dictionary<string, string?>
        {
            ["DealWatch:Sources:0:Name"] = "Wire Desk",
            ["DealWatch:Sources:0:Url"] = server.BaseUrl + "feeds/wire-desk.xml",
            ["DealWatch:Sources:0:Kind"] = "feed",
            ["DealWatch:Sources:1:Name"] = "Capital Wire",
            ["DealWatch:Sources:1:Url"] = server.BaseUrl + "feeds/capital-wire.xml",
            ["DealWatch:Sources:1:Kind"] = "feed",
        };
        await using var harness = PipelineHarness.Create(azurite, settings);
        var poller = harness.Services.GetRequiredService<NewsPollService>();

        var first = await poller.PollAsync(CancellationToken.None);
        var queued = (await harness.PeekAsync(QueueNames.Stories)).Length;
        var requestsBefore = server.RequestCount;
        var second = await poller.PollAsync(CancellationToken.None);

        Assert.True(first.StoriesEnqueued > 0);
        Assert.Equal(first.StoriesEnqueued, queued);
        Assert.Equal(2, second.SourcesNotModified);
        Assert.Equal(0, second.StoriesEnqueued);
        Assert.Equal(2, server.RequestCount - requestsBefore);
        Assert.Equal(queued, (await harness.PeekAsync(QueueNames.Stories)).Length);
    }
}
